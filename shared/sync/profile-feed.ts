// Names for the people we hold posts from (docs/PROTOCOL.md §1.14): kind-0 profiles are asked by
// author, never for the whole network (a public relay holds millions). Each connection asks for
// every author held, then for each new author as their first post arrives, and the periodic tick
// asks again for authors still without a profile (it may have reached the relay after their post).
import type { Filter } from "nostr-tools/filter"

import type { StreamDb } from "../db/database"
import { KIND_METADATA, type KnownEvent } from "../nostr/kinds"

/** Authors per request: ~13 KB of REQ, well below relays' message limits. */
export const PROFILE_AUTHORS_PER_REQ = 200
/** A connection is asked for the same author at most this often. */
export const PROFILE_RETRY_MS = 10 * 60_000

export function profileFilter(authors: string[]): Filter {
  return { kinds: [KIND_METADATA], authors, limit: authors.length }
}

/** Everyone who amplified a post we hold (the `amplifiers` index: one key per author, cheap). */
export async function authorsHeld(db: StreamDb): Promise<string[]> {
  return (await db.posts.orderBy("amplifiers").uniqueKeys()) as string[]
}

/** Held authors with no profile stored yet. */
export async function authorsWithoutProfile(db: StreamDb): Promise<string[]> {
  const authors = await authorsHeld(db)
  const rows = await db.profiles.bulkGet(authors)
  return authors.filter((_, i) => !rows[i])
}

/** Authors of bookmarks among newly stored events. */
export function bookmarkAuthors(stored: KnownEvent[]): string[] {
  return [...new Set(stored.flatMap((k) => (k.type === "bookmark" ? [k.event.pubkey] : [])))]
}

/**
 * Asks each connection for the profiles of authors it was not asked for lately, one request at a
 * time per connection (relays cap open subscriptions; the embedded one at 20). Keyed by the
 * connection object, so a reconnect asks again and catches profiles changed meanwhile.
 */
export class ProfileFeed<Conn extends object> {
  private readonly asked = new WeakMap<Conn, Map<string, number>>()
  private readonly tail = new WeakMap<Conn, Promise<void>>()

  constructor(
    private readonly fetchOnce: (conn: Conn, filter: Filter) => Promise<void>,
    private readonly nowMs: () => number
  ) {}

  ask(conn: Conn, authors: Iterable<string>): Promise<void> {
    let seen = this.asked.get(conn)
    if (!seen) this.asked.set(conn, (seen = new Map()))
    const now = this.nowMs()
    const fresh = [...new Set(authors)].filter((a) => now - (seen.get(a) ?? -Infinity) >= PROFILE_RETRY_MS)
    for (const a of fresh) seen.set(a, now)
    let next = this.tail.get(conn) ?? Promise.resolve()
    for (let i = 0; i < fresh.length; i += PROFILE_AUTHORS_PER_REQ) {
      const chunk = fresh.slice(i, i + PROFILE_AUTHORS_PER_REQ)
      next = next.then(() => this.fetchOnce(conn, profileFilter(chunk))).catch(() => undefined)
    }
    this.tail.set(conn, next)
    return next
  }
}
