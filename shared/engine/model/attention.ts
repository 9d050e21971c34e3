import { ATTENTION_UNIT, MAX_DWELL_S, MIN_DWELL_S } from "./constants"

/** One person's attention to amplified content, as the attention tracker recorded it. */
export interface AttentionRecord {
  pubkey: string
  /** Seconds the content was in a focused, visible tab with recent input. */
  dwellSec: number
  /** The tab was in the foreground for that time (background tabs earn nothing). */
  foreground: boolean
  /** The person was idle (no input for the idle period) during the dwell. */
  idle: boolean
}

/**
 * Attention units of a dwell alone: 0 below MIN_DWELL_S, otherwise
 * ATTENTION_UNIT * sqrt(min(dwell, MAX_DWELL_S) / MIN_DWELL_S), rounded down. Concave in time as
 * Brave scored visits: a long stay counts, but not linearly. The ledger's default receipt weight
 * (shared/ledger/weight.ts) is this of a receipt's seconds, so this file must stay free of the kernel.
 */
export function dwellUnits(dwellSec: number): number {
  if (!(dwellSec >= MIN_DWELL_S)) return 0
  const dwell = Math.min(dwellSec, MAX_DWELL_S)
  return Math.floor(ATTENTION_UNIT * Math.sqrt(dwell / MIN_DWELL_S))
}

/**
 * Attention units of a record: 0 in the background, while idle, or for the content's own
 * originator or promoter; otherwise the units of its dwell.
 */
export function attentionUnits(r: AttentionRecord, originator: string, promoter: string): number {
  if (!r.foreground || r.idle) return 0
  if (r.pubkey === originator || r.pubkey === promoter) return 0
  return dwellUnits(r.dwellSec)
}
