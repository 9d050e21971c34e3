import type { Filter } from "nostr-tools/filter"

import type { StreamDb } from "../db/database"
import {
  checkRelayUrl,
  KIND_APP_DATA,
  KIND_COMMENT,
  KIND_CONTACT_LIST,
  KIND_DELETION,
  KIND_METADATA,
  KIND_MUTE_LIST,
  KIND_REACTION,
  KIND_RELAY_LIST,
  KIND_WEB_BOOKMARK,
  relayListFromEvent,
  type RelayEntry
} from "../nostr/kinds"

export interface RelayPlan {
  relays: RelayEntry[]
  /** "nip65": the person's own relay list; "defaults": the build's defaults (no list yet). */
  source: "nip65" | "defaults"
}

/**
 * Parses a build's default relay list (comma or whitespace separated). Entries that are not relay
 * URLs we accept are dropped with a warning rather than breaking the build.
 */
export function parseRelayUrls(text: string | undefined, warn: (m: string) => void = () => {}): string[] {
  const out: string[] = []
  for (const raw of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const checked = checkRelayUrl(raw)
    if (checked.ok) {
      if (!out.includes(checked.url)) out.push(checked.url)
    } else warn(`ignoring default relay ${raw}: ${checked.reason}`)
  }
  return out
}

/** The relays to use: the person's newest NIP-65 list when there is one, else the defaults (read and write). */
export async function loadRelayPlan(db: StreamDb, me: string | undefined, defaults: string[]): Promise<RelayPlan> {
  if (me) {
    const lists = await db.events.where("[kind+pubkey]").equals([KIND_RELAY_LIST, me]).toArray()
    const newest = lists.sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1))[0]
    const parsed = newest ? relayListFromEvent(newest.event) : undefined
    if (parsed?.ok && parsed.value.relays.length > 0) return { relays: parsed.value.relays, source: "nip65" }
  }
  return { relays: parseRelayUrls(defaults.join(" ")).map((url) => ({ url, read: true, write: true })), source: "defaults" }
}

/**
 * What we ask every relay for. One filter per kind, each with at most one tag condition (the
 * embedded relay returns nothing for more than two), resumed with `since`; plus the person's own
 * profile and replaceable lists whatever their age. Others' profiles are asked by author
 * (profile-feed.ts).
 */
export function syncFilters(since: number, limit: number, me?: string): Filter[] {
  const filters: Filter[] = [
    { kinds: [KIND_WEB_BOOKMARK], since, limit },
    { kinds: [KIND_COMMENT], "#K": ["web"], since, limit },
    { kinds: [KIND_REACTION], "#k": [String(KIND_WEB_BOOKMARK)], since, limit },
    { kinds: [KIND_CONTACT_LIST], since, limit },
    { kinds: [KIND_DELETION], since, limit }
  ]
  if (me) filters.push({ kinds: [KIND_METADATA, KIND_MUTE_LIST, KIND_RELAY_LIST, KIND_APP_DATA], authors: [me], limit: 20 })
  return filters
}
