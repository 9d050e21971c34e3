import { bytesToHex, hexToBytes } from "nostr-tools/utils"
import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../nostr/event-schema"

const HEX64 = /^[0-9a-f]{64}$/

/** A new secp256k1 secret key as 64 hex digits, from the platform's CSPRNG (via nostr-tools). */
export function newSecretKeyHex(): string {
  return bytesToHex(generateSecretKey())
}

export function isSecretKeyHex(value: unknown): value is string {
  return typeof value === "string" && HEX64.test(value)
}

export function publicKeyOf(secretKeyHex: string): string {
  return getPublicKey(hexToBytes(secretKeyHex))
}

export function signWith(secretKeyHex: string, template: EventTemplate): SignedEvent {
  return finalizeEvent(template, hexToBytes(secretKeyHex))
}
