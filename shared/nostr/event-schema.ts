import * as z from "zod"

/**
 * Upper bounds applied to every event before its signature is even checked (docs/PROTOCOL.md §1.2).
 * - contentChars: `content` length in UTF-16 code units.
 * - tags: tags per event; 600 because a ledger settle may carry up to 505 (docs/PROTOCOL.md §2.9).
 * - tagValues: strings per tag, the name included.
 * - tagValueChars: characters per tag string; URLs in `d`/`i` tags are at most 2048, and the
 *   embedded relay accepts the same 4096 (relay/limits.ts MAX_TAG_VALUE_CHARS).
 * - jsonBytes: the whole event as JSON, in UTF-8 bytes (the ledger's bound; relays take 128 KiB messages).
 * Kinds narrow these further in shared/nostr/kinds/.
 */
export const EVENT_LIMITS = {
  contentChars: 16_384,
  tags: 600,
  tagValues: 16,
  tagValueChars: 4_096,
  jsonBytes: 65_536
} as const

const utf8 = new TextEncoder()

/** Size of an event's JSON in UTF-8 bytes. */
export function eventJsonBytes(event: unknown): number {
  return utf8.encode(JSON.stringify(event)).length
}

/**
 * True when the event's JSON is at most `max` bytes. Most events are far below it: an upper bound
 * (3 bytes per UTF-16 unit, 6 for JSON escapes, plus syntax) decides without serialising.
 */
function fitsJsonBytes(event: { content: string; tags: string[][] }, max: number): boolean {
  let units = event.content.length
  let strings = 1
  for (const tag of event.tags) {
    strings += tag.length
    for (const v of tag) units += v.length
  }
  if (units * 6 + strings * 4 + event.tags.length * 3 + 400 <= max) return true
  return eventJsonBytes(event) <= max
}

const hex = (len: number) => z.string().regex(new RegExp(`^[0-9a-f]{${len}}$`), `expected ${len} lowercase hex digits`)

/** The shape of a signed Nostr event (NIP-01), with size limits. Signature checks come after. */
export const signedEventSchema = z.object({
  id: hex(64),
  pubkey: hex(64),
  sig: hex(128),
  kind: z.number().int().min(0).max(65535),
  created_at: z.number().int().min(0).max(2 ** 40),
  content: z.string().max(EVENT_LIMITS.contentChars),
  tags: z
    .array(z.array(z.string().max(EVENT_LIMITS.tagValueChars)).min(1).max(EVENT_LIMITS.tagValues))
    .max(EVENT_LIMITS.tags)
}).refine((event) => fitsJsonBytes(event, EVENT_LIMITS.jsonBytes), `event larger than ${EVENT_LIMITS.jsonBytes} bytes of JSON`)

export type SignedEvent = z.infer<typeof signedEventSchema>

/** The zod schema's own safeParse: the reference the fast path below must agree with (tests/sync/event-schema-fast-path.test.ts). */
export const referenceSafeParse = signedEventSchema.safeParse

/** True when `s` is a string of exactly `len` lowercase hex digits (the `hex(len)` rule above). */
function isLowerHex(s: unknown, len: number): s is string {
  if (typeof s !== "string" || s.length !== len) return false
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false
  }
  return true
}

/**
 * The schema's rules written out by hand, for the hot path (every event from every relay): the
 * parsed copy zod would return (known keys only, in the schema's order, fresh tag arrays), or
 * undefined when any rule fails. Accepts exactly what `referenceSafeParse` accepts; on undefined
 * the caller asks zod, so refusals keep zod's messages.
 */
export function fastSignedEvent(input: unknown): SignedEvent | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
  const o = input as Record<string, unknown>
  const { id, pubkey, sig, kind, created_at, content, tags } = o
  if (!isLowerHex(id, 64) || !isLowerHex(pubkey, 64) || !isLowerHex(sig, 128)) return undefined
  if (typeof kind !== "number" || !Number.isInteger(kind) || kind < 0 || kind > 65535) return undefined
  if (typeof created_at !== "number" || !Number.isInteger(created_at) || created_at < 0 || created_at > 2 ** 40) return undefined
  if (typeof content !== "string" || content.length > EVENT_LIMITS.contentChars) return undefined
  if (!Array.isArray(tags) || tags.length > EVENT_LIMITS.tags) return undefined
  const outTags: string[][] = new Array(tags.length)
  for (let i = 0; i < tags.length; i++) {
    const tag: unknown = tags[i]
    if (!Array.isArray(tag) || tag.length < 1 || tag.length > EVENT_LIMITS.tagValues) return undefined
    const out: string[] = new Array(tag.length)
    for (let j = 0; j < tag.length; j++) {
      const v: unknown = tag[j]
      if (typeof v !== "string" || v.length > EVENT_LIMITS.tagValueChars) return undefined
      out[j] = v
    }
    outTags[i] = out
  }
  const event: SignedEvent = { id, pubkey, sig, kind, created_at, content, tags: outTags }
  return fitsJsonBytes(event, EVENT_LIMITS.jsonBytes) ? event : undefined
}

/**
 * Checks an incoming event's shape and size: the hand-written fast path first (ingest is hot), and
 * the zod schema (the reference) only for events the fast path refuses, so a refusal carries zod's
 * own message. Every inbound event goes through this, never through the schema directly.
 */
export function parseSignedEvent(data: unknown): ReturnType<typeof referenceSafeParse> {
  const fast = fastSignedEvent(data)
  return fast ? { success: true as const, data: fast } : referenceSafeParse(data)
}

export function tagValue(event: { tags: string[][] }, name: string): string | undefined {
  return event.tags.find((t) => t[0] === name)?.[1]
}
