import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, hexToBytes } from "nostr-tools/utils"
import { finalizeEvent, getPublicKey, type EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../nostr/event-schema"
import { mineTemplate } from "./miner"

/**
 * How the demo signs and mines. The default is pure JavaScript (nostr-tools, ~2-4 ms a signature
 * here, with random BIP-340 auxiliary data, so ids are stable but signatures differ between runs).
 * Node callers can pass scripts/demo/node-crypto.ts (libsecp256k1 through nostr-wasm, fixed
 * auxiliary data: byte-identical events on every run, and about five times faster).
 */
export interface DemoCrypto {
  /** Signs a finished template (nonce included) with a 64-hex secret key. */
  sign(template: EventTemplate, secretKeyHex: string): SignedEvent
  /** NIP-13: the template with `["nonce", n, bits]` last and created_at unchanged. */
  mine(template: EventTemplate, pubkey: string, bits: number): EventTemplate
}

export const pureDemoCrypto: DemoCrypto = {
  sign(template, secretKeyHex) {
    const e = finalizeEvent({ ...template, tags: template.tags.map((t) => [...t]) }, hexToBytes(secretKeyHex))
    return { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig }
  },
  mine: mineTemplate
}

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const utf8 = new TextEncoder()

/**
 * The demo's secret key number `index` for `seed`: sha256 of a fixed label, the seed and the
 * index (re-hashed in the astronomically unlikely case it is not a valid secp256k1 scalar).
 * Anyone can recompute these keys: they are for a demo network only, never for real money.
 */
export function demoSecretKey(seed: number, index: number): string {
  let bytes = sha256(utf8.encode(`synereo-stream/demo/v1\n${seed}\n${index}`))
  for (;;) {
    const k = BigInt(`0x${bytesToHex(bytes)}`)
    if (k > 0n && k < CURVE_ORDER) return bytesToHex(bytes)
    bytes = sha256(bytes)
  }
}

export function demoPublicKey(secretKeyHex: string): string {
  return getPublicKey(hexToBytes(secretKeyHex))
}
