// The AMP ledger's share of the sync core (docs/PROTOCOL.md Part 2): which events are ledger
// events, the subscription filter, and the network an event belongs to.
import type { Filter } from "nostr-tools/filter"

import type { SignedEvent } from "../nostr/event-schema"

/** Kinds 3331-3335: transfer, stake, burn, settle, receipt (the genesis, 3330, is pinned, not synced). */
export const LEDGER_SYNC_KINDS = [3331, 3332, 3333, 3334, 3335] as const
const HEX64 = /^[0-9a-f]{64}$/

/** A ledger event by its kind, before anything else is checked. */
export function isLedgerKind(raw: unknown): boolean {
  const kind = (raw as { kind?: unknown } | null)?.kind
  return typeof kind === "number" && kind >= 3330 && kind <= 3335
}

/**
 * The ledger filter, by kinds only. `#net` cannot be asked of relays: NIP-01 indexes single-letter
 * tags, and the embedded relay's sqlite index reads `#net` as `#n`; the gate checks `net` instead.
 */
export function ledgerFilter(limit: number): Filter {
  return { kinds: [...LEDGER_SYNC_KINDS], limit }
}

/** The genesis id in the event's first `net` tag, when the event is well-formed enough to have one. */
export function ledgerNetOf(raw: unknown): string | null {
  const e = raw as Partial<SignedEvent> | null
  if (!e || typeof e !== "object" || !Array.isArray(e.tags) || typeof e.id !== "string" || typeof e.sig !== "string" || typeof e.pubkey !== "string") return null
  if (typeof e.content !== "string" || typeof e.created_at !== "number") return null
  const tag = e.tags.find((t) => Array.isArray(t) && t[0] === "net")
  const net = tag?.[1]
  return typeof net === "string" && HEX64.test(net) ? net : null
}
