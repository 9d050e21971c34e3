import type { Database } from "better-sqlite3"

export interface DueExpiration {
  eventId: string
  author: string
}

/**
 * Our own table in the relay's sqlite file, next to the library's tables: the library keeps
 * tags as a JSON column, so finding expired events without an index would scan every row.
 */
export class ExpirationIndex {
  private readonly insert
  private readonly due
  private readonly remove

  constructor(db: Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS synereo_relay_expirations (
        event_id   TEXT PRIMARY KEY NOT NULL,
        author     TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS synereo_relay_expirations_expires_at
        ON synereo_relay_expirations (expires_at);
    `)
    this.insert = db.prepare<[string, string, number]>(
      "INSERT OR REPLACE INTO synereo_relay_expirations (event_id, author, expires_at) VALUES (?, ?, ?)"
    )
    this.due = db.prepare<[number, number], { event_id: string; author: string }>(
      "SELECT event_id, author FROM synereo_relay_expirations WHERE expires_at <= ? ORDER BY expires_at LIMIT ?"
    )
    this.remove = db.prepare<[string]>("DELETE FROM synereo_relay_expirations WHERE event_id = ?")
  }

  track(eventId: string, author: string, expiresAt: number): void {
    this.insert.run(eventId, author, expiresAt)
  }

  dueAt(nowSeconds: number, max: number): DueExpiration[] {
    return this.due.all(nowSeconds, max).map(row => ({ eventId: row.event_id, author: row.author }))
  }

  forget(eventIds: string[]): void {
    for (const id of eventIds) this.remove.run(id)
  }
}
