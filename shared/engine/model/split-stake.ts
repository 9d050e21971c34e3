import { CREATOR_BPS, UPKEEP_BPS } from "./constants"

/** The shape of the ledger's SplitParams (shared/ledger/events.ts); viewers get what is left. */
export interface SplitParams {
  /** The originator's share in basis points (1/10,000). */
  creatorBps: number
  /** The network upkeep's share in basis points. */
  upkeepBps: number
}

export const DEFAULT_SPLIT: SplitParams = { creatorBps: CREATOR_BPS, upkeepBps: UPKEEP_BPS }

export interface WeightedViewer {
  pubkey: string
  weight: bigint
}

export interface StakeSplit {
  creator: bigint
  upkeep: bigint
  viewers: Map<string, bigint>
  /** What no one earned (no viewer had positive weight); goes back to the promoter. */
  refund: bigint
}

/**
 * Splits a stake in integer base units. Same signature as the ledger's SplitFn (shared/ledger/split.ts),
 * so it can be injected there; it differs from the ledger's default only in where rounding leftovers go:
 *   creator = floor(stake * creatorBps / 10000), upkeep = floor(stake * upkeepBps / 10000),
 *   pool = stake - creator - upkeep, viewer i gets floor(pool * w_i / W), and the base units left
 *   by rounding go one each to the largest remainders (pool * w_i mod W), ties by pubkey ascending.
 * creator + upkeep + sum(viewers) + refund == stake exactly.
 */
export function splitStake(stake: bigint, params: SplitParams, viewers: readonly WeightedViewer[]): StakeSplit {
  if (stake < 0n) throw new RangeError("stake must be non-negative")
  const { creatorBps, upkeepBps } = params
  if (!Number.isInteger(creatorBps) || !Number.isInteger(upkeepBps) || creatorBps < 0 || upkeepBps < 0 || creatorBps + upkeepBps > 10000) {
    throw new RangeError("split shares must be integers within 0..10000 basis points together")
  }
  const creator = (stake * BigInt(creatorBps)) / 10000n
  const upkeep = (stake * BigInt(upkeepBps)) / 10000n
  const pool = stake - creator - upkeep
  const merged = new Map<string, bigint>()
  for (const v of viewers) {
    if (v.weight < 0n) throw new RangeError(`negative weight for ${v.pubkey}`)
    if (v.weight > 0n) merged.set(v.pubkey, (merged.get(v.pubkey) ?? 0n) + v.weight)
  }
  let total = 0n
  for (const w of merged.values()) total += w
  const paid = new Map<string, bigint>()
  if (total === 0n) return { creator, upkeep, viewers: paid, refund: pool }
  const rows = [...merged].map(([pubkey, w]) => ({ pubkey, share: (pool * w) / total, rest: (pool * w) % total }))
  let left = pool
  for (const r of rows) left -= r.share
  rows.sort((a, b) => (a.rest === b.rest ? (a.pubkey < b.pubkey ? -1 : a.pubkey > b.pubkey ? 1 : 0) : a.rest > b.rest ? -1 : 1))
  for (let i = 0; left > 0n; i++, left--) rows[i]!.share += 1n
  rows.sort((a, b) => (a.pubkey < b.pubkey ? -1 : a.pubkey > b.pubkey ? 1 : 0))
  for (const r of rows) paid.set(r.pubkey, r.share)
  return { creator, upkeep, viewers: paid, refund: 0n }
}
