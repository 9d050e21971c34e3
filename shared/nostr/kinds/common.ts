import type { EventTemplate } from "nostr-tools/pure"

import { parseSignedEvent, type SignedEvent } from "../event-schema"

/** What every per-kind parser returns: the checked value, or the first rule the event broke. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

export const HEX64 = /^[0-9a-f]{64}$/

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}

/** Generic NIP-01 shape and size (shared/nostr/event-schema.ts), then the expected kind. */
export function parseSigned(input: unknown, kind: number): Parsed<SignedEvent> {
  const shape = parseSignedEvent(input)
  if (!shape.success) return fail(`malformed event: ${shape.error.issues[0]?.message ?? "invalid"}`)
  if (shape.data.kind !== kind) return fail(`expected kind ${kind}, got ${shape.data.kind}`)
  const expiry = expirationOf(shape.data)
  if (expiry === "malformed") return fail("malformed expiration tag (NIP-40)")
  return { ok: true, value: shape.data }
}

/** Every tag with this name. */
export function tagsNamed(event: { tags: string[][] }, name: string): string[][] {
  return event.tags.filter((t) => t[0] === name)
}

/**
 * The value of a tag that must appear at most once: the value, `undefined` when absent, or
 * `null` when the tag appears more than once.
 */
export function singleTag(event: { tags: string[][] }, name: string): string | undefined | null {
  const found = tagsNamed(event, name)
  if (found.length > 1) return null
  return found[0]?.[1]
}

/**
 * NIP-40: the `expiration` tag's unix seconds, `undefined` without one, or "malformed" for a
 * repeated tag or a value that is not a canonical non-negative integer.
 */
export function expirationOf(event: { tags: string[][] }): number | undefined | "malformed" {
  const value = singleTag(event, "expiration")
  if (value === undefined) return undefined
  if (value === null || !/^(0|[1-9][0-9]{0,15})$/.test(value)) return "malformed"
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : "malformed"
}

/** True when the event carries an expiration (NIP-40) at or before `nowSec`. */
export function isExpired(event: { tags: string[][] }, nowSec: number): boolean {
  const at = expirationOf(event)
  return typeof at === "number" && at <= nowSec
}

/** Appends `["expiration", at]` to a template (NIP-40). */
export function withExpiration(template: EventTemplate, expiresAt: number): EventTemplate {
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= template.created_at) throw new RangeError("expiration must be an integer after created_at")
  return { ...template, tags: [...template.tags, ["expiration", String(expiresAt)]] }
}

/** Counts characters as people see them (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}
