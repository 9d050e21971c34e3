// AMP amounts. In memory an amount is a `bigint` count of base units (1 AMP = 10^8 base units);
// on the wire it is an AMP decimal string with at most 8 decimals. No floating point anywhere.

export const AMP_DECIMALS = 8
export const BASE_UNITS_PER_AMP = 100_000_000n
/** The whole AMP supply after the 2015 re-issue: 2,000,000,000 AMP. */
export const MAX_SUPPLY_AMP = 2_000_000_000n
/** 2×10^17 base units: the largest amount any ledger value can take. */
export const MAX_SUPPLY = MAX_SUPPLY_AMP * BASE_UNITS_PER_AMP

export class AmountError extends Error {
  override readonly name = "AmountError"
}

// Digits only: no sign, no exponent, no spaces, no leading zeros (except "0" itself), no lone ".".
const AMP_PATTERN = /^(0|[1-9][0-9]{0,9})(?:\.([0-9]{1,8}))?$/

/**
 * Parses an AMP decimal string ("12", "0.5", "1.50000000") into base units.
 * Refuses: empty, whitespace, signs, exponents, more than 8 decimals, leading zeros, "1.", ".5",
 * and anything above the total supply (2,000,000,000 AMP).
 */
export function parseAmp(text: string): bigint {
  if (typeof text !== "string") throw new AmountError("amount must be a string")
  if (text.length === 0) throw new AmountError("amount is empty")
  if (text.length > 20) throw new AmountError(`amount "${text.slice(0, 24)}" is too long`)
  const m = AMP_PATTERN.exec(text)
  if (m === null) {
    throw new AmountError(
      `amount "${text}" is not an AMP decimal (digits, optional "." and at most ${AMP_DECIMALS} decimals)`
    )
  }
  const whole = BigInt(m[1]!)
  const frac = BigInt((m[2] ?? "").padEnd(AMP_DECIMALS, "0"))
  const units = whole * BASE_UNITS_PER_AMP + frac
  if (units > MAX_SUPPLY) throw new AmountError(`amount "${text}" exceeds the total supply of 2000000000 AMP`)
  return units
}

/** Like parseAmp but returns null instead of throwing. */
export function tryParseAmp(text: string): bigint | null {
  try {
    return parseAmp(text)
  } catch {
    return null
  }
}

/** Formats base units canonically: no trailing zeros, no trailing ".", "0" for zero. */
export function formatAmp(units: bigint): string {
  if (typeof units !== "bigint") throw new AmountError("amount must be a bigint")
  if (units < 0n) throw new AmountError("amount is negative")
  if (units > MAX_SUPPLY) throw new AmountError("amount exceeds the total supply")
  const whole = units / BASE_UNITS_PER_AMP
  const frac = units % BASE_UNITS_PER_AMP
  if (frac === 0n) return whole.toString()
  return `${whole}.${frac.toString().padStart(AMP_DECIMALS, "0").replace(/0+$/, "")}`
}

/** True when `text` is the one canonical wire spelling of its amount (what formatAmp gives). */
export function isCanonicalAmp(text: string): boolean {
  const units = tryParseAmp(text)
  return units !== null && formatAmp(units) === text
}
