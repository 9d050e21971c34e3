// Explains the fixed point: the status of every valid event, and the public snapshot.
import { decide, type DecideEnv } from "./apply"
import type { ChainEvent, GenesisEvent, LedgerEvent, ReceiptEvent, StakeEvent } from "./events"
import { receiptProblem } from "./settle"
import {
  amp,
  short,
  sortedMap,
  type AccountView,
  type EventStatus,
  type LedgerState,
  type StakeView
} from "./state"

/** Read access to the engine that status and snapshot need. */
export interface LedgerView extends DecideEnv {
  events: ReadonlyMap<string, LedgerEvent>
  chains: ReadonlyMap<string, ReadonlyMap<number, readonly ChainEvent[]>>
  frozenAt: ReadonlyMap<string, number>
  receiptsByStake: ReadonlyMap<string, readonly string[]>
}

type Verdict = Pick<EventStatus, "status" | "reason" | "message">

function chainVerdict(v: LedgerView, ev: ChainEvent): Verdict {
  const a = ev.pubkey
  const fz = v.frozenAt.get(a)
  if (fz !== undefined && ev.seq >= fz) {
    return ev.seq === fz
      ? { status: "rejected", reason: "fork", message: `this account signed more than one event with seq ${fz}` }
      : { status: "rejected", reason: "frozen_account", message: `the account is frozen from seq ${fz} (fork)` }
  }
  const done = v.fix.decided.get(ev.id)
  if (done !== undefined) {
    return done.applied
      ? { status: "applied", reason: null, message: done.message }
      : { status: "rejected", reason: done.reason, message: done.message }
  }
  const cursor = v.fix.cursor.get(a) ?? 1
  const chain = v.chains.get(a)!
  if (ev.seq === cursor) {
    const expected = v.fix.head.get(a) ?? v.genesis.id
    if (ev.prev !== expected) {
      return {
        status: "held",
        reason: "unknown_prev",
        message: `prev ${short(ev.prev)} is not ${ev.seq === 1 ? "the genesis" : `seq ${ev.seq - 1}`} ${short(expected)}`
      }
    }
    const d = decide(v, ev)
    if (d.kind === "stall") return { status: "held", reason: d.reason, message: d.message }
    // Cannot happen at a fixed point: the engine would have advanced.
    return { status: "held", reason: "blocked", message: "not yet processed" }
  }
  for (let s = cursor; s < ev.seq; s++) {
    if (!chain.has(s)) return { status: "held", reason: "gap", message: `seq ${s} of this account is missing` }
  }
  const waiting = chain.get(cursor)![0]!
  return { status: "held", reason: "blocked", message: `waits for seq ${cursor} (${short(waiting.id)}), which is held` }
}

function receiptVerdict(v: LedgerView, r: ReceiptEvent): Verdict {
  const st = v.events.get(r.stake)
  if (st === undefined) return { status: "held", reason: "unknown_stake", message: `stake ${short(r.stake)} is not held by this peer` }
  if (st.type !== "stake") return { status: "rejected", reason: "unknown_stake", message: `${short(r.stake)} is not a stake` }
  const problem = receiptProblem(r, st)
  if (problem) return { status: "rejected", ...problem }
  const stakeVerdict = chainVerdict(v, st)
  if (stakeVerdict.status === "rejected") {
    return { status: "rejected", reason: "stake_rejected", message: `the stake can never apply (${stakeVerdict.reason})` }
  }
  if (stakeVerdict.status === "held") return { status: "held", reason: "stake_held", message: `the stake is held (${stakeVerdict.reason})` }
  const s = v.fix.settlements.get(st.id)
  if (s !== undefined) {
    if (s.counted.includes(r.id)) {
      return { status: "applied", reason: null, message: `counted: paid ${amp(s.viewers.get(r.pubkey) ?? 0n)}` }
    }
    const other = s.counted.find((id) => (v.events.get(id) as ReceiptEvent).pubkey === r.pubkey)
    if (other !== undefined) {
      return { status: "rejected", reason: "duplicate_receipt", message: `receipt ${short(other)} of this viewer was counted` }
    }
    return { status: "rejected", reason: "not_counted", message: `the staker settled without this receipt` }
  }
  const first = firstReceipt(v, st, r.pubkey)
  if (first !== r.id) {
    return { status: "rejected", reason: "duplicate_receipt", message: `this viewer already has receipt ${short(first)} for the stake` }
  }
  return { status: "held", reason: "awaiting_settlement", message: `waits for the staker's settle (stake closes at ${st.close})` }
}

