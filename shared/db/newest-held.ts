import type { StoredEvent, StreamDb } from "./database"

/**
 * An author's held event of a replaceable kind (profile, follow list…), the newest by the NIP-01
 * rule (larger created_at, then lower id), or undefined. The store keeps one per author; the rule
 * is applied anyway so a reader never depends on that.
 */
export async function newestHeld(db: StreamDb, kind: number, pubkey: string): Promise<StoredEvent | undefined> {
  const rows = await db.events.where("[kind+pubkey]").equals([kind, pubkey]).toArray()
  return rows.sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1))[0]
}
