import type { EventTemplate } from "nostr-tools/pure"
import type { SignedEvent } from "../event-schema"
import { normalizeURL } from "nostr-tools/utils"

import { fail, parseSigned, type Parsed } from "./common"

/** NIP-65 relay list metadata (replaceable). */
export const KIND_RELAY_LIST = 10002

export const RELAY_LIST_LIMITS = {
  /** NIP-65 asks for small lists; more than this makes the event malformed. */
  relays: 20,
  urlChars: 512
} as const

export interface RelayEntry {
  /** Normalised ws:// or wss:// URL (nostr-tools normalizeURL). */
  url: string
  read: boolean
  write: boolean
}

export interface RelayList {
  id: string
  author: string
  createdAt: number
  relays: RelayEntry[]
  /** `r` tags skipped: not a relay URL we accept, or a repeat. */
  skipped: number
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"])

/**
 * A relay URL as we accept it, normalised, or a reason. `wss://` anywhere; plain `ws://` only on
 * loopback (the embedded local relay), since anything else would send events unencrypted.
 */
export function checkRelayUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > RELAY_LIST_LIMITS.urlChars) return { ok: false, reason: "not a relay URL" }
  let u: URL
  try {
    u = new URL(raw.trim())
  } catch {
    return { ok: false, reason: `not a URL: ${raw.slice(0, 80)}` }
  }
  if (u.protocol !== "wss:" && u.protocol !== "ws:") return { ok: false, reason: `a relay URL starts with wss:// (got ${u.protocol})` }
  if (u.protocol === "ws:" && !LOOPBACK.has(u.hostname)) return { ok: false, reason: "plain ws:// is only allowed for a relay on this computer (use wss://)" }
  if (u.username || u.password) return { ok: false, reason: "a relay URL carries no credentials" }
  return { ok: true, url: normalizeURL(u.toString()) }
}

/** The unsigned relay list: `["r", url]` for read+write, or with a "read" / "write" marker. */
export function relayListTemplate(relays: RelayEntry[], createdAt: number): EventTemplate {
  if (relays.length > RELAY_LIST_LIMITS.relays) throw new RangeError(`at most ${RELAY_LIST_LIMITS.relays} relays`)
  const tags: string[][] = []
  const seen = new Set<string>()
  for (const r of relays) {
    const checked = checkRelayUrl(r.url)
    if (!checked.ok) throw new RangeError(checked.reason)
    if (!r.read && !r.write) throw new RangeError(`${r.url} is neither read nor write`)
    if (seen.has(checked.url)) continue
    seen.add(checked.url)
    tags.push(r.read && r.write ? ["r", checked.url] : ["r", checked.url, r.read ? "read" : "write"])
  }
  return { kind: KIND_RELAY_LIST, created_at: createdAt, tags, content: "" }
}

/** Checks a relay list except its signature; unusable `r` entries are skipped and counted. */
export function parseRelayList(input: unknown): Parsed<RelayList> {
  const base = parseSigned(input, KIND_RELAY_LIST)
  return base.ok ? relayListFromEvent(base.value) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function relayListFromEvent(event: SignedEvent): Parsed<RelayList> {
  const relays: RelayEntry[] = []
  let skipped = 0
  for (const t of event.tags) {
    if (t[0] !== "r") continue
    const checked = checkRelayUrl(t[1] ?? "")
    const marker = t[2]
    if (!checked.ok || (marker !== undefined && marker !== "" && marker !== "read" && marker !== "write") || relays.some((r) => r.url === checked.url)) {
      skipped++
      continue
    }
    relays.push({ url: checked.url, read: marker !== "write", write: marker !== "read" })
  }
  if (relays.length > RELAY_LIST_LIMITS.relays) return fail(`relay list: more than ${RELAY_LIST_LIMITS.relays} relays`)
  return { ok: true, value: { id: event.id, author: event.pubkey, createdAt: event.created_at, relays, skipped } }
}
