import type { PostRow, StreamDb, StoredEvent, TombstoneRow } from "../db/database"
import type { EngagementDelta, FollowDelta, GraphDelta, PostDelta } from "../engine/engine-api"
import type { SignedEvent } from "../nostr/event-schema"
import { contactListFromEvent, expirationOf, isUndeletableKind, KIND_COMMENT, KIND_METADATA, KIND_REACTION, KIND_WEB_BOOKMARK, type Deletion, type KnownEvent } from "../nostr/kinds"
import { parseLinkPostEvent, type LinkPost } from "../posts/link-post-event"
import { saveLinkPost } from "../posts/post-store"
import { canonicalizeUrl } from "../url/canonical-url"

/** Every table an ingest batch may write, so callers can widen the transaction (cursors, stats). */
export function syncTables(db: StreamDb) {
  return [db.events, db.posts, db.reactions, db.comments, db.tombstones, db.expirations, db.graphDeltas, db.relayCursors, db.relayStats, db.outbox, db.profiles]
}

export interface StoreResult {
  /** New events kept, in batch order. */
  stored: KnownEvent[]
  /** Ids we already held (or repeated within the batch). */
  duplicates: string[]
  /** Ids dropped because their author deleted them (NIP-09 tombstone). */
  deleted: string[]
  /** Replaceable or addressable events older than the version we hold. */
  superseded: string[]
  /** The graph changes of the stored events, posts before engagements. */
  deltas: GraphDelta[]
}

/** NIP-01 replaceable rule: the newest wins; equal times go to the lower id. */
function supersedes(a: { created_at: number; id: string }, b: { created_at: number; id: string }): boolean {
  return a.created_at > b.created_at || (a.created_at === b.created_at && a.id < b.id)
}

function storedRow(event: SignedEvent): StoredEvent {
  return { id: event.id, kind: event.kind, pubkey: event.pubkey, created_at: event.created_at, event }
}

function dTag(event: { tags: string[][] }): string {
  return event.tags.find((t) => t[0] === "d")?.[1] ?? ""
}

/**
 * Stores checked events (signatures verified) in one transaction and derives their graph deltas.
 * Deletions apply first, so a deletion and its target in one batch end the same as in any order;
 * then bookmarks (through shared/posts' saveLinkPost), replaceable lists, comments and reactions.
 * Idempotent: an event already held changes nothing and yields no delta, and each event's deltas
 * are logged once in `graphDeltas` for the side panel's engine.
 */
