import Dexie, { type EntityTable } from "dexie"

import type { GraphDelta } from "../engine/engine-api"
import type { SignedEvent } from "../nostr/event-schema"
import type { Profile } from "../nostr/kinds/metadata"
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

/** Where one of our own events stands in the outbox (v2). */
export type OutboxState = "pending" | "sent" | "rejected"

/** A relay's `OK false` for one of our events, kept and shown to the person (v2). */
export interface RelayRejection {
  url: string
  eventId: string
  kind: number
  /** The relay's message, e.g. "blocked: deleted by its author (NIP-09)". */
  reason: string
  /** Unix milliseconds. */
  at: number
}

/**
 * One of our own signed events waiting for, or having had, a relay's `OK true` (v2). Pending rows
 * are retried with backoff until one relay accepts; `rejected` rows were refused by every relay
 * with a permanent reason and wait for a new relay list.
 */
export interface OutboxRow {
  id: string
  kind: number
  event: SignedEvent
  state: OutboxState
  /** Unix milliseconds. */
  queuedAt: number
  attempts: number
  /** Unix milliseconds of the next try (pending rows). */
  nextAttemptAt: number
  /** Relays that answered `OK true`. */
  acceptedBy: string[]
  /** The latest refusal per relay. */
  rejections: RelayRejection[]
  /** Why the last attempt got no answer at all (no connection, timeout). */
  lastError?: string
  /** Unix milliseconds of the first `OK true`. */
  sentAt?: number
}

/** How far a relay's subscription got, so it resumes with `since` after a restart (v2). */
export interface RelayCursorRow {
  url: string
  /** Unix seconds: the relay had sent every matching event it stored before this moment. */
  since: number
  /** Unix milliseconds of the last update. */
  updatedAt: number
}

/** What a relay sent and answered, for the status line and diagnosis (v2). */
export interface RelayStatsRow {
  url: string
  /** Events received on our subscriptions. */
  received: number
  /** Events that passed every check and were new to us. */
  stored: number
  /** Events we already held (from another relay, or an earlier session). */
  duplicates: number
  /** Events dropped by our checks, and why (reason → count). */
  invalid: number
  invalidByReason: Record<string, number>
  /** Our events it accepted (`OK true`) and refused (`OK false`). */
  published: number
  rejected: number
  lastRejection?: RelayRejection
  /** Unix milliseconds. */
  lastConnectedAt?: number
  lastError?: string
}

/** A NIP-25 reaction on a web bookmark (v2). */
export interface ReactionRow {
  id: string
  /** The bookmark's event id (`e`). */
  target: string
  /** The bookmark's `a` address `39701:<author>:<d>`, or "" when the reaction names none. */
  address: string
  /** The bookmark's author (`p`). */
  targetAuthor: string
  author: string
  /** "+" (like), "-" (dislike) or an emoji. */
  content: string
  createdAt: number
}

/** A NIP-22 comment on a web page (v2). */
export interface CommentRow {
  id: string
  /** The canonical URL of the root (`I`): the card it belongs to. */
  url: string
  /** The parent event's id, or "" when the parent is the page itself. */
  parentId: string
  /** "web" (the page), "39701" (a bookmark) or "1111" (a comment). */
  parentKind: string
  /** The parent's author, or "" for the page. */
  parentAuthor: string
  author: string
  content: string
  createdAt: number
}

/** A NIP-09 deletion remembered so the deleted event is never stored again (v2). */
export interface TombstoneRow {
  /** `${author}|${target}`; target is an event id or an `a` address. */
  key: string
  author: string
  target: string
  deletionId: string
  /** The request's created_at: an address is deleted up to it. */
  createdAt: number
}

/** When a stored event expires (NIP-40), so a purge can remove it (v2). */
export interface ExpirationRow {
  id: string
  kind: number
  /** Unix seconds. */
  expiresAt: number
}

/** The graph changes derived from one stored batch of events, in arrival order, for the engine worker (v2). */
export interface GraphDeltaRow {
  seq?: number
  /** The events whose deltas these are (each event is logged once). */
  eventIds: string[]
  /** Unix milliseconds when derived. */
  at: number
  deltas: GraphDelta[]
}

/** A Stream card the person hid on this device (v4); deleting the row shows it again. */
export interface HiddenPostRow {
  url: string
  /** Unix milliseconds when hidden. */
  at: number
}

/** The newest kind-0 profile of an author (v6), as shared/nostr/kinds/metadata.ts cleaned it. */
export type ProfileRow = Profile

export type StreamDb = Dexie & {
  events: EntityTable<StoredEvent, "id">
  posts: EntityTable<PostRow, "url">
  outbox: EntityTable<OutboxRow, "id">
  relayCursors: EntityTable<RelayCursorRow, "url">
  relayStats: EntityTable<RelayStatsRow, "url">
  reactions: EntityTable<ReactionRow, "id">
  comments: EntityTable<CommentRow, "id">
  tombstones: EntityTable<TombstoneRow, "key">
  expirations: EntityTable<ExpirationRow, "id">
  graphDeltas: EntityTable<GraphDeltaRow, "seq">
  hiddenPosts: EntityTable<HiddenPostRow, "url">
  profiles: EntityTable<ProfileRow, "pubkey">
}

/** Opens (lazily) the database; `name` lets tests use one database per test. */
export function openStreamDb(name: string = DB_NAME): StreamDb {
  const db = new Dexie(name) as StreamDb
  declareVersions(db)
  return db
}
