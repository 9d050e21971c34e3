import { npubEncode } from "nostr-tools/nip19"

/** "npub1abcd…wxyz" for a hex pubkey (the full npub goes in a tooltip). */
export function shortNpub(hex: string): string {
  const npub = fullNpub(hex)
  return npub.length > 16 ? `${npub.slice(0, 9)}…${npub.slice(-4)}` : npub
}

export function fullNpub(hex: string): string {
  try {
    return npubEncode(hex)
  } catch {
    return hex
  }
}

/** Relative Reo with two significant decimals: "1.4", "0.07", "0". */
export function formatReo(reo: number): string {
  if (!Number.isFinite(reo) || reo <= 0) return "0"
  return reo >= 10 ? reo.toFixed(0) : reo >= 1 ? reo.toFixed(1) : reo.toPrecision(2)
}

/**
 * Relative Reo as a person reads it, the same on the card and in Why?: "40×" (of the average
 * person's standing), "0.07×", or "none". A bare "Reo 40" read as a score out of nowhere.
 */
export function formatStanding(reo: number): string {
  const r = formatReo(reo)
  return r === "0" ? "none" : `${r}×`
}

/** The tooltip that says what the multiple is of. */
export function standingTooltip(reo: number): string {
  const r = formatReo(reo)
  return r === "0" ? "No standing (Reo 0) from your point of view" : `Their standing (Reo) from your point of view: ${r}× the average person's`
}

export function formatCurrent(current: number): string {
  if (!Number.isFinite(current) || current <= 0) return "0"
  return current >= 10 ? current.toFixed(1) : current.toPrecision(2)
}
