// Public API of the wallet: the ledger kept in Dexie (store/), the person's wallet and earning,
// and relay helpers. Node-only parts (key files, the CLI, demo seeding) live in scripts/amp/.
export { createWallet, DEFAULT_STAKE_WINDOW_SECS } from "./wallet"
export type { Wallet, WalletDeps, WalletBalance, SendRequest, StakeRequest } from "./wallet"
export type { CountableReceipt, DueStake, ReceiptWeights } from "./settle"
export { createEarning } from "./earning"
export type { Earning, EarningDeps, AttentionMeasurement, AmplificationInfo, AllowsAmplification, RefusalReason, ReceiptDecision } from "./earning"
export { buildHistory, earningsByDay, utcDay, payoutsTo } from "./history"
export type { HistoryEntry, DayEarnings, PayoutRole } from "./history"
export { WalletError } from "./errors"
export type { WalletErrorCode } from "./errors"
export { parsePubkey, isCurvePoint, toNpub } from "./keys"
export { republishPending } from "./outbox"
export type { WalletSigner, Publish, Clock, Submitted } from "./types"
export { openLedgerStore, readPinnedGenesis, replayRows } from "./store/ledger-store"
export type { LedgerStore, LockedStore, LedgerStoreOptions, IngestHooks, LedgerStoreStats } from "./store/ledger-store"
export { asLedgerDb, LEDGER_TABLES, DERIVED_TABLES } from "./store/rows"
export type {
  LedgerDb,
  LedgerEventRow,
  LedgerAccountRow,
  LedgerStatusRow,
  LedgerStakeRow,
  LedgerSettlementRow,
  LedgerMetaRow,
  WalletOutboxRow,
  WalletReceiptRow,
  DerivedTable
} from "./store/rows"
export { connectRelay, publishTo, queryRelay, fetchAll, fetchByIds, fetchLedgerEvents, relayPublisher } from "./relay"
