// The weight of a counted receipt in a settle (docs/PROTOCOL.md §2.9): what the settler's engine
// says (`["receipt", id, weight]`), or by default the attention units of the receipt's seconds.
// Reo is receiver-relative, so no other peer can recompute an engine weight: the ledger checks its
// bounds and format only. Integers only, like every amount of the ledger.
import { dwellUnits } from "../engine/model/attention"

/**
 * Largest weight a settle may carry: 2^63 − 1, the engine's own range (i64 in the WASM kernel,
 * BigInt64Array in its TypeScript twin), so every weight an engine can produce fits, and anything
 * larger cannot be one. weight = floor(R·10^6) · attention with R ≤ N (all Reo on one identity) and
 * attention ≤ 3872 (120 s) stays below it for any network of fewer than 2.38 × 10^9 identities.
 * The bound also keeps the split's arithmetic small: 500 receipts sum below 2^72.
 */
export const MAX_RECEIPT_WEIGHT = (1n << 63n) - 1n

/** Canonical non-negative decimal: no sign, no leading zero, at most 19 digits (the bound's length). */
const CANONICAL = /^(0|[1-9][0-9]{0,18})$/

/** The weight a wire string stands for, or why it is not one (non-canonical, or above the bound). */
export function parseWeight(text: string): { ok: true; weight: bigint } | { ok: false; message: string } {
  if (!CANONICAL.test(text)) return { ok: false, message: `weight "${text.slice(0, 40)}" is not a canonical non-negative decimal integer` }
  const weight = BigInt(text)
  if (weight > MAX_RECEIPT_WEIGHT) return { ok: false, message: `weight ${text} is above the maximum ${MAX_RECEIPT_WEIGHT} (2^63 - 1)` }
  return { ok: true, weight }
}

/** The wire form of a weight; throws RangeError outside 0..MAX_RECEIPT_WEIGHT (a builder's bug). */
export function formatWeight(weight: bigint): string {
  if (weight < 0n || weight > MAX_RECEIPT_WEIGHT) throw new RangeError(`receipt weight ${weight} is outside 0..${MAX_RECEIPT_WEIGHT}`)
  return weight.toString()
}

/**
 * Weight of a counted receipt when the settle carries none: the attention model's units of its
 * seconds (0 under 8 s, capped at 120 s), with Reo left out, since the ledger has no point of view.
 */
export function defaultReceiptWeight(seconds: number): bigint {
  return BigInt(dwellUnits(seconds))
}
