import type { PostRow, StoredEvent, StreamDb } from "../db/database"
import type { SignedEvent } from "../nostr/event-schema"
import { parseLinkPostEvent, type LinkPost } from "./link-post-event"

export type SaveOutcome = "created" | "added-amplifier" | "updated" | "unchanged"

/** NIP-01 addressable-event rule: the newest wins; equal times go to the lower id. */
function supersedes(a: { created_at: number; id: string }, b: { created_at: number; id: string }): boolean {
  return a.created_at > b.created_at || (a.created_at === b.created_at && a.id < b.id)
}

/**
 * Derives a URL's card from the bookmarks currently held for it, so the card depends only on the
 * set of events, never on the order they arrived in: amplifiers are listed earliest first, and
 * the title, description and image come from the earliest bookmark.
 */
function cardFrom(url: string, posts: LinkPost[], amps: number): PostRow {
  const sorted = [...posts].sort((a, b) => a.createdAt - b.createdAt || (a.eventId < b.eventId ? -1 : 1))
  const first = sorted[0]!
  return {
    url,
    title: first.title,
    description: first.description,
    siteName: first.siteName,
    image: first.image,
    createdAt: first.createdAt,
    updatedAt: sorted[sorted.length - 1]!.createdAt,
    amplifiers: sorted.map((p) => p.author),
    eventIds: Object.fromEntries(sorted.map((p) => [p.author, p.eventId])),
    amps
  }
}

function postOf(stored: StoredEvent): LinkPost {
  // Stored events were verified on the way in; re-deriving the post needs no second signature check.
  const r = parseLinkPostEvent(stored.event, () => true)
  if (!r.ok) throw new Error(`stored event ${stored.id} no longer parses: ${r.reason}`)
  return r.post
}

/**
 * Stores a verified bookmark and re-derives its URL's card, in one transaction so that a worker
 * killed mid-write leaves either both rows or neither. Idempotent: the same event twice, or an
 * older event of the same author for the same URL, changes nothing.
 */
export async function saveLinkPost(db: StreamDb, post: LinkPost, event: SignedEvent): Promise<SaveOutcome> {
  return db.transaction("rw", db.events, db.posts, async () => {
    if (await db.events.get(event.id)) return "unchanged"
    const card = await db.posts.get(post.url)
    const previousId = card?.eventIds[post.author]
    const previous = previousId ? await db.events.get(previousId) : undefined
    if (previous && !supersedes(event, previous)) return "unchanged"

    await db.events.add({ id: event.id, kind: event.kind, pubkey: event.pubkey, created_at: event.created_at, event })
    if (previous) await db.events.delete(previous.id)

    const others = card ? await db.events.bulkGet(Object.entries(card.eventIds).filter(([author]) => author !== post.author).map(([, id]) => id)) : []
    const current = [...others.filter((e): e is StoredEvent => !!e).map(postOf), post]
    await db.posts.put(cardFrom(post.url, current, card?.amps ?? 0))
    return !card ? "created" : previous ? "updated" : "added-amplifier"
  })
}

export async function hasAmplified(db: StreamDb, url: string, author: string): Promise<boolean> {
  const card = await db.posts.get(url)
  return !!card && author in card.eventIds
}
