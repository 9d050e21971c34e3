import type { Event } from "@nostr-relay/common"

/** Seconds since the epoch of the event's NIP-40 `expiration` tag, or null when it has none. */
export function expirationOf(event: Event): number | null {
  const tag = event.tags.find(([name]) => name === "expiration")
  if (!tag || tag[1] === undefined || !/^\d+$/.test(tag[1])) return null
  return Number(tag[1])
}

/** NIP-40: the tag names the moment the event stops being valid, so that second counts as expired. */
export function isExpired(event: Event, nowSeconds: number): boolean {
  const expiresAt = expirationOf(event)
  return expiresAt !== null && expiresAt <= nowSeconds
}
