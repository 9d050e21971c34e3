// How a settled stake is divided. The ledger calls an injected SplitFn; this file holds the
// default (linear in weight) and the conservation check every SplitFn result must pass.
import { BPS_TOTAL, type SplitParams } from "./events"
import { LedgerInvariantError } from "./reasons"

export interface ViewerWeight {
  pubkey: string
  /** Non-negative integer weight: the settle's weight of the receipt, or its default (weight.ts). */
  weight: bigint
}

export interface SplitResult {
  creator: bigint
  upkeep: bigint
  /** Payout per viewer pubkey (only pubkeys from the input; zero payouts may be present). */
  viewers: Map<string, bigint>
  /** Returned to the staker. */
  refund: bigint
}

/**
 * Divides `stake` base units. Must be a pure, integer-only function of its arguments, must not
 * depend on the order of `viewers`, and must conserve: creator + upkeep + Σviewers + refund == stake.
 */
export type SplitFn = (stake: bigint, params: SplitParams, viewers: readonly ViewerWeight[]) => SplitResult

const BPS = BigInt(BPS_TOTAL)

/**
 * Default split:
 *   creator = floor(stake × creatorBps / 10000), upkeep = floor(stake × upkeepBps / 10000),
 *   pool = stake − creator − upkeep (so the pool takes the rounding dust of both).
 *   No viewers (or total weight 0): refund = pool.
 *   Otherwise viewer i gets floor(pool × w_i / W); the remainder goes to the viewer with the
 *   largest weight, ties broken by the lowest pubkey (lowercase hex order); refund = 0.
 */
export const defaultSplit: SplitFn = (stake, params, viewers) => {
  if (stake < 0n) throw new LedgerInvariantError("stake is negative")
  const creator = (stake * BigInt(params.creatorBps)) / BPS
  const upkeep = (stake * BigInt(params.upkeepBps)) / BPS
  const pool = stake - creator - upkeep
  const sorted = [...viewers].sort((a, b) => (a.pubkey < b.pubkey ? -1 : a.pubkey > b.pubkey ? 1 : 0))
  let total = 0n
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!
    if (v.weight < 0n) throw new LedgerInvariantError(`negative weight for ${v.pubkey}`)
    if (i > 0 && sorted[i - 1]!.pubkey === v.pubkey) throw new LedgerInvariantError(`viewer ${v.pubkey} listed twice`)
    total += v.weight
  }
  if (total === 0n) return { creator, upkeep, viewers: new Map(), refund: pool }
  const out = new Map<string, bigint>()
  let paid = 0n
  let top = sorted[0]!
  for (const v of sorted) {
    const share = (pool * v.weight) / total
    out.set(v.pubkey, share)
    paid += share
    if (v.weight > top.weight) top = v // strict: the first (lowest pubkey) of equal weights stays
  }
  out.set(top.pubkey, out.get(top.pubkey)! + (pool - paid))
  return { creator, upkeep, viewers: out, refund: 0n }
}

/** Throws LedgerInvariantError unless `r` conserves `stake` with non-negative parts over `viewers`. */
export function checkSplit(stake: bigint, viewers: readonly ViewerWeight[], r: SplitResult): void {
  const allowed = new Set(viewers.map((v) => v.pubkey))
  let sum = r.creator + r.upkeep + r.refund
  if (r.creator < 0n || r.upkeep < 0n || r.refund < 0n) throw new LedgerInvariantError("split gave a negative part")
  for (const [pubkey, amount] of r.viewers) {
    if (!allowed.has(pubkey)) throw new LedgerInvariantError(`split paid ${pubkey}, who is not a counted viewer`)
    if (amount < 0n) throw new LedgerInvariantError(`split gave ${pubkey} a negative payout`)
    sum += amount
  }
  if (sum !== stake) throw new LedgerInvariantError(`split does not conserve: parts sum to ${sum}, stake is ${stake}`)
}
