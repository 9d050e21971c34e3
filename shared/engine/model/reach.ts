import { AMPLIFIER_REO_FLOOR, CAPACITY_PER_AMP, REACH_CURRENT } from "./constants"
import { ampsToNumber } from "./units"

/**
 * How many identities an amplification of `amount` base units by the promoter reaches.
 * reoOfPromoter[v] is the promoter's Reo from v's point of view (the kernel's reoFromAll). At the
 * moment of amplifying, the post is full and the amplifier's share of its current for v is
 *   dCap * Reo_v(promoter) * nodes   (dCap = CAPACITY_PER_AMP * AMPs; Reo relative to average),
 * and v is reached when that is at least REACH_CURRENT and the promoter's relative Reo with v is at
 * least AMPLIFIER_REO_FLOOR (below it AMPs carry nothing). The promoter itself does not count.
 * Viewers' own opt-outs are not known to the promoter, so this is an upper bound.
 */
export function reachCounts(reoOfPromoter: Float64Array, promoter: number, amounts: bigint[]): number[] {
  const n = reoOfPromoter.length
  const sorted = Float64Array.from(reoOfPromoter.filter((_, v) => v !== promoter)).sort()
  return amounts.map((amount) => {
    const dCap = CAPACITY_PER_AMP * ampsToNumber(amount)
    if (!(dCap > 0) || n === 0) return 0
    const needed = Math.max(REACH_CURRENT / dCap, AMPLIFIER_REO_FLOOR) / n
    // First index with value >= needed, in the ascending array.
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid]! >= needed) hi = mid
      else lo = mid + 1
    }
    return sorted.length - lo
  })
}
