// The person's AMP wallet: balance, history, send, stake (amplify), settle and earnings, over the
// ledger store. Pure: every dependency is injected (store, signer, publish, clock).
//
// Every event it signs is built from the head of the person's own chain as the stored ledger knows
// it (held events included), stored with an outbox row in one transaction, and only then
// published. The store's lock covers "read head, sign, store", so two sends never share a seq.
import { canonicalizeUrl } from "../url/canonical-url"
import {
  AmountError,
  LIMITS,
  formatAmp,
  parseAmp,
  settleTemplate,
  stakeTemplate,
  transferTemplate,
  type EventTemplate
} from "../ledger"
import { WalletError } from "./errors"
import { buildHistory, earningsByDay, type DayEarnings, type HistoryEntry } from "./history"
import { parsePubkey } from "./keys"
import { countableReceipts, settleList, type DueStake, type ReceiptWeights } from "./settle"
import { publishStored, republishPending, storeOwnEvent } from "./outbox"
import type { LedgerStore } from "./store/ledger-store"
import type { LedgerAccountRow, LedgerStakeRow, LedgerStatusRow } from "./store/rows"
import type { Clock, Publish, Submitted, WalletSigner } from "./types"

export interface WalletDeps {
  store: LedgerStore
  signer: WalletSigner
  publish: Publish
  clock: Clock
}

/** PROTOCOL §2.12, for one account. */
export interface WalletBalance {
  pubkey: string
  /** Applied in this peer's set; what `send` and `stake` may spend (minus pendingOut). */
  confirmed: bigint
  /** Held transfers to this account: not spendable, may apply later. */
  pendingIn: bigint
  /** This account's own held transfers, stakes and burns. */
  pendingOut: bigint
  escrowed: bigint
  burned: bigint
  /** confirmed − pendingOut, never below 0: a new spend waits behind the held ones. */
  spendable: bigint
  /** Set when the account forked: it can never spend again (§2.15). */
  frozenAtSeq: number | null
}

export interface SendRequest {
  /** npub or 64-hex public key. */
  to: string
  /** AMP decimal, e.g. "12.5". */
  amount: string
  memo?: string
}

export interface StakeRequest {
  amount: string
  /** The amplified link (any http(s) URL; stored canonical). */
  url: string
  /** The post's creator (npub or hex): paid the creator share. */
  creator: string
  /** Id of the link-post event, when there is one. */
  postId?: string
  /** Seconds until the stake closes (default one day, at most the network's maximum). */
  windowSecs?: number
}

export const DEFAULT_STAKE_WINDOW_SECS = 86_400
const HEX64 = /^[0-9a-f]{64}$/

