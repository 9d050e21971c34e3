import { randomUUID } from "node:crypto"

import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate } from "nostr-tools/pure"
import WebSocket from "ws"

import { openStreamDb, type StreamDb } from "../../shared/db/database"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { mineEvent } from "../../shared/nostr/kinds"
import { loadVerifier, silentLogger, SyncCore, type SyncCoreOptions, type WebSocketImpl } from "../../shared/sync"

export const NodeWebSocket = WebSocket as unknown as WebSocketImpl

export function freshDb(): StreamDb {
  return openStreamDb(`sync-${randomUUID()}`)
}

export interface Person {
  pubkey: string
  secret: Uint8Array
  sign(template: EventTemplate): SignedEvent
  /** Mines NIP-13 work (created_at kept) and signs. */
  signWithPow(template: EventTemplate, bits: number): Promise<SignedEvent>
}

/** JSON round trip: drops nostr-tools' verified marker, so events look like they came off a wire. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

export function person(): Person {
  const secret = generateSecretKey()
  const pubkey = getPublicKey(secret)
  const sign = (t: EventTemplate) => plain(finalizeEvent(t, secret)) as SignedEvent
  return {
    pubkey,
    secret,
    sign,
    async signWithPow(t, bits) {
      const mined = await mineEvent({ ...t, pubkey }, bits)
      const signed = sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
      if (signed.id !== mined.id) throw new Error("mined id changed on signing")
      return signed
    }
  }
}

export function nowSec(): number {
  return Math.floor(Date.now() / 1000)
}

/** A sync core over Node's `ws`, the WASM verifier and quiet logs; stopped by the caller. */
export async function syncCore(db: StreamDb, relays: string[], opts: Partial<SyncCoreOptions> = {}): Promise<SyncCore> {
  const verifier = await loadVerifier()
  return new SyncCore({
    db,
    WebSocket: NodeWebSocket,
    verify: verifier.verify,
    defaultRelays: relays,
    log: silentLogger,
    ...opts,
    tuning: { reconnectBaseMs: 50, reconnectMaxMs: 500, checkpointEveryMs: 0, ...opts.tuning }
  })
}
