import * as z from "zod"

/** Upper bounds applied to every event before its signature is even checked. */
export const EVENT_LIMITS = {
  contentChars: 16_384,
  tags: 200,
  tagValues: 16,
  tagValueChars: 4_096
} as const

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
})

export type SignedEvent = z.infer<typeof signedEventSchema>

export function tagValue(event: { tags: string[][] }, name: string): string | undefined {
  return event.tags.find((t) => t[0] === name)?.[1]
}