export function createWallet(deps: WalletDeps) {
  const { store, signer, publish, clock } = deps
  const db = store.db
  const net = store.genesis.id

  async function balanceOf(pubkey: string): Promise<WalletBalance> {
    return toBalance(pubkey, await db.ledgerAccounts.get(pubkey))
  }

  function parseAmount(text: string): bigint {
    let units: bigint
    try {
      units = parseAmp(typeof text === "string" ? text.trim() : text)
    } catch (err) {
      throw new WalletError("bad-amount", err instanceof AmountError ? err.message : String(err))
    }
    if (units === 0n) throw new WalletError("bad-amount", "the amount must be more than 0 AMP")
    if (units > store.genesis.supply) throw new WalletError("bad-amount", `the amount exceeds this network's supply of ${formatAmp(store.genesis.supply)} AMP`)
    return units
  }

  function checkSpend(b: WalletBalance, amount: bigint): void {
    if (b.frozenAtSeq !== null) {
      throw new WalletError("frozen-account", `this account signed two events with seq ${b.frozenAtSeq} (a fork) and can never spend again`)
    }
    if (amount > b.spendable) {
      const pending = b.pendingOut > 0n ? ` (${formatAmp(b.pendingOut)} AMP of it already pending out)` : ""
      throw new WalletError(
        "insufficient-balance",
        `needs ${formatAmp(amount)} AMP; the confirmed balance is ${formatAmp(b.confirmed)} AMP${pending}`
      )
    }
  }

  /** Under the lock: check, take the chain head, sign, store with an outbox row. Then publish. */
  async function submit(check: (b: WalletBalance) => void, template: (ref: { net: string; seq: number; prev: string; createdAt: number }) => EventTemplate): Promise<Submitted> {
    const me = await signer.pubkey()
    const { event, result } = await store.exclusive(async (locked) => {
      const ledger = await locked.ledger()
      check(await balanceOf(me))
      const { seq, prev } = ledger.nextChainRef(me)
      const event = await signer.sign(template({ net, seq, prev, createdAt: clock() }))
      if (event.pubkey !== me) throw new Error("the signer signed with another key than it reports")
      return { event, result: await storeOwnEvent(store, locked, event) }
    })
    return publishStored(store, publish, event, result)
  }

  return {
    store,

    async pubkey(): Promise<string> {
      return signer.pubkey()
    },

    async balance(): Promise<WalletBalance> {
      return balanceOf(await signer.pubkey())
    },

    /** Newest first. `limit` keeps the newest entries only. */
    async history(opts: { limit?: number } = {}): Promise<HistoryEntry[]> {
      const me = await signer.pubkey()
      const all = await db.transaction("r", [db.ledgerEvents, db.ledgerStatuses, db.ledgerStakes], async () => {
        const events = await db.ledgerEvents.where("parties").equals(me).toArray()
        const statuses = new Map<string, LedgerStatusRow>()
        for (const s of await db.ledgerStatuses.bulkGet(events.map((e) => e.id))) if (s) statuses.set(s.id, s)
        const stakes = new Map<string, LedgerStakeRow>()
        for (const s of await db.ledgerStakes.where("payees").equals(me).toArray()) stakes.set(s.id, s)
        for (const s of await db.ledgerStakes.where("staker").equals(me).toArray()) stakes.set(s.id, s)
        const settles = [...stakes.values()].flatMap((s) => (s.settlement ? [s.settlement.settleId] : []))
        for (const s of await db.ledgerStatuses.bulkGet(settles)) if (s) statuses.set(s.id, s)
        return buildHistory(me, store.genesis.upkeep, events, statuses, stakes)
      })
      return opts.limit === undefined ? all : all.slice(0, Math.max(0, opts.limit))
    },

    async earningsByDay(opts: { fromDay?: string; toDay?: string } = {}): Promise<DayEarnings[]> {
      const me = await signer.pubkey()
      const stakes = await db.ledgerStakes.where("payees").equals(me).toArray()
      return earningsByDay(me, store.genesis.upkeep, stakes).filter(
        (d) => (opts.fromDay === undefined || d.day >= opts.fromDay) && (opts.toDay === undefined || d.day <= opts.toDay)
      )
    },

    async send(req: SendRequest): Promise<Submitted> {
      const to = parsePubkey(req.to)
      if (!to.ok) throw new WalletError("bad-key", `recipient: ${to.message}`)
      const me = await signer.pubkey()
      if (to.pubkey === me) throw new WalletError("own-key", "this is your own key: a transfer to yourself is not allowed")
      const amount = parseAmount(req.amount)
      const memo = req.memo ?? ""
      if (memo.length > LIMITS.maxContentChars) throw new WalletError("bad-memo", `the memo is longer than ${LIMITS.maxContentChars} characters`)
      return submit(
        (b) => checkSpend(b, amount),
        (ref) => transferTemplate({ ...ref, to: to.pubkey, amount, memo })
      )
    },

    /** Amplify: escrow `amount` on a link until the window closes, then `settle` pays it out. */
    async stake(req: StakeRequest): Promise<Submitted> {
      const url = canonicalizeUrl(req.url)
      if (!url.ok) throw new WalletError("bad-url", url.message)
      const creator = parsePubkey(req.creator)
      if (!creator.ok) throw new WalletError("bad-key", `post creator: ${creator.message}`)
      if (req.postId !== undefined && !HEX64.test(req.postId)) throw new WalletError("bad-post-id", "the post id must be 64 lowercase hex characters")
      const window = req.windowSecs ?? Math.min(DEFAULT_STAKE_WINDOW_SECS, store.genesis.maxStakeWindowSecs)
      if (!Number.isSafeInteger(window) || window < 1 || window > store.genesis.maxStakeWindowSecs) {
        throw new WalletError("bad-window", `the stake window must be 1 to ${store.genesis.maxStakeWindowSecs} seconds`)
      }
      const amount = parseAmount(req.amount)
      return submit(
        (b) => checkSpend(b, amount),
        (ref) => stakeTemplate({ ...ref, amount, creator: creator.pubkey, url: url.url, post: req.postId, close: ref.createdAt + window })
      )
    },

    /**
     * Settles one of my open stakes after its window closed, counting every receipt this peer holds
     * that can count (one per viewer; the ledger's choice of the lowest id), up to the protocol's
     * 500. `weights`: my engine's weight per receipt (settle.ts); without them the ledger's default.
     */
    async settle(stakeId: string, weights?: ReceiptWeights): Promise<Submitted> {
      const me = await signer.pubkey()
      const stake = await db.ledgerStakes.get(stakeId)
      if (stake === undefined || stake.staker !== me) throw new WalletError("unknown-stake", "no stake of yours with this id is known")
      if (stake.status !== "open") throw new WalletError("stake-not-open", `the stake is ${stake.status}, not open`)
      const now = clock()
      if (now < stake.close) throw new WalletError("too-early", `the stake window closes at ${new Date(stake.close * 1000).toISOString()}`)
      const list = settleList(await countableReceipts(db, stakeId), weights)
      return submit(
        (b) => {
          if (b.frozenAtSeq !== null) throw new WalletError("frozen-account", `this account is frozen from seq ${b.frozenAtSeq} (a fork)`)
        },
        (ref) => settleTemplate({ ...ref, stake: stakeId, ...list })
      )
    },

    /** My open stakes closed at least `graceSecs` ago, with the receipts that could count: what an engine weighs. */
    async dueStakes(opts: { graceSecs?: number } = {}): Promise<DueStake[]> {
      const me = await signer.pubkey()
      const out: DueStake[] = []
      for (const s of await dueRows(me, opts.graceSecs ?? 0)) {
        out.push({ stakeId: s.id, creator: s.creator, staker: me, close: s.close, receipts: await countableReceipts(db, s.id) })
      }
      return out
    },

    /**
     * Settles my open stakes closed at least `graceSecs` ago. With `weights` (per stake id, from my
     * engine) it settles exactly the weighed stakes that are still due, skipping one whose receipts
     * changed since (`stale-weights`: the next pass weighs it again); without, every due stake with
     * the ledger's default weights.
     */
    async settleDue(opts: { graceSecs?: number; weights?: ReadonlyMap<string, ReceiptWeights> } = {}): Promise<Submitted[]> {
      const me = await signer.pubkey()
      const due = (await dueRows(me, opts.graceSecs ?? 0)).filter((s) => opts.weights === undefined || opts.weights.has(s.id))
      const out: Submitted[] = []
      for (const s of due) {
        try {
          out.push(await this.settle(s.id, opts.weights?.get(s.id)))
        } catch (err) {
          if (!(err instanceof WalletError && err.code === "stale-weights")) throw err
        }
      }
      return out
    },

    /** Publishes what a crash or an offline relay left in the outbox. */
    republishPending: () => republishPending(store, publish)
  }

  async function dueRows(me: string, graceSecs: number): Promise<LedgerStakeRow[]> {
    const now = clock()
    return (await db.ledgerStakes.where("staker").equals(me).toArray()).filter((s) => s.status === "open" && s.close + graceSecs <= now)
  }
}

export type Wallet = ReturnType<typeof createWallet>

function toBalance(pubkey: string, row: LedgerAccountRow | undefined): WalletBalance {
  const n = (s: string | undefined): bigint => BigInt(s ?? "0")
  const confirmed = n(row?.balance)
  const pendingOut = n(row?.pendingOut)
  return {
    pubkey,
    confirmed,
    pendingIn: n(row?.pendingIn),
    pendingOut,
    escrowed: n(row?.escrowed),
    burned: n(row?.burned),
    spendable: confirmed > pendingOut ? confirmed - pendingOut : 0n,
    frozenAtSeq: row?.frozenAtSeq ?? null
  }
}
