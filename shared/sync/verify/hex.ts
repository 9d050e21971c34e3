// Hex without allocation: decoded straight into WASM memory, encoded through a 256-entry table.
// The verifier does this three times per event, so parseInt/slice per byte showed in profiles.

/** Nibble value per char code; -1 for anything that is not a hex digit (either case). */
const NIBBLE = new Int8Array(128).fill(-1)
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c
for (let c = 0; c < 6; c++) NIBBLE[65 + c] = NIBBLE[97 + c] = 10 + c

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"))

/**
 * Writes the bytes of `hex` (exactly `bytes * 2` digits, either case, as @noble/hashes accepts)
 * to `out` at `at`. False, with `out` partly written, on any other string.
 */
export function decodeHexInto(hex: unknown, bytes: number, out: Uint8Array, at: number): boolean {
  if (typeof hex !== "string" || hex.length !== bytes * 2) return false
  for (let i = 0; i < bytes; i++) {
    const hi = NIBBLE[hex.charCodeAt(2 * i)] ?? -1
    const lo = NIBBLE[hex.charCodeAt(2 * i + 1)] ?? -1
    if ((hi | lo) < 0) return false
    out[at + i] = (hi << 4) | lo
  }
  return true
}

/** Lower-case hex of `len` bytes of `src` from `at`. */
export function encodeHex(src: Uint8Array, at: number, len: number): string {
  let s = ""
  for (let i = 0; i < len; i++) s += BYTE_HEX[src[at + i]!]
  return s
}
