// Public API of the AMP ledger core. Pure and deterministic: state = f(set of valid events).
export * from "./amount"
export * from "./reasons"
export {
  KIND,
  LEDGER_KINDS,
  LIMITS,
  BPS_TOTAL,
  DEFAULT_SPLIT,
  DEFAULT_RECEIPT_POW,
  DEFAULT_MIN_ATTENTION_SECS,
  DEFAULT_MAX_STAKE_WINDOW_SECS,
  NostrEventSchema,
  parseLedgerEvent,
  isChainEvent
} from "./events"
export {
  genesisTemplate,
  transferTemplate,
  stakeTemplate,
  burnTemplate,
  settleTemplate,
  receiptTemplate,
  mineReceipt,
  signEvent,
  buildGenesis,
  buildTransfer,
  buildStake,
  buildBurn,
  buildSettle,
  buildReceipt,
  distributionKey
} from "./build"
export type {
  NostrEvent,
  EventTemplate,
  SplitParams,
  GenesisEvent,
  TransferEvent,
  StakeEvent,
  BurnEvent,
  SettleEvent,
  ReceiptEvent,
  ChainEvent,
  LedgerEvent,
  LedgerEventType
} from "./events"
export type { ChainRef, GenesisParams, TransferParams, StakeParams, BurnParams, SettleParams, ReceiptParams } from "./build"
export { validateEvent, parseGenesis, defaultVerify } from "./validate"
export type { VerifyFn, Validation, ValidationContext } from "./validate"
export { defaultSplit, checkSplit } from "./split"
export type { SplitFn, SplitResult, ViewerWeight } from "./split"
export { receiptProblem, receiptWeight, computeSettlement } from "./settle"
export { MAX_RECEIPT_WEIGHT, parseWeight, formatWeight, defaultReceiptWeight } from "./weight"
export { Ledger, foldEvents } from "./fold"
export type { LedgerOptions, AddResult, AppliedInfo } from "./fold"
export { stateToJSON } from "./state"
export type { LedgerState, EventStatus, EventStatusKind, AccountView, StakeView, Settlement, Totals, NetworkInfo } from "./state"
export { audit, assertBalanced, balances } from "./audit"
export type { AuditReport, AuditRow } from "./audit"
