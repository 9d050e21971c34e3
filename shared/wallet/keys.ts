// Public keys as people type them: an npub (NIP-19) or 64 hex digits. Used by the wallet's send
// and stake, the CLI and the distribution CSV, so every entry point refuses the same inputs with
// the same words.
import { decode, npubEncode } from "nostr-tools/nip19"

export type PubkeyParse = { ok: true; pubkey: string } | { ok: false; message: string }

const HEX64 = /^[0-9a-fA-F]{64}$/

// secp256k1 field prime. A BIP-340 public key is the x coordinate of a curve point; an x for which
// x³ + 7 is not a square has no point, so no secret key can ever sign for it: money sent there is
// gone for good. Catching it here turns a typo into an error instead of a loss.
const P = 2n ** 256n - 2n ** 32n - 977n

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n
  let b = base % mod
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod
    b = (b * b) % mod
    e >>= 1n
  }
  return result
}

/** True when `hex` (64 lowercase hex) is the x coordinate of a point on secp256k1. */
export function isCurvePoint(hex: string): boolean {
  const x = BigInt(`0x${hex}`)
  if (x === 0n || x >= P) return false
  const y2 = (x * x * x + 7n) % P
  return modPow(y2, (P - 1n) / 2n, P) === 1n // Euler's criterion: y² has a square root
}

/** Parses an npub or 64-hex public key into lowercase hex, or says what is wrong with it. */
export function parsePubkey(input: string): PubkeyParse {
  const text = typeof input === "string" ? input.trim() : ""
  if (text.length === 0) return { ok: false, message: "no public key given" }
  let hex: string
  if (text.startsWith("npub1")) {
    try {
      const decoded = decode(text)
      if (decoded.type !== "npub") return { ok: false, message: `"${short(text)}" is not an npub` }
      hex = decoded.data
    } catch {
      return { ok: false, message: `"${short(text)}" is not a valid npub (bad checksum or length)` }
    }
  } else if (text.startsWith("nsec1")) {
    return { ok: false, message: "this is a secret key (nsec); give the recipient's public key (npub) and keep the nsec private" }
  } else if (HEX64.test(text)) {
    hex = text.toLowerCase()
  } else {
    return { ok: false, message: `"${short(text)}" is neither an npub nor a 64-hex public key` }
  }
  if (!isCurvePoint(hex)) return { ok: false, message: `"${short(text)}" is not a point on secp256k1: no one could ever spend from it` }
  return { ok: true, pubkey: hex }
}

export const toNpub = (hex: string): string => npubEncode(hex)

function short(text: string): string {
  return text.length > 24 ? `${text.slice(0, 20)}…` : text
}
