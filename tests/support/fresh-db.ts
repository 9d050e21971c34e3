import "fake-indexeddb/auto"

import { randomUUID } from "node:crypto"

import { openStreamDb, type StreamDb } from "../../shared/db/database"

/** A new, empty database per test (fake-indexeddb in Node), so tests never see each other's rows. */
export function freshDb(): StreamDb {
  return openStreamDb(`test-${randomUUID()}`)
}
