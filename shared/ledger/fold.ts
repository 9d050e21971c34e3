// The ledger engine: holds the set of valid events and its fixed point.
//
// Order independence. Forks are found from the set's structure alone (two events, one author,
// one seq) and freeze the account from that seq before anything is applied. Each account's
// remaining events are decided strictly in seq order, each linked to the previous by `prev`.
// A decision either is final (apply, or a no-op that depends only on the account's own prefix)
// or waits (overdraw, missing receipt). Applying only ever adds credits to other accounts and
// adds receipts never removes any, so a waiting event that can apply stays able to: the engine
// computes the least fixed point of a monotone operator, which is unique whatever the order in
// which events arrive or accounts are visited. A fork below an already decided seq is the one
// non-monotone change; it triggers a rebuild from the set.
import { applyOp, decide } from "./apply"
import { isChainEvent, type ChainEvent, type GenesisEvent, type LedgerEvent, type NostrEvent } from "./events"
import { LedgerInvariantError, type DropReason, type ReasonCode } from "./reasons"
import { defaultSplit, type SplitFn } from "./split"
import { newFixState, type EventStatus, type EventStatusKind, type FixState, type LedgerState } from "./state"
import { buildSnapshot, linkedHead, statusOf, type LedgerView } from "./status"
import { defaultVerify, parseGenesis, validateEvent, type VerifyFn } from "./validate"

export interface AppliedInfo {
  event: ChainEvent
  balances: ReadonlyMap<string, bigint>
  /** Open stakes: id -> amount. */
  openStakes: ReadonlyMap<string, bigint>
  burned: bigint
  issued: bigint
}

export interface LedgerOptions {
  /** The pinned genesis event of the network (its id is the network id). */
  genesis: NostrEvent | unknown
  /** Signature check; default nostr-tools verifyEvent. Inject a WASM verifier or a cache here. */
  verify?: VerifyFn
  /** Stake split; default `defaultSplit`. */
  split?: SplitFn
  /** Called after every applied event (tests use it to check conservation at each step). */
  onApplied?: (info: AppliedInfo) => void
}

export type AddResult =
  | { accepted: true; id: string; status: EventStatusKind; reason: ReasonCode | null; message: string }
  | { accepted: false; id: string | null; status: "dropped"; reason: DropReason; message: string }

export class Ledger {
  readonly genesis: GenesisEvent
  private readonly verify: VerifyFn
  private readonly split: SplitFn
  private readonly onApplied: LedgerOptions["onApplied"]

  private readonly events = new Map<string, LedgerEvent>()
  private readonly chains = new Map<string, Map<number, ChainEvent[]>>()
  private readonly frozenAt = new Map<string, number>()
  private readonly receiptsByStake = new Map<string, string[]>()
  private fix: FixState
  private readonly queue = new Set<string>()
  private rebuild = false

  constructor(opts: LedgerOptions) {
    this.verify = opts.verify ?? defaultVerify
    this.split = opts.split ?? defaultSplit
    this.onApplied = opts.onApplied
    this.genesis = parseGenesis(opts.genesis, this.verify)
    this.events.set(this.genesis.id, this.genesis)
    this.fix = newFixState(this.genesis)
  }

  /** Adds one event and returns what became of it. A dropped event changes nothing. */
  add(raw: unknown): AddResult {
    const pre = this.admit(raw)
    if (!pre.accepted) return pre
    this.run()
    return this.result(pre.id)
  }

  /** Adds many events, runs the fixed point once, and reports on each input in order. */
  addMany(raws: Iterable<unknown>): AddResult[] {
    const pre = [...raws].map((raw) => this.admit(raw))
    this.run()
    return pre.map((p) => (p.accepted ? this.result(p.id) : p))
  }

  has(id: string): boolean {
    return this.events.has(id)
  }

  status(id: string): EventStatus | undefined {
    return statusOf(this.view(), id)
  }

  /** Confirmed (applied) balance of an account. */
  balanceOf(pubkey: string): bigint {
    return this.fix.balances.get(pubkey) ?? 0n
  }

  /** seq and prev for the account's next spending event (its linked chain, held events included). */
  nextChainRef(pubkey: string): { seq: number; prev: string } {
    const { head, nextSeq } = linkedHead(this.view(), pubkey)
    return { seq: nextSeq, prev: head }
  }

  snapshot(): LedgerState {
    return buildSnapshot(this.view())
  }

  // -------------------------------------------------------------------------------------------

  private result(id: string): AddResult {
    const s = statusOf(this.view(), id)!
    return { accepted: true, id, status: s.status, reason: s.reason, message: s.message }
  }

