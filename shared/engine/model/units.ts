import { BASE_UNITS_PER_AMP } from "./constants"

/** Whole AMPs as a float, for the capacitor only (money itself never leaves bigint base units). */
export function ampsToNumber(baseUnits: bigint): number {
  const whole = baseUnits / BASE_UNITS_PER_AMP
  const frac = baseUnits % BASE_UNITS_PER_AMP
  return Number(whole) + Number(frac) / Number(BASE_UNITS_PER_AMP)
}
