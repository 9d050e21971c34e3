// Earning, the shared part: given an attention measurement (made by the extension: seconds the
// page was in the foreground, focused, visible and the person not idle), decide whether to sign an
// attention receipt (PROTOCOL §2.8) for a stake, and if so mine its proof of work, sign, store and
// publish it. The ledger would reject a bad receipt anyway; refusing here means the person's
// device never signs one, and says why.
import { canonicalizeUrl } from "../url/canonical-url"
import { KIND, LIMITS, mineReceipt, receiptTemplate, type NostrEvent } from "../ledger"
import { publishStored, storeOwnEvent } from "./outbox"
import type { LedgerStore } from "./store/ledger-store"
import type { LedgerStakeRow } from "./store/rows"
import type { Clock, Publish, Submitted, WalletSigner } from "./types"

export interface AttentionMeasurement {
  /** The page the person attended to. */
  url: string
  /** The stake (amplification) the page was shown for. */
  stakeId: string
  /** Seconds of foreground + focused + visible + not-idle time. */
  seconds: number
}

/** What the opt-out rule sees of an amplification (friends only, communities, blocked advertisers…). */
export interface AmplificationInfo {
  stakeId: string
  /** Who paid for the amplification (the "advertiser"). */
  staker: string
  /** Who made the post. */
  creator: string
  url: string
  post: string | null
  amount: bigint
}

export type AllowsAmplification = (a: AmplificationInfo) => boolean | Promise<boolean>

export type RefusalReason =
  | "bad-measurement" // seconds not a positive number
  | "unknown-stake" // this peer holds no such stake
  | "own-stake" // the person paid for this amplification
  | "own-post" // the person created the post
  | "url-mismatch" // the measured page is not the amplified link
  | "stake-not-open" // held, rejected or already settled
  | "outside-window" // before the stake was made or after it closed
  | "not-allowed" // the person's opt-out rules exclude it
  | "below-minimum" // fewer seconds than the network's min_attention_secs
  | "already-receipted" // one receipt per viewer and stake, ever

export type ReceiptDecision =
  | ({ ok: true; seconds: number } & Submitted)
  | { ok: false; reason: RefusalReason; message: string }

export interface EarningDeps {
  store: LedgerStore
  signer: WalletSigner
  publish: Publish
  clock: Clock
  allows: AllowsAmplification
}

class AlreadyReceipted extends Error {}

const markKey = (viewer: string, stake: string): string => `${viewer}:${stake}`

export function createEarning(deps: EarningDeps) {
  const { store, signer, publish, clock, allows } = deps
  const db = store.db
  const g = store.genesis
  const refuse = (reason: RefusalReason, message: string): ReceiptDecision => ({ ok: false, reason, message })

  async function alreadyReceipted(me: string, stakeId: string): Promise<boolean> {
    if ((await db.walletReceipts.get(markKey(me, stakeId))) !== undefined) return true
    // A receipt of mine may also have come back from a relay (e.g. signed on another device).
    const held = await db.ledgerEvents.where("stake").equals(stakeId).toArray()
    return held.some((r) => r.kind === KIND.receipt && r.pubkey === me)
  }

  return {
    async recordAttention(m: AttentionMeasurement): Promise<ReceiptDecision> {
      if (typeof m.seconds !== "number" || !Number.isFinite(m.seconds) || m.seconds <= 0) {
        return refuse("bad-measurement", "attention must be a positive number of seconds")
      }
      const me = await signer.pubkey()
      const stake: LedgerStakeRow | undefined = await db.ledgerStakes.get(m.stakeId)
      if (stake === undefined) return refuse("unknown-stake", "this amplification is not known to this device yet")
      if (stake.staker === me) return refuse("own-stake", "you paid for this amplification; your own attention to it earns nothing")
      if (stake.creator === me) return refuse("own-post", "this is your own post; attention to it earns nothing")
      const page = canonicalizeUrl(m.url)
      if (!page.ok || page.url !== stake.url) return refuse("url-mismatch", "the measured page is not the amplified link")
      if (stake.status !== "open") return refuse("stake-not-open", `the amplification is ${stake.status}, not open`)
      const now = clock()
      if (now < stake.createdAt || now > stake.close) return refuse("outside-window", "the amplification's window is not open now")
      const info: AmplificationInfo = { stakeId: stake.id, staker: stake.staker, creator: stake.creator, url: stake.url, post: stake.post, amount: BigInt(stake.amount) }
      if (!(await allows(info))) return refuse("not-allowed", "your settings do not allow amplified content from this source")
      // Whole seconds, never more than the window can hold (the ledger would reject the receipt).
      const seconds = Math.min(Math.floor(m.seconds), stake.close - stake.createdAt, LIMITS.maxReceiptSeconds)
      if (seconds < g.minAttentionSecs) {
        return refuse("below-minimum", `${seconds} s of attention; this network counts ${g.minAttentionSecs} s or more`)
      }
      if (await alreadyReceipted(me, stake.id)) return refuse("already-receipted", "you already have a receipt for this amplification")

      // Mining can take a while, so it happens outside the lock; the mark is checked again inside
      // the transaction that stores the receipt, so two racing measurements make one receipt.
      const template = mineReceipt(receiptTemplate({ net: g.id, stake: stake.id, seconds, createdAt: now }), me, g.receiptPow)
      const receipt: NostrEvent = await signer.sign(template)
      try {
        const result = await store.exclusive((locked) =>
          storeOwnEvent(store, locked, receipt, {
            precheck: async () => {
              if (await alreadyReceipted(me, stake.id)) throw new AlreadyReceipted()
            },
            alsoWrite: async () => {
              await db.walletReceipts.put({ key: markKey(me, stake.id), viewer: me, stake: stake.id, receiptId: receipt.id, seconds, createdAt: now })
            }
          })
        )
        return { ok: true, seconds, ...(await publishStored(store, publish, receipt, result)) }
      } catch (err) {
        if (err instanceof AlreadyReceipted || (err as { inner?: unknown }).inner instanceof AlreadyReceipted) {
          return refuse("already-receipted", "you already have a receipt for this amplification")
        }
        throw err
      }
    }
  }
}

export type Earning = ReturnType<typeof createEarning>
