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

  // v2 (network sync, shared/sync): the outbox of our own events, per-relay cursors and stats,
  // reactions and comments for counts, NIP-09 tombstones, NIP-40 expiry times, and the log of
  // graph deltas the side panel's engine replays (one row per stored batch, in arrival order). `[kind+pubkey]` finds the newest replaceable
  // event (contact, mute and relay lists) of an author. New tables and an index only: no rows
  // change, so no upgrade function. Our own v1 posts, never published, are queued by the sync
  // core's start-up sweep (it knows whose they are; an upgrade function does not).
  db.version(2).stores({
    events: "&id, kind, pubkey, created_at, [kind+pubkey]",
    outbox: "&id, state, nextAttemptAt",
    relayCursors: "&url",
    relayStats: "&url",
    reactions: "&id, target, address, author",
    comments: "&id, url, parentId, author, createdAt",
    tombstones: "&key, deletionId",
    expirations: "&id, expiresAt",
    graphDeltas: "++seq, *eventIds"
  })

  // v3 (AMP ledger and wallet; row types in shared/wallet/store/rows.ts): the held ledger events,
  // the state derived from them (accounts, event statuses, stakes), the pinned genesis and a
  // revision, written together in one transaction per ingest; plus the wallet's unpublished
  // events and its one-receipt-per-stake marks. New tables only, so no upgrade function.
  db.version(3).stores({
    ledgerEvents: "&id, kind, pubkey, created_at, stake, *parties",
    ledgerAccounts: "&pubkey",
    ledgerStatuses: "&id, author, status",
    ledgerStakes: "&id, staker, creator, status, *payees",
    ledgerMeta: "&key",
    walletOutbox: "&id, createdAt",
    walletReceipts: "&key, stake, viewer"
  })

  // v4 (the Stream, extension/features/stream): cards the person hid on this device, reversibly
  // (never published). A new table only, so no upgrade function.
  db.version(4).stores({
    hiddenPosts: "&url, at"
  })

  // v5 (passive earning, extension/features/earning): what the background counted on amplified
  // pages, one row per attention session, shown in the side panel's Earning view and clearable
  // there. Rows exist only for pages with an open stake the person could earn from; nothing about
  // other browsing is ever written. A new table only, so no upgrade function.
  db.version(5).stores({
    earningSessions: "&id, endedAt, stakeId, url"
  })

  // v6 (names, extension/features/people): the newest NIP-01 kind-0 profile per author, cleaned
  // (ProfileRow in database.ts), so a card reads a name with one primary-key get. The raw event
  // stays in `events` like every replaceable list. A new table only, so no upgrade function.
  db.version(6).stores({
    profiles: "&pubkey"
  })
}

/** One attention session on an amplified page (v5), as the Earning view lists it. */
export interface EarningSessionRow {
  /** Random id of the session. */
  id: string
  /** The canonical URL attended (the amplified link). */
  url: string
  title: string
  stakeId: string
  /** Seconds of foreground, focused, visible, not-idle time the background observed. */
  seconds: number
  /** Unix milliseconds. */
  startedAt: number
  endedAt: number
  /**
   * "pending": receipt signed, stored and queued for the relays; "published": a relay accepted it;
   * "paid": the stake was settled and paid this person; "refused": no receipt was signed (see
   * `reason`); "error": the wallet failed.
   */
  status: "pending" | "published" | "paid" | "refused" | "error"
  /** The wallet's refusal code (below-minimum, own-post, not-allowed…) or null. */
  reason: string | null
  message: string
  receiptId: string | null
}
