import { EventRepository, EventType, EventUtils, type Event, type EventRepositoryUpsertResult, type Filter } from "@nostr-relay/common"
import type { EventRepositorySqlite } from "@nostr-relay/event-repository-sqlite"
import { ExpirationIndex } from "./expiration-index"
import { MAX_FILTER_LIMIT } from "./limits"
import { addressOf, deletedAddresses, deletedIds, DELETION_KIND, isUndeletableKind } from "./nip09-deletion"
import { expirationOf, isExpired } from "./nip40-expiration"

const PURGE_BATCH = 500

/**
 * Wraps the sqlite repository to give NIP-09 and NIP-40 their meaning. Out of the box the library
 * deletes on a kind-5 request but forgets the request itself, so nothing stops the deleted event
 * from being published again; it also serves expired events until someone deletes them.
 */
export class PolicyRepository extends EventRepository {
  private readonly expirations: ExpirationIndex

  constructor(
    private readonly inner: EventRepositorySqlite,
    private readonly nowSeconds: () => number,
    /** Deletion requests are stored here rather than by the library, so it cannot broadcast them. */
    private readonly onDeletionStored: (deletion: Event) => Promise<void>
  ) {
    super()
    this.expirations = new ExpirationIndex(inner.getDatabase())
  }

  isSearchSupported(): boolean {
    return this.inner.isSearchSupported()
  }

  async upsert(event: Event): Promise<EventRepositoryUpsertResult> {
    const result = await this.inner.upsert(event)
    const expiresAt = expirationOf(event)
    if (!result.isDuplicate && expiresAt !== null) {
      this.expirations.track(event.id, EventUtils.getAuthor(event), expiresAt)
    }
    return result
  }

  /** Expired events may sit in storage until the next purge; they are never served. */
  async find(filter: Filter): Promise<Event[]> {
    const events = await this.inner.find(filter)
    const now = this.nowSeconds()
    return events.filter(event => !isExpired(event, now))
  }

  /**
   * NIP-09. Deletes the author's own events named by `e` tags, and every version of the author's
   * `a` addresses up to the request's created_at, but never another deletion request. Then keeps
   * the request: it is the tombstone that `isDeleted` checks, and clients should see it.
   */
  override async deleteByDeletionRequest(deletion: Event): Promise<void> {
    const targets = await this.deletionTargets(deletion)
    if (targets.length > 0) await this.inner.deleteByDeletionRequest(onlyIds(deletion.pubkey, targets))
    const { isDuplicate } = await this.upsert(deletion)
    if (!isDuplicate) await this.onDeletionStored(deletion)
  }

  /** True when a stored deletion request by the event's own author covers it. */
  async isDeleted(event: Event): Promise<boolean> {
    if (isUndeletableKind(event.kind)) return false
    const byId = await this.find({ kinds: [DELETION_KIND], authors: [event.pubkey], "#e": [event.id], limit: 1 })
    if (byId.length > 0) return true
    const address = addressOf(event)
    if (address === null) return false
    const byAddress = await this.find({
      kinds: [DELETION_KIND],
      authors: [event.pubkey],
      "#a": [address],
      since: event.created_at,
      limit: 1
    })
    return byAddress.length > 0
  }

  async findById(id: string): Promise<Event | null> {
    const [event] = await this.inner.find({ ids: [id], limit: 1 })
    return event ?? null
  }

  /** Deletes events whose NIP-40 expiration has passed; returns how many index entries fell due. */
  async purgeExpired(): Promise<number> {
    let purged = 0
    for (;;) {
      const due = this.expirations.dueAt(this.nowSeconds(), PURGE_BATCH)
      if (due.length === 0) return purged
      const idsByAuthor = new Map<string, string[]>()
      for (const { eventId, author } of due) {
        idsByAuthor.set(author, [...(idsByAuthor.get(author) ?? []), eventId])
      }
      for (const [author, ids] of idsByAuthor) await this.inner.deleteByDeletionRequest(onlyIds(author, ids))
      this.expirations.forget(due.map(d => d.eventId))
      purged += due.length
    }
  }

  /**
   * Deletes every stored event these keys authored, except the kinds never deleted (the AMP
   * ledger's, deletion requests). Unlike NIP-09 it leaves no tombstone, so the same events may be
   * published again: it is the operator's own cleanup of a local relay, not an author's request.
   * Returns how many events were deleted.
   */
  async deleteAuthoredBy(authors: readonly string[]): Promise<number> {
    const select = this.inner.getDatabase().prepare<[string], { id: string; kind: number }>("SELECT id, kind FROM events WHERE author = ?")
    let deleted = 0
    for (const author of new Set(authors)) {
      const ids = select.all(author).filter(row => !isUndeletableKind(row.kind)).map(row => row.id)
      for (let i = 0; i < ids.length; i += PURGE_BATCH) {
        const batch = ids.slice(i, i + PURGE_BATCH)
        await this.inner.deleteByDeletionRequest(onlyIds(author, batch))
        this.expirations.forget(batch)
      }
      deleted += ids.length
    }
    return deleted
  }

  countStored(): number {
    const row = this.inner.getDatabase().prepare("SELECT count(*) AS n FROM events").get() as { n: number }
    return row.n
  }

  destroy(): Promise<void> {
    return this.inner.destroy()
  }

  private async deletionTargets(deletion: Event): Promise<string[]> {
    const targets = new Set<string>()
    const ids = deletedIds(deletion)
    if (ids.length > 0) {
      const found = await this.inner.find({ ids, authors: [deletion.pubkey], limit: ids.length })
      for (const event of found) if (!isUndeletableKind(event.kind)) targets.add(event.id)
    }
    for (const pointer of deletedAddresses(deletion)) {
      const addressable = EventUtils.getType(pointer.kind) === EventType.PARAMETERIZED_REPLACEABLE
      const found = await this.inner.find({
        kinds: [pointer.kind],
        authors: [pointer.pubkey],
        until: deletion.created_at,
        // an empty d has no `d:` tag row to join on, so that case scans the author's kind instead
        ...(addressable && pointer.d !== "" ? { "#d": [pointer.d] } : {}),
        limit: MAX_FILTER_LIMIT
      })
      for (const event of found) if (!isUndeletableKind(event.kind) && EventUtils.extractDTagValue(event) === pointer.d) targets.add(event.id)
    }
    return [...targets]
  }
}

/**
 * The library's own delete takes a deletion request and re-derives the targets from its tags;
 * handing it a request with exactly the ids we chose reuses its transaction (events, tags and
 * full-text rows together) without relying on its table layout.
 */
function onlyIds(author: string, ids: string[]): Event {
  return { id: "", pubkey: author, created_at: 0, kind: DELETION_KIND, tags: ids.map(id => ["e", id]), content: "", sig: "" }
}
