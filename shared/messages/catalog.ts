import * as z from "zod"

import { topicTag } from "../posts/topic"
import { defineMessage } from "./define"

const amplifyResult = z.union([
  z.object({ ok: z.literal(true), status: z.enum(["created", "already-amplified"]), url: z.string(), title: z.string() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() })
])

/** Side panel → background: amplify the page in the active tab of the side panel's window. */
export const amplifyActiveTab = defineMessage("amplify/active-tab", z.object({ windowId: z.number().int().optional() }), amplifyResult)

/** Side panel → background: the person's public identity (created on first run). */
export const getIdentity = defineMessage("identity/get", z.object({}), z.object({ pubkey: z.string().regex(/^[0-9a-f]{64}$/), npub: z.string() }))

// ---- Identity and settings (Settings page and welcome page → background) ----------------------
// Secrets travel only in what the person typed (import, passphrases) and in a backup they asked
// to see; every other answer is the public status below.

const pubkeyHex = z.string().regex(/^[0-9a-f]{64}$/)
const passphrase = z.string().min(1).max(1024)
const identityFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })

export const identityStatusSchema = z.object({
  /** The identity posts are signed with: Synereo's own key, or the connected NIP-07 signer's. */
  pubkey: pubkeyHex,
  npub: z.string(),
  signer: z.enum(["local", "nip07"]),
  /** Synereo's own key. `lock`: "off" (stored plain), "unlocked" (lock set, key in session memory), "locked". */
  own: z.object({
    pubkey: pubkeyHex,
    npub: z.string(),
    lock: z.enum(["off", "unlocked", "locked"]),
    backup: z.object({ at: z.number(), format: z.enum(["ncryptsec", "nsec", "imported"]) }).nullable()
  })
})
export type IdentityStatus = z.infer<typeof identityStatusSchema>
const identityResult = z.union([z.object({ ok: z.literal(true), status: identityStatusSchema }), identityFailure])
/** `replacing`: the own identity the person confirmed to lose (null when there is none); a stale confirmation is refused. */
const replacing = pubkeyHex.nullable()

export const identityStatus = defineMessage("identity/status", z.object({}), identityResult)
export const createIdentity = defineMessage("identity/create", z.object({ replacing }), identityResult)
export const importIdentity = defineMessage(
  "identity/import",
  z.object({ secret: z.string().max(2000), passphrase: passphrase.optional(), replacing }),
  identityResult
)
export const backupIdentity = defineMessage(
  "identity/backup",
  z.union([z.object({ format: z.literal("ncryptsec"), passphrase }), z.object({ format: z.literal("nsec"), confirmed: z.literal(true) })]),
  z.union([z.object({ ok: z.literal(true), format: z.enum(["ncryptsec", "nsec"]), value: z.string(), pubkey: pubkeyHex }), identityFailure])
)
export const confirmBackup = defineMessage("identity/backup-confirm", z.object({ pubkey: pubkeyHex, format: z.enum(["ncryptsec", "nsec"]) }), identityResult)
export const setKeyLock = defineMessage("identity/lock-set", z.object({ passphrase }), identityResult)
export const unlockKey = defineMessage("identity/unlock", z.object({ passphrase }), identityResult)
export const lockKeyNow = defineMessage("identity/lock-now", z.object({}), identityResult)
export const changeLockPassphrase = defineMessage("identity/lock-change", z.object({ current: passphrase, next: passphrase }), identityResult)
export const removeKeyLock = defineMessage("identity/lock-remove", z.object({ passphrase }), identityResult)
export const useSigner = defineMessage(
  "identity/use-signer",
  z.union([z.object({ kind: z.literal("local") }), z.object({ kind: z.literal("nip07"), tabId: z.number().int().optional() })]),
  identityResult
)

export const identityMessages = [
  identityStatus,
  createIdentity,
  importIdentity,
  backupIdentity,
  confirmBackup,
  setKeyLock,
  unlockKey,
  lockKeyNow,
  changeLockPassphrase,
  removeKeyLock,
  useSigner
] as const

// ---- Network sync and the Stream's likes and comments (side panel → background) ----------------
// docs/PROTOCOL.md Part 1. Relay refusals are part of the status: never dropped silently.

const syncFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })
const relayEntrySchema = z.object({ url: z.string().min(1).max(512), read: z.boolean(), write: z.boolean() })
const relayRejectionSchema = z.object({ url: z.string(), eventId: z.string(), kind: z.number().int(), reason: z.string(), at: z.number() })

