import type { StreamDb } from "../db/database"
import type { SignedEvent } from "../nostr/event-schema"
import type { LinkPost } from "./link-post-event"

export type SaveOutcome = "created" | "added-amplifier" | "updated" | "unchanged"

/**
 * Stores a verified bookmark and folds it into its URL's card, in one transaction so that a
 * worker killed mid-write leaves either both rows or neither. Idempotent: the same event twice,
 * or an older event of the same author for the same URL, changes nothing.
 */
export async function saveLinkPost(db: StreamDb, post: LinkPost, event: SignedEvent): Promise<SaveOutcome> {
  return db.transaction("rw", db.events, db.posts, async () => {
    if (await db.events.get(event.id)) return "unchanged"
    const card = await db.posts.get(post.url)
    if (!card) {
      await db.events.add({ id: event.id, kind: event.kind, pubkey: event.pubkey, created_at: event.created_at, event })
      await db.posts.add({
        url: post.url,
        title: post.title,
        description: post.description,
        siteName: post.siteName,
        image: post.image,
        createdAt: post.createdAt,
        updatedAt: post.createdAt,
        amplifiers: [post.author],
        eventIds: { [post.author]: post.eventId },
        amps: 0
      })
      return "created"
    }
    const previousId = card.eventIds[post.author]
    const previous = previousId ? await db.events.get(previousId) : undefined
    // Addressable-event rule (NIP-01): the newest event per (author, kind, d) wins; ties go to
    // the lower id so every peer keeps the same one.
    if (previous && (previous.created_at > event.created_at || (previous.created_at === event.created_at && previous.id < event.id))) {
      return "unchanged"
    }
    await db.events.add({ id: event.id, kind: event.kind, pubkey: event.pubkey, created_at: event.created_at, event })
    if (previous) await db.events.delete(previous.id)
    const isNewAmplifier = !previous
    await db.posts.update(post.url, {
      ...(card.amplifiers[0] === post.author ? { title: post.title, description: post.description, siteName: post.siteName, image: post.image } : {}),
      updatedAt: Math.max(card.updatedAt, post.createdAt),
      createdAt: Math.min(card.createdAt, post.createdAt),
      amplifiers: isNewAmplifier ? [...card.amplifiers, post.author] : card.amplifiers,
      eventIds: { ...card.eventIds, [post.author]: post.eventId }
    })
    return isNewAmplifier ? "added-amplifier" : "updated"
  })
}

export async function hasAmplified(db: StreamDb, url: string, author: string): Promise<boolean> {
  const card = await db.posts.get(url)
  return !!card && author in card.eventIds
}
