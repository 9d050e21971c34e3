// Rows of the ledger tables (Dexie version 3, declared in shared/db/schema.ts). Amounts are bigint
// base units written as decimal strings: IndexedDB cannot index a bigint and some structured
// clones drop them, and a string compares exactly.
import type Dexie from "dexie"
import type { EntityTable } from "dexie"

import type { EventStatusKind, NostrEvent } from "../../ledger"

/** One valid ledger event the peer holds, as signed. The set of these rows *is* the ledger. */
export interface LedgerEventRow {
  id: string
  kind: number
  pubkey: string
  created_at: number
  /** Chain position (0 for the genesis), null for receipts. */
  seq: number | null
  /** For receipts and settles: the stake they refer to; otherwise null. */
  stake: string | null
  /** Accounts the event names: author, and a transfer's recipient or a stake's creator. */
  parties: string[]
  event: NostrEvent
}

/** Derived: one account of the snapshot (`AccountView`). */
export interface LedgerAccountRow {
  pubkey: string
  balance: string
  escrowed: string
  burned: string
  pendingIn: string
  pendingOut: string
  head: string
  nextSeq: number
  frozenAtSeq: number | null
  frozenEventIds: string[]
}

/** Derived: what became of one held event (`EventStatus`). */
export interface LedgerStatusRow {
  id: string
  type: string
  author: string
  seq: number | null
  status: EventStatusKind
  reason: string | null
  message: string
}

export interface LedgerSettlementRow {
  settleId: string
  creator: string
  upkeep: string
  /** [viewer pubkey, payout] in ascending pubkey order. */
  viewers: [string, string][]
  refund: string
  counted: string[]
  ignored: [string, string][]
}

/** Derived: one stake (`StakeView`). `payees` indexes who a settlement paid, for history. */
export interface LedgerStakeRow {
  id: string
  staker: string
  creator: string
  url: string
  post: string | null
  amount: string
  createdAt: number
  close: number
  status: "open" | "settled" | "held" | "rejected"
  settlement: LedgerSettlementRow | null
  /** Settle's created_at, when settled (the day its payouts count as earned). */
  settledAt: number | null
  payees: string[]
}

/** The pinned genesis, and a revision counter bumped by every write transaction. */
export type LedgerMetaRow =
  | { key: "genesis"; event: NostrEvent }
  | {
      key: "state"
      revision: number
      eventCount: number
      totals: { issued: string; treasury: string; circulating: string; escrowed: string; burned: string }
    }

/** An event this wallet signed that no relay has acknowledged yet (sent, staked, receipted…). */
export interface WalletOutboxRow {
  id: string
  createdAt: number
  event: NostrEvent
}

/** "At most one receipt per viewer and stake", kept even if the receipt itself is lost. */
export interface WalletReceiptRow {
  /** `${viewer}:${stake}` */
  key: string
  viewer: string
  stake: string
  receiptId: string
  seconds: number
  createdAt: number
}

export type LedgerDb = Dexie & {
  ledgerEvents: EntityTable<LedgerEventRow, "id">
  ledgerAccounts: EntityTable<LedgerAccountRow, "pubkey">
  ledgerStatuses: EntityTable<LedgerStatusRow, "id">
  ledgerStakes: EntityTable<LedgerStakeRow, "id">
  ledgerMeta: EntityTable<LedgerMetaRow, "key">
  walletOutbox: EntityTable<WalletOutboxRow, "id">
  walletReceipts: EntityTable<WalletReceiptRow, "key">
}

export const LEDGER_TABLES = [
  "ledgerEvents",
  "ledgerAccounts",
  "ledgerStatuses",
  "ledgerStakes",
  "ledgerMeta",
  "walletOutbox",
  "walletReceipts"
] as const

/** Derived tables: a pure function of `ledgerEvents` (+ the pinned genesis). */
export const DERIVED_TABLES = ["ledgerAccounts", "ledgerStatuses", "ledgerStakes"] as const
export type DerivedTable = (typeof DERIVED_TABLES)[number]

/**
 * The ledger view of a database opened with `declareVersions` (shared/db/schema.ts). Checks at
 * run time that version 3's tables exist, so a database declared without them fails loudly.
 */
export function asLedgerDb(db: Dexie): LedgerDb {
  for (const name of LEDGER_TABLES) {
    if (!db.tables.some((t) => t.name === name)) {
      throw new Error(`database "${db.name}" has no table "${name}": declare its versions with shared/db/schema.ts`)
    }
  }
  return db as LedgerDb
}
