import { openStreamDb, type StreamDb } from "../../../../shared/db/database"
import { pageSingleton } from "../../../lib/page-singleton"

/** The side panel's handle on the shared IndexedDB (the background writes, the panel reads live). */
export function streamDb(): StreamDb {
  return pageSingleton("stream-db", openStreamDb)
}
