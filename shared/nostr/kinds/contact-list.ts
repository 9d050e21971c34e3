import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { EVENT_LIMITS } from "../event-schema"
import { HEX64, fail, parseSigned, type Parsed } from "./common"

/** NIP-02 follow list (replaceable: the newest per author counts). */
export const KIND_CONTACT_LIST = 3

/** Follows we publish at most: every follow is one tag, and events carry at most EVENT_LIMITS.tags. */
export const CONTACT_LIMITS = { follows: EVENT_LIMITS.tags } as const

export interface Follow {
  pubkey: string
  relay?: string
  petname?: string
}

export interface ContactList {
  id: string
  author: string
  createdAt: number
  /** Distinct followed pubkeys, in tag order. */
  follows: string[]
  /** `p` tags skipped because their value was not a 64-hex pubkey. */
  skipped: number
}

/** The unsigned follow list: one `["p", pubkey, relay, petname]` per follow; content empty. */
export function contactListTemplate(follows: Follow[], createdAt: number): EventTemplate {
  if (follows.length > CONTACT_LIMITS.follows) throw new RangeError(`at most ${CONTACT_LIMITS.follows} follows`)
  const seen = new Set<string>()
  const tags: string[][] = []
  for (const f of follows) {
    if (!HEX64.test(f.pubkey)) throw new RangeError(`not a hex pubkey: ${f.pubkey}`)
    if (seen.has(f.pubkey)) continue
    seen.add(f.pubkey)
    const tag = ["p", f.pubkey]
    if (f.relay || f.petname) tag.push(f.relay ?? "")
    if (f.petname) tag.push(f.petname)
    tags.push(tag)
  }
  return { kind: KIND_CONTACT_LIST, created_at: createdAt, tags, content: "" }
}

/** Checks a follow list except its signature. Malformed `p` entries are skipped (and counted), not fatal. */
export function parseContactList(input: unknown): Parsed<ContactList> {
  const base = parseSigned(input, KIND_CONTACT_LIST)
  return base.ok ? contactListFromEvent(base.value) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function contactListFromEvent(event: SignedEvent): Parsed<ContactList> {
  const follows: string[] = []
  const seen = new Set<string>()
  let skipped = 0
  for (const t of event.tags) {
    if (t[0] !== "p") continue
    const pk = t[1]
    if (!pk || !HEX64.test(pk)) {
      skipped++
      continue
    }
    if (!seen.has(pk)) {
      seen.add(pk)
      follows.push(pk)
    }
  }
  if (follows.length === 0 && skipped > 0) return fail("contact list: no valid p tag")
  return { ok: true, value: { id: event.id, author: event.pubkey, createdAt: event.created_at, follows, skipped } }
}