export async function storeKnownEvents(db: StreamDb, batch: KnownEvent[], opts: { nowMs: number }): Promise<StoreResult> {
  return db.transaction("rw", syncTables(db), async () => {
    const result: StoreResult = { stored: [], duplicates: [], deleted: [], superseded: [], deltas: [] }
    const unique = new Map<string, KnownEvent>()
    for (const k of batch) {
      if (unique.has(k.event.id)) result.duplicates.push(k.event.id)
      else unique.set(k.event.id, k)
    }
    const list = [...unique.values()]
    const held = await db.events.bulkGet(list.map((k) => k.event.id))
    let fresh = list.filter((k, i) => {
      if (held[i]) result.duplicates.push(k.event.id)
      return !held[i]
    })
    const deltasOf = new Map<string, GraphDelta[]>()
    const keep = (k: KnownEvent, deltas: GraphDelta[] = []) => {
      result.stored.push(k)
      if (deltas.length > 0) deltasOf.set(k.event.id, deltas)
    }

    // 1. Deletions, so their targets in this batch are dropped below.
    for (const k of fresh) {
      if (k.type !== "deletion") continue
      await applyDeletion(db, k.value, k.event)
      keep(k)
    }
    fresh = fresh.filter((k) => k.type !== "deletion")

    // 2. Tombstones: by id, and by address for bookmarks up to the request's created_at.
    if (fresh.length > 0 && (await db.tombstones.count()) > 0) {
      const keys = fresh.map((k) => `${k.event.pubkey}|${k.event.id}`)
      const addrKeys = fresh.map((k) => (k.type === "bookmark" ? `${k.event.pubkey}|${KIND_WEB_BOOKMARK}:${k.event.pubkey}:${dTag(k.event)}` : ""))
      const [byId, byAddr] = await Promise.all([db.tombstones.bulkGet(keys), db.tombstones.bulkGet(addrKeys.map((a) => a || "-"))])
      fresh = fresh.filter((k, i) => {
        const dead = !!byId[i] || (!!addrKeys[i] && !!byAddr[i] && byAddr[i]!.createdAt >= k.event.created_at)
        if (dead) result.deleted.push(k.event.id)
        return !dead
      })
    }

    // 3. Bookmarks. A URL new to us with one bookmark in the batch gets its card here in bulk; any
    // other case goes through shared/posts' saveLinkPost, which owns the card rules.
    const bookmarkUrls = new Map<string, string>()
    const bookmarks = fresh.filter((k): k is Extract<KnownEvent, { type: "bookmark" }> => k.type === "bookmark")
    if (bookmarks.length > 0) {
      const perUrl = new Map<string, number>()
      for (const k of bookmarks) perUrl.set(k.value.url, (perUrl.get(k.value.url) ?? 0) + 1)
      const urls = [...perUrl.keys()]
      const cards = new Map(urls.map((u, i) => [u, i]))
      const existing = await db.posts.bulkGet(urls)
      // Our own posts queued by the amplifier had their delta logged then (extension/features/sync).
      const queued = await db.outbox.bulkGet(bookmarks.map((k) => k.event.id))
      const preLogged = new Set(bookmarks.filter((_, i) => !!queued[i]).map((k) => k.event.id))
      const fastRows: StoredEvent[] = []
      const fastCards: PostRow[] = []
      for (const k of bookmarks) {
        const url = k.value.url
        const before = existing[cards.get(url)!]
        const deltas: GraphDelta[] = []
        if (!before && perUrl.get(url) === 1) {
          fastRows.push(storedRow(k.event))
          fastCards.push(firstCard(k.value))
        } else {
          const card = await db.posts.get(url)
          const outcome = await saveLinkPost(db, k.value, k.event)
          if (outcome === "unchanged") {
            result.superseded.push(k.event.id)
            continue
          }
          if (card && outcome === "added-amplifier") {
            const first = (await db.posts.get(url))?.amplifiers[0]
            if (first && first !== k.value.author) deltas.push({ type: "engagement", from: k.value.author, to: first, kind: "share", at: k.value.createdAt, post: url } satisfies EngagementDelta)
            bookmarkUrls.set(k.event.id, url)
            keep(k, preLogged.has(k.event.id) ? [] : deltas)
            continue
          }
          if (card) {
            bookmarkUrls.set(k.event.id, url)
            keep(k)
            continue
          }
        }
        bookmarkUrls.set(k.event.id, url)
        const tags = [...new Set(k.event.tags.filter((t) => t[0] === "t" && t[1]).map((t) => t[1]!.toLowerCase()))]
        deltas.push({ type: "post", id: url, author: k.value.author, createdAt: k.value.createdAt, ...(tags.length ? { tags } : {}), hops: 1 } satisfies PostDelta)
        keep(k, preLogged.has(k.event.id) ? [] : deltas)
      }
      if (fastRows.length) {
        await db.events.bulkAdd(fastRows)
        await db.posts.bulkAdd(fastCards)
      }
    }

    // 4. Replaceable lists (NIP-02, NIP-51, NIP-65), profiles and our settings: the newest per author (and d).
    for (const k of fresh) {
      if (k.type !== "contacts" && k.type !== "mutes" && k.type !== "relays" && k.type !== "settings" && k.type !== "profile") continue
      const prevs = (await db.events.where("[kind+pubkey]").equals([k.event.kind, k.event.pubkey]).toArray()).filter((p) => k.type !== "settings" || dTag(p.event) === dTag(k.event))
      const newest = prevs.reduce<StoredEvent | undefined>((a, b) => (!a || supersedes(b, a) ? b : a), undefined)
      if (newest && !supersedes(k.event, newest)) {
        result.superseded.push(k.event.id)
        continue
      }
      if (prevs.length) await db.events.bulkDelete(prevs.map((p) => p.id))
      await db.events.add(storedRow(k.event))
      if (k.type === "profile") await db.profiles.put(k.value)
      const deltas: GraphDelta[] = []
      if (k.type === "contacts") {
        const before = newest ? contactListFromEvent(newest.event) : undefined
        const old = new Set(before?.ok ? before.value.follows : [])
        const now = new Set(k.value.follows)
        for (const to of now) if (!old.has(to)) deltas.push({ type: "follow", from: k.event.pubkey, to, at: k.event.created_at, on: true } satisfies FollowDelta)
        for (const to of old) if (!now.has(to)) deltas.push({ type: "follow", from: k.event.pubkey, to, at: k.event.created_at, on: false } satisfies FollowDelta)
      }
      keep(k, deltas)
    }

    // 5. Comments and reactions, in bulk.
    const social = fresh.filter((k) => k.type === "comment" || k.type === "reaction")
    if (social.length > 0) {
      const targetUrl = new Map(bookmarkUrls)
      const reactionTargets = [...new Set(social.flatMap((k) => (k.type === "reaction" && !targetUrl.has(k.value.target) ? [k.value.target] : [])))]
      const targetEvents = await db.events.bulkGet(reactionTargets)
      targetEvents.forEach((t, i) => {
        const declared = t?.kind === KIND_WEB_BOOKMARK ? t.event.tags.find((x) => x[0] === "i")?.[1] : undefined
        const canon = declared ? canonicalizeUrl(declared) : undefined
        if (canon?.ok) targetUrl.set(reactionTargets[i]!, canon.url)
      })
      const commentUrls = [...new Set(social.flatMap((k) => (k.type === "comment" ? [k.value.url] : [])))]
      const cards = await db.posts.bulkGet(commentUrls)
      const firstAmplifier = new Map(commentUrls.map((u, i) => [u, cards[i]?.amplifiers[0]]))

      await db.events.bulkAdd(social.map((k) => storedRow(k.event)))
      await db.reactions.bulkAdd(
        social.flatMap((k) =>
          k.type === "reaction"
            ? [{ id: k.value.id, target: k.value.target, address: k.value.address, targetAuthor: k.value.targetAuthor, author: k.value.author, content: k.value.content, createdAt: k.value.createdAt }]
            : []
        )
      )
      await db.comments.bulkAdd(
        social.flatMap((k) =>
          k.type === "comment"
            ? [{
                id: k.value.id,
                url: k.value.url,
                parentId: k.value.parent.kind === "web" ? "" : k.value.parent.id,
                parentKind: k.value.parent.kind,
                parentAuthor: k.value.parent.kind === "web" ? "" : k.value.parent.author,
                author: k.value.author,
                content: k.value.content,
                createdAt: k.value.createdAt
              }]
            : []
        )
      )
      for (const k of social) {
        const deltas: GraphDelta[] = []
        if (k.type === "reaction" && k.value.like) {
          const url = targetUrl.get(k.value.target)
          deltas.push({ type: "engagement", from: k.value.author, to: k.value.targetAuthor, kind: "like", at: k.value.createdAt, ...(url ? { post: url } : {}) })
        } else if (k.type === "comment") {
          const to = k.value.parent.kind === "web" ? firstAmplifier.get(k.value.url) : k.value.parent.author
          if (to) deltas.push({ type: "engagement", from: k.value.author, to, kind: "comment", at: k.value.createdAt, post: k.value.url })
        }
        keep(k, deltas)
      }
    }

    // 6. NIP-40 expiry times, for the purge.
    const expiring = result.stored.flatMap((k) => {
      const at = expirationOf(k.event)
      return typeof at === "number" ? [{ id: k.event.id, kind: k.event.kind, expiresAt: at }] : []
    })
    if (expiring.length) await db.expirations.bulkPut(expiring)

    // 7. The delta log: one row for the batch. Only newly stored events get here, so each event's
    // deltas are logged once.
    result.deltas = [...deltasOf.values()].flat().sort((a, b) => (a.type === "post" ? 0 : 1) - (b.type === "post" ? 0 : 1))
    await appendDeltaLog(db, [...deltasOf].map(([eventId, deltas]) => ({ eventId, deltas })), opts.nowMs)
    return result
  })
}

