import { openStreamDb, type StreamDb } from "../../../../shared/db/database"

let db: StreamDb | undefined

/** The side panel's handle on the shared IndexedDB (the background writes, the panel reads live). */
export function streamDb(): StreamDb {
  db ??= openStreamDb()
  return db
}
