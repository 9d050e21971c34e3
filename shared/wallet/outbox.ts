// Signing an event and publishing it are two steps a crash can separate. The wallet stores each
// event it signs together with an outbox row in the same transaction as the ledger rows, and only
// then publishes; the row goes once a relay took the event. After a restart `republishPending`
// sends what is left, the *same* signed events: re-signing the same seq with other content would
// fork the account and freeze it (PROTOCOL §2.15).
import type { AddResult, NostrEvent } from "../ledger"
import type { LedgerStore, LockedStore } from "./store/ledger-store"
import type { Publish, Submitted } from "./types"

/** Inside the store's lock: stores `event` (ledger rows + outbox row, one transaction). */
export async function storeOwnEvent(
  store: LedgerStore,
  locked: LockedStore,
  event: NostrEvent,
  hooks: { precheck?: () => Promise<void>; alsoWrite?: () => Promise<void> } = {}
): Promise<Extract<AddResult, { accepted: true }>> {
  const [result] = await locked.ingest([event], {
    precheck: hooks.precheck,
    alsoWrite: async () => {
      await store.db.walletOutbox.put({ id: event.id, createdAt: event.created_at, event })
      await hooks.alsoWrite?.()
    }
  })
  if (!result?.accepted) {
    // Our own freshly signed event cannot be a duplicate or invalid unless something is broken.
    throw new Error(`the ledger refused this wallet's own event: ${result?.message ?? "no result"}`)
  }
  return result
}

/** Publishes a stored own event and clears its outbox row on success. Never throws. */
export async function publishStored(
  store: LedgerStore,
  publish: Publish,
  event: NostrEvent,
  result: Extract<AddResult, { accepted: true }>
): Promise<Submitted> {
  const base = { id: event.id, event, status: result.status, reason: result.reason, message: result.message }
  try {
    await publish(event)
    await store.db.walletOutbox.delete(event.id)
    return { ...base, published: true, publishError: null }
  } catch (err) {
    return { ...base, published: false, publishError: err instanceof Error ? err.message : String(err) }
  }
}

/** Publishes every event still in the outbox, oldest first. Returns how many went out and failed. */
export async function republishPending(store: LedgerStore, publish: Publish): Promise<{ published: number; failed: number }> {
  const rows = await store.db.walletOutbox.orderBy("createdAt").toArray()
  let published = 0
  let failed = 0
  for (const row of rows) {
    try {
      await publish(row.event)
      await store.db.walletOutbox.delete(row.id)
      published++
    } catch {
      failed++
    }
  }
  return { published, failed }
}
