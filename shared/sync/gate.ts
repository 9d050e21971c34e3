import type { SignedEvent } from "../nostr/event-schema"
import { isExpired, parseKnownEvent, type KnownEvent, type ParseOptions } from "../nostr/kinds"
import type { VerifyFn } from "./types"

/** An event dated further ahead than this is refused: it would win every replaceable slot for its kind. */
export const MAX_FUTURE_SEC = 900

export interface GateOptions {
  verify: VerifyFn
  nowSec: number
  minPow?: ParseOptions["minPow"]
}

export type GateResult = { ok: true; known: KnownEvent } | { ok: false; reason: string }

/**
 * Every incoming event passes here before it touches the database or the engine, cheapest check
 * first: shape and size (zod), the kind's rules (including NIP-13 proof of work), NIP-40 expiry,
 * the clock, and last the id and signature.
 */
export function checkIncoming(raw: unknown, opts: GateOptions): GateResult {
  const parsed = parseKnownEvent(raw, { minPow: opts.minPow })
  if (!parsed.ok) return parsed
  const event: SignedEvent = parsed.value.event
  if (isExpired(event, opts.nowSec)) return { ok: false, reason: "expired (NIP-40)" }
  if (event.created_at > opts.nowSec + MAX_FUTURE_SEC) return { ok: false, reason: "created_at too far in the future" }
  if (!opts.verify(event)) return { ok: false, reason: "bad id or signature" }
  return { ok: true, known: parsed.value }
}

/** A short, stable key for counting reasons ("pow", "malformed event", "bad id or signature"…). */
export function reasonKey(reason: string): string {
  const head = reason.split(":")[0]!.trim()
  return head.length > 40 ? head.slice(0, 40) : head
}
