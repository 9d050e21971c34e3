import Dexie, { type EntityTable } from "dexie"

import type { SignedEvent } from "../nostr/event-schema"
import { DB_NAME, declareVersions } from "./schema"

/** A verified event as received or signed; kept so every derived row can be rebuilt. */
export interface StoredEvent {
  id: string
  kind: number
  pubkey: string
  created_at: number
  event: SignedEvent
}

/** One Stream card: a canonical URL and what is known about it. */
export interface PostRow {
  url: string
  title: string
  description: string
  siteName: string
  image: string
  /** Unix seconds of the earliest amplification we hold. */
  createdAt: number
  /** Unix seconds of the latest change (new amplifier, metadata). */
  updatedAt: number
  /** Hex pubkeys of everyone who amplified it, first one first. */
  amplifiers: string[]
  /** Bookmark event id per amplifier. */
  eventIds: Record<string, string>
  /** AMPs staked on it, whole AMPs, for ranking only (the ledger holds the exact amounts). */
  amps: number
}

export type StreamDb = Dexie & {
  events: EntityTable<StoredEvent, "id">
  posts: EntityTable<PostRow, "url">
}

/** Opens (lazily) the database; `name` lets tests use one database per test. */
export function openStreamDb(name: string = DB_NAME): StreamDb {
  const db = new Dexie(name) as StreamDb
  declareVersions(db)
  return db
}