  /** Validates and inserts without running the fixed point. */
  private admit(raw: unknown): AddResult {
    const claimed = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined
    if (typeof claimed === "string" && this.events.has(claimed)) {
      return { accepted: false, id: claimed, status: "dropped", reason: "duplicate", message: "an event with this id is already held" }
    }
    const v = validateEvent(raw, { genesis: this.genesis, verify: this.verify })
    if (!v.ok) return { accepted: false, id: v.id, status: "dropped", reason: v.reason, message: v.message }
    this.insert(v.event)
    return { accepted: true, id: v.event.id, status: "held", reason: null, message: "" }
  }

  private insert(ev: LedgerEvent): void {
    this.events.set(ev.id, ev)
    if (ev.type === "receipt") {
      const list = this.receiptsByStake.get(ev.stake)
      if (list) list.push(ev.id)
      else this.receiptsByStake.set(ev.stake, [ev.id])
      const waiting = this.fix.waitingReceipt.get(ev.id)
      if (waiting) {
        for (const a of waiting) this.queue.add(a)
        this.fix.waitingReceipt.delete(ev.id)
      }
      return
    }
    if (!isChainEvent(ev)) return
    const a = ev.pubkey
    let chain = this.chains.get(a)
    if (!chain) this.chains.set(a, (chain = new Map()))
    const atSeq = chain.get(ev.seq)
    if (!atSeq) {
      chain.set(ev.seq, [ev])
    } else {
      atSeq.push(ev)
      atSeq.sort((x, y) => (x.id < y.id ? -1 : 1))
      const fz = this.frozenAt.get(a)
      if (fz === undefined || ev.seq < fz) {
        this.frozenAt.set(a, ev.seq)
        // Events from this seq on may already be applied: recompute from the set.
        if (ev.seq < (this.fix.cursor.get(a) ?? 1)) this.rebuild = true
      }
    }
    this.queue.add(a)
  }

  private run(): void {
    if (this.rebuild) {
      this.rebuild = false
      this.fix = newFixState(this.genesis)
      this.queue.clear()
      for (const a of [...this.chains.keys()].sort()) this.queue.add(a)
    }
    while (this.queue.size > 0) {
      const a = this.queue.values().next().value as string
      this.queue.delete(a)
      this.advance(a)
    }
  }

  /** Decides the account's events in seq order until one must wait. */
  private advance(a: string): void {
    const chain = this.chains.get(a)
    if (!chain) return
    const fix = this.fix
    const view = this.view()
    for (;;) {
      const seq = fix.cursor.get(a) ?? 1
      const fz = this.frozenAt.get(a)
      if (fz !== undefined && seq >= fz) return
      const at = chain.get(seq)
      if (!at) return // gap
      if (at.length !== 1) throw new LedgerInvariantError(`unfrozen fork at ${a}:${seq}`)
      const ev = at[0]!
      if (ev.prev !== (fix.head.get(a) ?? this.genesis.id)) return // unknown_prev
      const d = decide(view, ev)
      if (d.kind === "stall") {
        for (const id of d.missing) {
          const w = fix.waitingReceipt.get(id)
          if (w) w.add(a)
          else fix.waitingReceipt.set(id, new Set([a]))
        }
        return
      }
      if (d.kind === "apply") {
        const credited = applyOp(fix, this.genesis, d.op)
        fix.decided.set(ev.id, { applied: true, message: d.message })
        for (const b of credited) if (b !== a) this.queue.add(b)
        this.onApplied?.({
          event: ev,
          balances: fix.balances,
          openStakes: new Map([...fix.openStakes].map(([id, s]) => [id, s.amount])),
          burned: fix.burned,
          issued: this.genesis.supply
        })
      } else {
        fix.decided.set(ev.id, { applied: false, reason: d.reason, message: d.message })
      }
      fix.head.set(a, ev.id)
      fix.cursor.set(a, seq + 1)
    }
  }

  private view(): LedgerView {
    const events = this.events
    return {
      genesis: this.genesis,
      split: this.split,
      fix: this.fix,
      event: (id) => events.get(id),
      events,
      chains: this.chains,
      frozenAt: this.frozenAt,
      receiptsByStake: this.receiptsByStake
    }
  }
}

/** state = f(set): folds any arrangement of events (order and duplicates do not matter). */
export function foldEvents(raws: Iterable<unknown>, opts: LedgerOptions): LedgerState {
  const ledger = new Ledger(opts)
  ledger.addMany(raws)
  return ledger.snapshot()
}
