import { liveQuery } from "dexie"
import { useSyncExternalStore } from "react"

import type { CommentRow, PostRow, ReactionRow } from "../../../../shared/db/database"
import { bookmarkAddress } from "../../../../shared/nostr/kinds"
import { streamDb } from "./stream-db"

export interface CardSocial {
  /** Distinct people who liked any bookmark of this URL ("-" is not a like). */
  likes: number
  likedByMe: boolean
  /** Comments rooted at this URL, oldest first. */
  comments: CommentRow[]
}

interface SocialIndex {
  /** Likers per bookmark event id and per bookmark address. */
  likersByTarget: Map<string, Set<string>>
  commentsByUrl: Map<string, CommentRow[]>
}

const EMPTY: SocialIndex = { likersByTarget: new Map(), commentsByUrl: new Map() }
let snapshot: SocialIndex = EMPTY
/** The whole-table index has answered once: seeds are no longer needed. */
let complete = false
/** The seed in flight or done, for the head's URLs (seedCardSocial). */
let seeding: { key: string; done: Promise<void> } | undefined
const listeners = new Set<() => void>()
let subscription: { unsubscribe(): void } | undefined

function indexOf(reactions: ReactionRow[], comments: CommentRow[]): SocialIndex {
  const likersByTarget = new Map<string, Set<string>>()
  const add = (key: string, author: string) => {
    if (!key) return
    let set = likersByTarget.get(key)
    if (!set) likersByTarget.set(key, (set = new Set()))
    set.add(author)
  }
  for (const r of reactions) {
    if (r.content === "-") continue
    add(r.target, r.author)
    add(r.address, r.author)
  }
  const commentsByUrl = new Map<string, CommentRow[]>()
  for (const c of comments) {
    const list = commentsByUrl.get(c.url)
    if (list) list.push(c)
    else commentsByUrl.set(c.url, [c])
  }
  return { likersByTarget, commentsByUrl }
}

/**
 * The likes and comments of the first cards, read with them (stream-head.ts) so they paint whole:
 * the index below reads every reaction and comment and answers after the first cards, and a
 * comment thread appearing then pushed the cards under it down (155 px in the demo). Small indexed
 * reads (these URLs' comments, the reactions aimed at their events and addresses); the full index
 * replaces this one with the same rows for these cards, so nothing moves.
 */
export function seedCardSocial(rows: readonly PostRow[]): Promise<void> {
  if (complete || rows.length === 0) return Promise.resolve()
  // The head is read twice at open (the early read and the live query): one seed serves both.
  const key = rows.map((r) => r.url).join("\n")
  if (seeding?.key !== key) seeding = { key, done: readSeed(rows) }
  return seeding.done
}

async function readSeed(rows: readonly PostRow[]): Promise<void> {
  const db = streamDb()
  const targets = rows.flatMap((p) => [...Object.values(p.eventIds), ...p.amplifiers.map((a) => bookmarkAddress(a, p.url))])
  const [byTarget, byAddress, comments] = await Promise.all([
    db.reactions.where("target").anyOf(targets).toArray(),
    db.reactions.where("address").anyOf(targets).toArray(),
    db.comments.where("url").anyOf(rows.map((p) => p.url)).sortBy("createdAt")
  ])
  if (complete) return
  const reactions = new Map([...byTarget, ...byAddress].map((r) => [r.id, r]))
  const seed = indexOf([...reactions.values()], comments)
  // Added to what earlier seeds read: a card that left the head (a newer post came) keeps its thread.
  const likersByTarget = new Map(snapshot.likersByTarget)
  for (const [key, likers] of seed.likersByTarget) likersByTarget.set(key, new Set([...(likersByTarget.get(key) ?? []), ...likers]))
  snapshot = { likersByTarget, commentsByUrl: new Map([...snapshot.commentsByUrl, ...seed.commentsByUrl]) }
  for (const l of listeners) l()
}

/**
 * One live query for every card: reactions and comments grouped once per change, instead of a
 * query per card (a Stream of 500 cards would otherwise re-run 500 queries on every new event).
 */
function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  subscription ??= liveQuery(async () => {
    const db = streamDb()
    const [reactions, comments] = await Promise.all([db.reactions.toArray(), db.comments.orderBy("createdAt").toArray()])
    return indexOf(reactions, comments)
  }).subscribe({
    next: (index) => {
      complete = true
      snapshot = index
      for (const l of listeners) l()
    },
    error: (err: unknown) => console.warn("Synereo: could not read likes and comments", err)
  })
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      subscription?.unsubscribe()
      subscription = undefined
    }
  }
}

/** Likes and comments of one card, live from Dexie (the background stores them as they arrive). */
export function useCardSocial(post: PostRow, me: string | undefined): CardSocial {
  const index = useSyncExternalStore(subscribe, () => snapshot)
  const likers = new Set<string>()
  for (const id of Object.values(post.eventIds)) for (const a of index.likersByTarget.get(id) ?? []) likers.add(a)
  for (const author of post.amplifiers) for (const a of index.likersByTarget.get(bookmarkAddress(author, post.url)) ?? []) likers.add(a)
  return { likes: likers.size, likedByMe: !!me && likers.has(me), comments: index.commentsByUrl.get(post.url) ?? [] }
}