export const syncStatusSchema = z.object({
  /** "nip65": the person's relay list; "defaults": this build's defaults. */
  source: z.enum(["nip65", "defaults"]),
  /** "wasm" or "js": how incoming signatures are verified. */
  verifier: z.enum(["wasm", "js"]),
  relays: z.array(
    z.object({
      url: z.string(),
      read: z.boolean(),
      write: z.boolean(),
      state: z.enum(["idle", "connecting", "open", "closed"]),
      live: z.boolean(),
      lastError: z.string().optional(),
      received: z.number(),
      stored: z.number(),
      duplicates: z.number(),
      invalid: z.number(),
      published: z.number(),
      rejected: z.number()
    })
  ),
  outbox: z.object({ pending: z.number(), rejected: z.number(), sent: z.number() }),
  rejections: z.array(relayRejectionSchema)
})
export type SyncStatus = z.infer<typeof syncStatusSchema>

/** The sync core's connections, outbox and the relays' latest refusals of our events. */
export const syncStatus = defineMessage("sync/status", z.object({}), z.union([z.object({ ok: z.literal(true), status: syncStatusSchema }), syncFailure]))

/** The person chooses their relays: signs and publishes a NIP-65 list (kind 10002), and the pool follows it. */
export const setRelays = defineMessage(
  "sync/set-relays",
  z.object({ relays: z.array(relayEntrySchema).min(1).max(20) }),
  z.union([z.object({ ok: z.literal(true), relays: z.array(relayEntrySchema) }), syncFailure])
)

/** Like a Stream card (NIP-25 kind 7 on its first bookmark, with NIP-13 work). Liking twice changes nothing. */
export const reactToPost = defineMessage(
  "stream/react",
  z.object({ url: z.string().min(1).max(2048), content: z.string().min(1).max(64).optional() }),
  z.union([z.object({ ok: z.literal(true), id: z.string(), status: z.enum(["created", "already"]) }), syncFailure])
)

/** Comment on a Stream card (NIP-22 kind 1111 rooted at the page, parent its first bookmark, with NIP-13 work). */
export const commentOnPost = defineMessage(
  "stream/comment",
  z.object({ url: z.string().min(1).max(2048), content: z.string().min(1).max(8000) }),
  z.union([z.object({ ok: z.literal(true), id: z.string() }), syncFailure])
)

export const syncMessages = [syncStatus, setRelays, reactToPost, commentOnPost] as const

/** Every message the background answers. */
export const backgroundMessages = [amplifyActiveTab, getIdentity, ...identityMessages, ...syncMessages] as const

/** Last amplification outcome, kept in session storage so the side panel can show it. */
export const lastAmplifySchema = z.object({ at: z.number(), source: z.enum(["menu", "panel", "action"]), result: amplifyResult })
export type LastAmplify = z.infer<typeof lastAmplifySchema>
export const LAST_AMPLIFY_KEY = "amplify.last"

// ---- AMP wallet (side panel → background; extension/features/wallet/background) --------------
// docs/PROTOCOL.md Part 2. Amounts travel as AMP decimal strings ("12.5"), never as numbers or
// bigints: the supply exceeds 2^53 and bigint does not survive every structured clone.

const ampDecimal = z.string().regex(/^(0|[1-9][0-9]*)(\.[0-9]{1,8})?$/, "an AMP decimal with at most 8 decimals")
const walletFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })

export const walletNetworkSchema = z.object({
  genesisId: pubkeyHex,
  network: z.string(),
  issuer: pubkeyHex,
  supply: ampDecimal,
  upkeep: pubkeyHex,
  split: z.object({ creatorBps: z.number().int(), upkeepBps: z.number().int(), viewersBps: z.number().int() }),
  receiptPow: z.number().int(),
  minAttentionSecs: z.number().int(),
  maxStakeWindowSecs: z.number().int()
})
export type WalletNetwork = z.infer<typeof walletNetworkSchema>

export const walletBalanceSchema = z.object({
  pubkey: pubkeyHex,
  /** Applied in this device's ledger: spendable (minus pendingOut). */
  confirmed: ampDecimal,
  /** Held transfers to the person; may apply later. */
  pendingIn: ampDecimal,
  /** The person's own held transfers, stakes and burns. */
  pendingOut: ampDecimal,
  escrowed: ampDecimal,
  burned: ampDecimal,
  spendable: ampDecimal,
  /** Set when the account forked and can never spend again. */
  frozenAtSeq: z.number().int().nullable()
})
export type WalletBalanceWire = z.infer<typeof walletBalanceSchema>

