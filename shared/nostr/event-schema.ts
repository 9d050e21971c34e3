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

export function tagValue(event: { tags: string[][] }, name: string): string | undefined {
  return event.tags.find((t) => t[0] === name)?.[1]
}
