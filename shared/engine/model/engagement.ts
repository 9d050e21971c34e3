import { exp2 } from "../kernel/ts/exp2"
import { ENGAGEMENT_HALF_LIFE_S, ENGAGEMENT_WEIGHT, type EngagementKind } from "./constants"

export const ENGAGEMENT_KINDS = Object.keys(ENGAGEMENT_WEIGHT) as EngagementKind[]

export function isEngagementKind(k: unknown): k is EngagementKind {
  return typeof k === "string" && Object.prototype.hasOwnProperty.call(ENGAGEMENT_WEIGHT, k)
}

/**
 * The weight of one engagement at `at`, expressed as of the graph epoch: w(kind) * 2^((at - epoch) / H).
 * Every decaying weight is stored as of the same epoch, so their ratios at any later time are exact
 * (a common factor 2^(-(now - epoch) / H) cancels in each row's normalisation); only the balance
 * against non-decaying follows drifts until the next rebuild re-expresses everything as of then.
 */
export function engagementWeight(kind: EngagementKind, at: number, epoch: number): number {
  return ENGAGEMENT_WEIGHT[kind] * exp2((at - epoch) / ENGAGEMENT_HALF_LIFE_S)
}

/** Re-expresses a weight stored as of `from` as of `to` (a rebuild moves the epoch forward). */
export function rebaseWeight(w: number, from: number, to: number): number {
  return w * exp2((from - to) / ENGAGEMENT_HALF_LIFE_S)
}