/** One history entry; which optional fields are set depends on `kind`. */
export const walletHistoryEntrySchema = z.object({
  id: pubkeyHex,
  at: z.number().int(),
  kind: z.enum(["issue", "transfer-in", "transfer-out", "stake", "payout", "burn", "receipt", "settle"]),
  direction: z.enum(["in", "out", "none"]),
  amount: ampDecimal,
  status: z.enum(["applied", "held", "rejected"]),
  reason: z.string().nullable(),
  message: z.string(),
  /** transfer-in/out: the other account. */
  counterparty: pubkeyHex.optional(),
  memo: z.string().optional(),
  /** stake and payout: the amplified link. */
  url: z.string().optional(),
  post: pubkeyHex.nullable().optional(),
  creator: pubkeyHex.optional(),
  close: z.number().int().optional(),
  stakeStatus: z.string().optional(),
  /** payout: which share ("viewer", "creator", "upkeep", "refund") of which stake, by whom. */
  role: z.enum(["viewer", "creator", "upkeep", "refund"]).optional(),
  stakeId: pubkeyHex.optional(),
  staker: pubkeyHex.optional(),
  seconds: z.number().int().optional(),
  receipts: z.number().int().optional()
})
export type WalletHistoryEntryWire = z.infer<typeof walletHistoryEntrySchema>

/** An event the wallet signed: stored first, then handed to the network's outbox. */
export const walletSubmittedSchema = z.object({
  id: pubkeyHex,
  status: z.enum(["applied", "held", "rejected"]),
  reason: z.string().nullable(),
  message: z.string(),
  published: z.boolean(),
  publishError: z.string().nullable()
})

export const walletDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  viewer: ampDecimal,
  creator: ampDecimal,
  upkeep: ampDecimal,
  total: ampDecimal
})

/** The AMP network this device's wallet follows (null until one is pinned). */
export const walletNetwork = defineMessage(
  "wallet/network",
  z.object({}),
  z.union([z.object({ ok: z.literal(true), network: walletNetworkSchema.nullable() }), walletFailure])
)
/** Pins the wallet to a network by its signed genesis event (kind 3330); a different one is refused. */
export const walletPinNetwork = defineMessage(
  "wallet/pin-network",
  z.object({ genesis: z.unknown() }),
  z.union([z.object({ ok: z.literal(true), network: walletNetworkSchema }), walletFailure])
)
export const walletBalance = defineMessage(
  "wallet/balance",
  z.object({}),
  z.union([z.object({ ok: z.literal(true), balance: walletBalanceSchema }), walletFailure])
)
export const walletHistory = defineMessage(
  "wallet/history",
  z.object({ limit: z.number().int().min(1).max(10_000).optional() }),
  z.union([z.object({ ok: z.literal(true), entries: z.array(walletHistoryEntrySchema) }), walletFailure])
)
/** Send AMP to an npub or 64-hex key. Refusals: bad-key, own-key, bad-amount, insufficient-balance, frozen-account, bad-memo. */
export const walletSend = defineMessage(
  "wallet/send",
  z.object({ to: z.string().max(200), amount: z.string().max(32), memo: z.string().max(280).optional() }),
  z.union([z.object({ ok: z.literal(true), submitted: walletSubmittedSchema }), walletFailure])
)
/** Amplify a post with AMP: escrowed on the link until the window closes, then paid out by settling. */
export const walletStake = defineMessage(
  "wallet/stake",
  z.object({
    amount: z.string().max(32),
    url: z.string().min(1).max(2048),
    creator: z.string().max(200),
    postId: z.string().max(64).optional(),
    windowSecs: z.number().int().positive().optional()
  }),
  z.union([z.object({ ok: z.literal(true), submitted: walletSubmittedSchema }), walletFailure])
)
/** A receipt's weight from the side panel's engine: a decimal integer; the background checks the ledger's bound. */
const receiptWeight = z.string().regex(/^(0|[1-9][0-9]{0,18})$/, "a non-negative decimal integer")
export const walletDueStakeSchema = z.object({
  stakeId: pubkeyHex,
  /** The post's creator and the staker (the person): the engine's originator and promoter. */
  creator: pubkeyHex,
  staker: pubkeyHex,
  close: z.number().int(),
  /** The receipts a settle would count now, one per viewer. */
  receipts: z.array(z.object({ id: pubkeyHex, pubkey: pubkeyHex, seconds: z.number().int() }))
})
export type WalletDueStake = z.infer<typeof walletDueStakeSchema>
/** The person's open stakes closed at least `graceSecs` ago, with what the side panel's engine weighs for their settles. */
export const walletDueStakes = defineMessage(
  "wallet/due-stakes",
  z.object({ graceSecs: z.number().int().min(0).max(86_400).optional() }),
  z.union([z.object({ ok: z.literal(true), stakes: z.array(walletDueStakeSchema) }), walletFailure])
)
/**
 * Settles the person's stakes whose window has closed, counting the receipts held for them. Without
 * `weights`: every due stake, each receipt weighed by the ledger's default. With `weights` (the side
 * panel's engine, per stake and receipt id): exactly those stakes, weighed so (docs/PROTOCOL.md §2.9).
 */
