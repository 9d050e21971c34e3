/**
 * Every version of the local database, oldest first. A change adds a version (with an upgrade
 * function when existing rows must change); an old version is never edited, because browsers
 * that installed it must still be able to walk forward from it.
 */
import type Dexie from "dexie"

export const DB_NAME = "synereo-stream"

export function declareVersions(db: Dexie): void {
  // v1 (foundation): raw verified events, and one Stream card per canonical URL.
  db.version(1).stores({
    events: "&id, kind, pubkey, created_at",
    posts: "&url, createdAt, updatedAt, *amplifiers"
  })
}
