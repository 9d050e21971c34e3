import type { OutboxRow, RelayRejection, StreamDb } from "../db/database"
import type { SignedEvent } from "../nostr/event-schema"

/**
 * NIP-01 machine-readable prefixes of an `OK false` that will not change by retrying the same
 * event at the same relay. Anything else ("rate-limited:", "error:", "auth-required:", unknown) is
 * retried with backoff.
 */
export const PERMANENT_REFUSALS = ["invalid", "blocked", "pow", "restricted", "mute"] as const

export function isPermanentRefusal(reason: string): boolean {
  const prefix = reason.split(":")[0]!.trim().toLowerCase()
  return (PERMANENT_REFUSALS as readonly string[]).includes(prefix)
}

export const BACKOFF = { baseMs: 2_000, maxMs: 10 * 60_000 } as const

/**
 * Delay before attempt `attempts + 1`: exponential from 2 s, capped at 10 min, with jitter in
 * [50 %, 100 %] so that many clients coming back together do not retry in lockstep.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(exp * (0.5 + 0.5 * random()))
}

const listeners = new WeakMap<object, Set<() => void>>()

/** Called after something was queued on this database (in this context). */
export function onOutboxChange(db: StreamDb, listener: () => void): () => void {
  let set = listeners.get(db)
  if (!set) listeners.set(db, (set = new Set()))
  set.add(listener)
  return () => set!.delete(listener)
}

export function notifyOutbox(db: StreamDb): void {
  for (const l of listeners.get(db) ?? []) l()
}

/** A new outbox row; call inside a transaction that includes `db.outbox`, or on its own. */
export async function enqueue(db: StreamDb, event: SignedEvent, nowMs: number): Promise<boolean> {
  const added = await db.transaction("rw", db.outbox, async () => {
    if (await db.outbox.get(event.id)) return false
    const row: OutboxRow = { id: event.id, kind: event.kind, event, state: "pending", queuedAt: nowMs, attempts: 0, nextAttemptAt: nowMs, acceptedBy: [], rejections: [] }
    await db.outbox.add(row)
    return true
  })
  return added
}

/** Pending rows due now (or all pending rows with `ignoreBackoff`, e.g. right after a relay connects). */
export async function dueEntries(db: StreamDb, nowMs: number, opts: { ignoreBackoff?: boolean; limit?: number } = {}): Promise<OutboxRow[]> {
  const rows = opts.ignoreBackoff
    ? await db.outbox.where("state").equals("pending").limit(opts.limit ?? 200).toArray()
    : await db.outbox.where("nextAttemptAt").belowOrEqual(nowMs).filter((r) => r.state === "pending").limit(opts.limit ?? 200).toArray()
  return rows.sort((a, b) => a.queuedAt - b.queuedAt)
}

export interface AttemptOutcome {
  /** Relays that answered `OK true` (a "duplicate:" included). */
  accepted: string[]
  /** Relays that answered `OK false`, with their reason. */
  refused: { url: string; reason: string }[]
  /** Relays that gave no answer (timeout, connection lost). */
  failed: { url: string; error: string }[]
}

/**
 * Records one publishing round for a row: sent once any relay accepted; `rejected` when every
 * relay tried refused for good; otherwise another attempt after backoff. Refusals are kept on the
 * row (the latest per relay) and returned so the caller can update per-relay stats.
 */
export async function recordAttempt(db: StreamDb, id: string, outcome: AttemptOutcome, nowMs: number, random: () => number = Math.random): Promise<{ row?: OutboxRow; rejections: RelayRejection[] }> {
  return db.transaction("rw", db.outbox, async () => {
    const row = await db.outbox.get(id)
    if (!row) return { rejections: [] }
    const rejections: RelayRejection[] = outcome.refused.map((r) => ({ url: r.url, eventId: id, kind: row.kind, reason: r.reason, at: nowMs }))
    const byUrl = new Map(row.rejections.map((r) => [r.url, r]))
    for (const r of rejections) byUrl.set(r.url, r)
    row.rejections = [...byUrl.values()]
    row.acceptedBy = [...new Set([...row.acceptedBy, ...outcome.accepted])]
    if (row.acceptedBy.length > 0) {
      row.state = "sent"
      row.sentAt ??= nowMs
      row.lastError = undefined
    } else {
      const tried = outcome.refused.length + outcome.failed.length
      const allPermanent = tried > 0 && outcome.failed.length === 0 && outcome.refused.every((r) => isPermanentRefusal(r.reason))
      row.attempts += 1
      if (allPermanent) row.state = "rejected"
      else row.nextAttemptAt = nowMs + backoffMs(row.attempts, random)
      row.lastError = outcome.failed[0]?.error
    }
    await db.outbox.put(row)
    return { row, rejections }
  })
}

/** After the relay list changed: refused rows get another chance at the new relays. */
export async function requeueRejected(db: StreamDb, nowMs: number): Promise<number> {
  return db.outbox.where("state").equals("rejected").modify({ state: "pending", nextAttemptAt: nowMs })
}