export const walletSettleDue = defineMessage(
  "wallet/settle-due",
  z.object({
    weights: z
      .array(z.object({ stakeId: pubkeyHex, receipts: z.array(z.tuple([pubkeyHex, receiptWeight])).max(10_000) }))
      .max(1_000)
      .optional()
  }),
  z.union([z.object({ ok: z.literal(true), settled: z.array(walletSubmittedSchema) }), walletFailure])
)
/** Earnings (viewer, creator, upkeep shares) per UTC day, days as YYYY-MM-DD. */
export const walletEarnings = defineMessage(
  "wallet/earnings",
  z.object({ fromDay: z.string().max(10).optional(), toDay: z.string().max(10).optional() }),
  z.union([z.object({ ok: z.literal(true), days: z.array(walletDaySchema) }), walletFailure])
)

export const walletMessages = [
  walletNetwork,
  walletPinNetwork,
  walletBalance,
  walletHistory,
  walletSend,
  walletStake,
  walletDueStakes,
  walletSettleDue,
  walletEarnings
] as const

// ---- The Stream: threaded replies, mute, Stream settings, re-amplify (side panel → background;
// extension/features/stream/background). docs/PROTOCOL.md Part 1 (kinds 1111, 10000, 30078).

const streamFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })

/** Reply to a comment on a Stream card (NIP-22 kind 1111: root the page, parent the comment, with NIP-13 work). */
export const replyToComment = defineMessage(
  "stream/reply",
  z.object({ url: z.string().min(1).max(2048), parentId: pubkeyHex, content: z.string().min(1).max(8000) }),
  z.union([z.object({ ok: z.literal(true), id: z.string() }), streamFailure])
)

/** Mute (on) or unmute an author: signs and publishes the person's NIP-51 mute list (kind 10000) with the change. */
export const muteAuthor = defineMessage(
  "stream/mute",
  z.object({ pubkey: pubkeyHex, on: z.boolean() }),
  z.union([z.object({ ok: z.literal(true), pubkeys: z.array(pubkeyHex) }), streamFailure])
)

/** Saves the Stream settings (dials, opt-outs, blocked advertisers): signs and publishes kind 30078. */
export const saveStreamSettings = defineMessage(
  "stream/settings-save",
  z.object({ settings: z.unknown() }),
  z.union([z.object({ ok: z.literal(true), id: z.string() }), streamFailure])
)

/** Amplifies a Stream card's link again, as the person (their own bookmark of the same URL). */
export const reamplifyPost = defineMessage("stream/reamplify", z.object({ url: z.string().min(1).max(2048) }), amplifyResult)

export const streamMessages = [replyToComment, muteAuthor, saveStreamSettings, reamplifyPost] as const

// ---- Passive earning (side panel → background; extension/features/earning) -------------------
// Off until the person turns it on in the Earning view, which first asks the browser for the
// optional `tabs` and `idle` permissions. The list of counted sessions is read from Dexie (v5).

const earningFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })

export const earningStatusSchema = z.object({
  enabled: z.boolean(),
  /** Whether the optional permissions earning needs (`tabs`, `idle`) are granted. */
  permissions: z.boolean(),
  /** The pinned network's minimum attention (genesis `min_attention_secs`), or null without a network. */
  minAttentionSecs: z.number().int().nullable(),
  /** The page being counted right now, if any (always an amplified page). */
  active: z.object({ url: z.string(), title: z.string(), stakeId: z.string(), seconds: z.number() }).nullable()
})
export type EarningStatus = z.infer<typeof earningStatusSchema>
const earningStatusResult = z.union([z.object({ ok: z.literal(true), status: earningStatusSchema }), earningFailure])