/** The card saveLinkPost makes for a URL's first bookmark (the single-post case of its card rules). */
function firstCard(post: LinkPost): PostRow {
  return {
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
  }
}

/**
 * Appends one log row for these events' deltas. Callers log an event only when they store it (or,
 * for our own posts, when they queue it); `skipLogged` checks the log first, for the rare paths that
 * cannot tell (the start-up sweep).
 */
export async function appendDeltaLog(db: StreamDb, rows: { eventId: string; deltas: GraphDelta[] }[], nowMs: number, opts: { skipLogged?: boolean } = {}): Promise<void> {
  let fresh = rows.filter((r) => r.deltas.length > 0)
  if (opts.skipLogged && fresh.length > 0) {
    const logged = await Promise.all(fresh.map((r) => db.graphDeltas.where("eventIds").equals(r.eventId).count()))
    fresh = fresh.filter((_, i) => logged[i] === 0)
  }
  if (fresh.length === 0) return
  await db.graphDeltas.add({ eventIds: fresh.map((r) => r.eventId), at: nowMs, deltas: fresh.flatMap((r) => r.deltas) })
}

/** Records the request's tombstones and removes the author's own held targets (never ledger events). */
async function applyDeletion(db: StreamDb, d: Deletion, event: SignedEvent): Promise<void> {
  const tombs: TombstoneRow[] = [...d.ids, ...d.addresses].map((target) => ({ key: `${d.author}|${target}`, author: d.author, target, deletionId: d.id, createdAt: d.createdAt }))
  const existing = await db.tombstones.bulkGet(tombs.map((t) => t.key))
  await db.tombstones.bulkPut(tombs.map((t, i) => (existing[i] && existing[i]!.createdAt >= t.createdAt ? existing[i]! : t)))

  const targets = (await db.events.bulkGet(d.ids)).filter((s): s is StoredEvent => !!s && s.pubkey === d.author && !isUndeletableKind(s.kind))
  for (const address of d.addresses) {
    const [kindText, , ...rest] = address.split(":")
    const kind = Number(kindText)
    const dValue = rest.join(":")
    const versions = await db.events.where("[kind+pubkey]").equals([kind, d.author]).toArray()
    for (const v of versions) if (dTag(v.event) === dValue && v.created_at <= d.createdAt && !targets.some((t) => t.id === v.id)) targets.push(v)
  }
  for (const t of targets) await removeStoredEvent(db, t)
  await db.events.add(storedRow(event))
}

