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

export function formatCurrent(current: number): string {
  if (!Number.isFinite(current) || current <= 0) return "0"
  return current >= 10 ? current.toFixed(1) : current.toPrecision(2)
}