export const earningStatus = defineMessage("earning/status", z.object({}), earningStatusResult)
/** Turns earning on (refused with `no-permission` until the optional permissions are granted) or off. */
export const earningSetEnabled = defineMessage("earning/set-enabled", z.object({ enabled: z.boolean() }), earningStatusResult)
/** Forgets the local list of counted sessions (receipts already signed stay in the ledger). */
export const earningClear = defineMessage("earning/clear", z.object({}), z.union([z.object({ ok: z.literal(true), removed: z.number().int() }), earningFailure]))

export const earningMessages = [earningStatus, earningSetEnabled, earningClear] as const

// ---- Amplify dialog and wallet view (side panel ↔ background; extension/features/amplify,
// extension/features/wallet). Amounts are AMP decimal strings; "0" is a free amplification.

/** What opens the side panel's amplify dialog, prefilled (toolbar, shortcut, selection menu, Re-amplify). */
export const amplifyDialogRequestSchema = z.object({
  at: z.number(),
  url: z.string().max(4096),
  title: z.string().max(4000).optional(),
  note: z.string().max(8000).optional(),
  tabId: z.number().int().optional()
})
export type AmplifyDialogRequest = z.infer<typeof amplifyDialogRequestSchema>
/** storage.session key: the background's latest request to open the dialog. */
export const AMPLIFY_DIALOG_KEY = "amplify.dialog"

/** Amplifies a link (the bookmark post) and, for an amount above 0, stakes that many AMP on it. */
export const amplifySubmit = defineMessage(
  "amplify/submit",
  z.object({
    url: z.string().min(1).max(4096),
    title: z.string().max(4000).optional(),
    note: z.string().max(8000).optional(),
    amount: z.string().max(32),
    /** A #tag topic (shared/posts/topic.ts); an emergent "~community" can never be a tag, so it is refused here. */
    topic: z
      .string()
      .max(200)
      .refine((t) => topicTag(t) !== undefined, "not a topic: a community (~name) cannot be tagged")
      .optional(),
    tabId: z.number().int().optional()
  }),
  z.union([
    z.object({
      ok: z.literal(true),
      post: z.object({ status: z.enum(["created", "already-amplified"]), url: z.string(), title: z.string(), id: z.string().nullable() }),
      stake: walletSubmittedSchema.nullable()
    }),
    walletFailure
  ])
)

/** Where one of the person's events stands: the sync outbox (relay OKs and refusals) and, for ledger events, the ledger. */
export const walletEventStatus = defineMessage(
  "wallet/event-status",
  z.object({ id: pubkeyHex }),
  z.union([
    z.object({
      ok: z.literal(true),
      outbox: z.object({
        state: z.enum(["pending", "sent", "rejected", "none"]),
        acceptedBy: z.array(z.string()),
        rejections: z.array(z.object({ url: z.string(), reason: z.string() })),
        lastError: z.string().nullable()
      }),
      ledger: z.object({ status: z.enum(["applied", "held", "rejected"]), reason: z.string().nullable(), message: z.string() }).nullable()
    }),
    walletFailure
  ])
)

export const amplifyWalletMessages = [amplifySubmit, walletEventStatus] as const

// ---- People: names and follows (side panel and Settings → background; extension/features/people).
// docs/PROTOCOL.md Part 1 (kinds 0 and 3). Also the amplify dialog's preview of what it will publish.

const peopleFailure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() })

/** Follow (on) or unfollow someone: signs and publishes the person's NIP-02 follow list (kind 3) with the change. */
export const followPerson = defineMessage(
  "people/follow",
  z.object({ pubkey: pubkeyHex, on: z.boolean() }),
  z.union([z.object({ ok: z.literal(true), following: z.boolean() }), peopleFailure])
)

/** Sets the person's display name (empty removes it): signs and publishes their kind-0 profile, keeping its other fields. */
export const saveDisplayName = defineMessage(
  "people/display-name",
  z.object({ displayName: z.string().max(500) }),
  z.union([z.object({ ok: z.literal(true), displayName: z.string() }), peopleFailure])
)

/** What an amplification of `url` would publish: the cleaned title and site (the page's own metadata when the tab can be read). */
export const amplifyPreview = defineMessage(
  "amplify/preview",
  z.object({ url: z.string().min(1).max(4096), title: z.string().max(4000).optional(), tabId: z.number().int().optional() }),
  z.union([z.object({ ok: z.literal(true), title: z.string(), siteName: z.string(), already: z.boolean() }), peopleFailure])
)

export const peopleMessages = [followPerson, saveDisplayName, amplifyPreview] as const
