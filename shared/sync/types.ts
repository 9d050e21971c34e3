import type { GraphDelta } from "../engine/engine-api"
import type { SignedEvent } from "../nostr/event-schema"

/**
 * Where the sync core hands graph changes as events arrive. The engine's own `EngineApi`
 * satisfies it (Node CLI, benchmark); the extension's background passes none, because the side
 * panel's engine worker replays the same deltas from the `graphDeltas` table.
 */
export interface GraphDeltaSink {
  applyDeltas(deltas: GraphDelta[], nowSec: number): unknown
}

export interface SyncClock {
  nowMs(): number
}

export const systemClock: SyncClock = { nowMs: () => Date.now() }

/** A WebSocket constructor: the platform's in browsers and workers, `ws` in Node. */
export type WebSocketImpl = typeof WebSocket

/** Checks an event's id and signature. */
export type VerifyFn = (event: SignedEvent) => boolean

export interface SyncLogger {
  info(message: string, ...rest: unknown[]): void
  warn(message: string, ...rest: unknown[]): void
}

export const consoleLogger: SyncLogger = {
  info: (m, ...r) => console.info(`Synereo sync: ${m}`, ...r),
  warn: (m, ...r) => console.warn(`Synereo sync: ${m}`, ...r)
}

export const silentLogger: SyncLogger = { info: () => {}, warn: () => {} }

/**
 * Where the sync core hands AMP ledger events (kinds 3331-3335 of the pinned network, docs/PROTOCOL.md
 * Part 2). The extension passes the wallet service; the core subscribes only while `network()` names
 * a genesis id, checks each event's id and signature, and hands them in batches (one call each).
 */
export interface LedgerSink {
  /** The pinned network's genesis id, or null (no ledger subscription then). */
  network(): Promise<string | null>
  /** Applies a batch of verified ledger events (the wallet: one transaction). */
  ingest(events: SignedEvent[]): Promise<unknown>
}