/** Lowest id among the viewer's countable receipts for the stake. */
function firstReceipt(v: LedgerView, st: StakeEvent, viewer: string): string {
  let best: string | null = null
  for (const id of v.receiptsByStake.get(st.id) ?? []) {
    const r = v.events.get(id) as ReceiptEvent
    if (r.pubkey !== viewer || receiptProblem(r, st)) continue
    if (best === null || id < best) best = id
  }
  return best!
}

export function statusOf(v: LedgerView, id: string): EventStatus | undefined {
  const ev = v.events.get(id)
  if (ev === undefined) return undefined
  return { id, type: ev.type, author: ev.pubkey, seq: seqOf(ev), ...verdictOf(v, ev) }
}

function seqOf(ev: LedgerEvent): number | null {
  return ev.type === "genesis" ? 0 : ev.type === "receipt" ? null : ev.seq
}

function verdictOf(v: LedgerView, ev: LedgerEvent): Verdict {
  if (ev.type === "genesis") {
    return { status: "applied", reason: null, message: `genesis: ${amp(ev.supply)} issued to ${short(ev.pubkey)}` }
  }
  return ev.type === "receipt" ? receiptVerdict(v, ev) : chainVerdict(v, ev)
}

/** The public snapshot. Built from scratch; every Map in ascending key order. */
export function buildSnapshot(v: LedgerView): LedgerState {
  const g: GenesisEvent = v.genesis
  const fix = v.fix
  const events = new Map<string, EventStatus>()
  for (const id of [...v.events.keys()].sort()) events.set(id, statusOf(v, id)!)

  const pendingIn = new Map<string, bigint>()
  const pendingOut = new Map<string, bigint>()
  const bump = (m: Map<string, bigint>, k: string, d: bigint): void => {
    m.set(k, (m.get(k) ?? 0n) + d)
  }
  const stakes = new Map<string, StakeView>()
  for (const [id, st] of events) {
    const ev = v.events.get(id)!
    if (st.status === "held" && (ev.type === "transfer" || ev.type === "stake" || ev.type === "burn")) {
      bump(pendingOut, ev.pubkey, ev.amount)
      if (ev.type === "transfer") bump(pendingIn, ev.to, ev.amount)
    }
    if (ev.type === "stake") {
      const settlement = fix.settlements.get(id) ?? null
      stakes.set(id, {
        id,
        staker: ev.pubkey,
        creator: ev.creator,
        url: ev.url,
        post: ev.post,
        amount: ev.amount,
        createdAt: ev.createdAt,
        close: ev.close,
        status: st.status === "applied" ? (settlement ? "settled" : "open") : st.status,
        settlement
      })
    }
  }

  const keys = new Set<string>([g.pubkey, g.upkeep, ...v.chains.keys(), ...fix.balances.keys(), ...pendingIn.keys()])
  const accounts = new Map<string, AccountView>()
  for (const a of [...keys].sort()) {
    const { head, nextSeq } = linkedHead(v, a)
    const fz = v.frozenAt.get(a)
    accounts.set(a, {
      pubkey: a,
      balance: fix.balances.get(a) ?? 0n,
      escrowed: fix.escrowedBy.get(a) ?? 0n,
      burned: fix.burnedBy.get(a) ?? 0n,
      pendingIn: pendingIn.get(a) ?? 0n,
      pendingOut: pendingOut.get(a) ?? 0n,
      head,
      nextSeq,
      frozen: fz === undefined ? null : { atSeq: fz, eventIds: v.chains.get(a)!.get(fz)!.map((e) => e.id) }
    })
  }
  const treasury = fix.balances.get(g.pubkey) ?? 0n
  return {
    network: {
      genesisId: g.id,
      network: g.network,
      issuer: g.pubkey,
      supply: g.supply,
      upkeep: g.upkeep,
      split: { ...g.split },
      receiptPow: g.receiptPow,
      minAttentionSecs: g.minAttentionSecs,
      maxStakeWindowSecs: g.maxStakeWindowSecs
    },
    totals: { issued: g.supply, treasury, circulating: fix.sumBalances - treasury, escrowed: fix.escrowed, burned: fix.burned },
    accounts,
    stakes: sortedMap(stakes),
    events
  }
}

/** The last event of the account's chain that links back to the genesis without gap or fork. */
export function linkedHead(v: LedgerView, a: string): { head: string; nextSeq: number } {
  const chain = v.chains.get(a)
  let head = v.genesis.id
  let seq = 1
  for (;;) {
    const at = chain?.get(seq)
    if (at === undefined || at.length !== 1 || at[0]!.prev !== head) break
    head = at[0]!.id
    seq++
  }
  return { head, nextSeq: seq }
}