/**
 * Removes a held event and what was derived from it (deletion or expiry). A bookmark's card is
 * rebuilt from its remaining bookmarks through saveLinkPost, so the card stays a function of the
 * set of events held. Graph deltas already handed to an engine are not undone.
 */
export async function removeStoredEvent(db: StreamDb, stored: StoredEvent): Promise<void> {
  await db.expirations.delete(stored.id)
  if (stored.kind === KIND_COMMENT) await db.comments.delete(stored.id)
  if (stored.kind === KIND_REACTION) await db.reactions.delete(stored.id)
  if (stored.kind === KIND_METADATA && (await db.profiles.get(stored.pubkey))?.id === stored.id) await db.profiles.delete(stored.pubkey)
  await db.events.delete(stored.id)
  if (stored.kind !== KIND_WEB_BOOKMARK) return
  const parsed = parseLinkPostEvent(stored.event, () => true)
  if (!parsed.ok) return
  const card = await db.posts.get(parsed.post.url)
  if (!card || card.eventIds[stored.pubkey] !== stored.id) return
  const remainingIds = Object.entries(card.eventIds).filter(([author]) => author !== stored.pubkey).map(([, id]) => id)
  const remaining = (await db.events.bulkGet(remainingIds)).filter((e): e is StoredEvent => !!e)
  await db.posts.delete(card.url)
  await db.events.bulkDelete(remaining.map((r) => r.id))
  for (const r of remaining) {
    const p = parseLinkPostEvent(r.event, () => true)
    if (p.ok) await saveLinkPost(db, p.post, p.event)
  }
  if (remaining.length > 0 && card.amps) await db.posts.update(card.url, { amps: card.amps })
}

/** Removes every stored event whose NIP-40 expiration has passed; returns how many. */
export async function purgeExpired(db: StreamDb, nowSec: number): Promise<number> {
  return db.transaction("rw", syncTables(db), async () => {
    const due = await db.expirations.where("expiresAt").belowOrEqual(nowSec).toArray()
    const held = await db.events.bulkGet(due.map((d) => d.id))
    for (const h of held) if (h) await removeStoredEvent(db, h)
    await db.expirations.bulkDelete(due.map((d) => d.id))
    return due.length
  })
}
