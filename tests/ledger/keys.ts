// Deterministic real keys and a chain-position tracker for tests that sign with nostr-tools.
import { getPublicKey } from "nostr-tools/pure"
import { sha256 } from "@noble/hashes/sha2.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"
import type { NostrEvent } from "../../shared/ledger"

export interface Key {
  name: string
  sk: Uint8Array
  pk: string
}

export const key = (name: string): Key => {
  const sk = sha256(utf8ToBytes(`synereo-stream test secret key: ${name}`))
  return { name, sk, pk: getPublicKey(sk) }
}

/** Tracks each account's next seq and prev, like a wallet does. */
export class Chains {
  private readonly heads = new Map<string, { seq: number; prev: string }>()
  constructor(private readonly net: string) {}
  next(k: Key, createdAt: number): { net: string; seq: number; prev: string; createdAt: number } {
    const h = this.heads.get(k.pk) ?? { seq: 1, prev: this.net }
    return { net: this.net, seq: h.seq, prev: h.prev, createdAt }
  }
  record(e: NostrEvent): NostrEvent {
    const seq = Number(e.tags.find((t) => t[0] === "seq")![1])
    this.heads.set(e.pubkey, { seq: seq + 1, prev: e.id })
    return e
  }
}
