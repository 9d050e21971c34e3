// Settlement of a stake: which listed receipts count, and the payouts. Pure functions.
import type { ReceiptEvent, SettleEvent, SplitParams, StakeEvent } from "./events"
import type { RejectReason } from "./reasons"
import { checkSplit, type SplitFn, type ViewerWeight } from "./split"
import { amp, short, type Settlement } from "./state"
import { defaultReceiptWeight } from "./weight"

/** Why a (statelessly valid) receipt can never count for `stake`, or null if it can. */
export function receiptProblem(r: ReceiptEvent, stake: StakeEvent): { reason: RejectReason; message: string } | null {
  if (r.stake !== stake.id) return { reason: "unknown_stake", message: `receipt is for stake ${short(r.stake)}, not ${short(stake.id)}` }
  if (r.pubkey === stake.pubkey) return { reason: "own_stake", message: "a staker cannot be paid for attention to its own stake" }
  if (r.pubkey === stake.creator) return { reason: "own_post", message: "a creator cannot be paid for attention to its own post" }
  if (r.createdAt < stake.createdAt || r.createdAt > stake.close) {
    return {
      reason: "outside_window",
      message: `receipt created at ${r.createdAt}, outside the stake window [${stake.createdAt}, ${stake.close}]`
    }
  }
  const window = stake.close - stake.createdAt
  if (r.seconds > window) {
    return { reason: "attention_exceeds_window", message: `receipt claims ${r.seconds} s in a ${window} s window` }
  }
  return null
}

/** The weight `settle` gives counted receipt `r` (PROTOCOL §2.9 rule 4). */
export function receiptWeight(settle: SettleEvent, r: ReceiptEvent): bigint {
  // The parser guarantees that a weighed settle weighs every receipt it lists.
  return settle.weights === null ? defaultReceiptWeight(r.seconds) : settle.weights.get(r.id)!
}

export type SettlementResult = { ok: true; settlement: Settlement } | { ok: false; missing: string[] }

/**
 * Computes the settlement of `stake` by `settle`. Every listed receipt must be held (valid);
 * otherwise the result names the missing ones. Listed receipts that can never count are ignored
 * with their reason; of several listed receipts by one viewer the lowest id counts and the others
 * are ignored as duplicate_receipt. A counted receipt weighs what the settle says (the staker's
 * engine's Reo-weighted attention, checked for bounds only), or by default the attention units of
 * its seconds. The split is checked to conserve.
 */
export function computeSettlement(
  stake: StakeEvent,
  settle: SettleEvent,
  lookup: (id: string) => ReceiptEvent | undefined,
  params: SplitParams,
  split: SplitFn
): SettlementResult {
  const missing: string[] = []
  const listed: ReceiptEvent[] = []
  for (const id of settle.receipts) {
    const r = lookup(id)
    if (r === undefined) missing.push(id)
    else listed.push(r)
  }
  if (missing.length > 0) return { ok: false, missing }
  const ignored = new Map<string, RejectReason>()
  const byViewer = new Map<string, ReceiptEvent>()
  for (const r of listed) {
    // settle.receipts is ascending, so the first receipt kept per viewer has the lowest id
    const problem = receiptProblem(r, stake)
    if (problem) ignored.set(r.id, problem.reason)
    else if (byViewer.has(r.pubkey)) ignored.set(r.id, "duplicate_receipt")
    else byViewer.set(r.pubkey, r)
  }
  const counted = [...byViewer.values()]
  const viewers: ViewerWeight[] = counted
    .map((r) => ({ pubkey: r.pubkey, weight: receiptWeight(settle, r) }))
    .sort((a, b) => (a.pubkey < b.pubkey ? -1 : 1))
  const parts = split(stake.amount, params, viewers)
  checkSplit(stake.amount, viewers, parts)
  const paid = new Map([...parts.viewers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
  return {
    ok: true,
    settlement: {
      settleId: settle.id,
      stakeId: stake.id,
      creator: parts.creator,
      upkeep: parts.upkeep,
      viewers: paid,
      refund: parts.refund,
      counted: counted.map((r) => r.id).sort(),
      ignored
    }
  }
}

export function describeSettlement(s: Settlement): string {
  let viewers = 0n
  for (const v of s.viewers.values()) viewers += v
  return (
    `settled ${short(s.stakeId)}: creator ${amp(s.creator)}, upkeep ${amp(s.upkeep)}, ` +
    `${s.counted.length} viewer(s) ${amp(viewers)}, refund ${amp(s.refund)}`
  )
}
