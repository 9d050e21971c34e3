// Types of the ledger state: the public snapshot (`LedgerState`) and the working state of the
// fixed point (`FixState`), which fold.ts owns and apply.ts mutates.
import { formatAmp } from "./amount"
import type { GenesisEvent, LedgerEventType, SplitParams, StakeEvent } from "./events"
import type { ReasonCode, RejectReason } from "./reasons"

export type EventStatusKind = "applied" | "held" | "rejected"

/** What happened to one valid event of the set. Every field is a function of the set alone. */
export interface EventStatus {
  id: string
  type: LedgerEventType
  author: string
  /** Chain position for transfer/stake/burn/settle, 0 for the genesis, null for receipts. */
  seq: number | null
  status: EventStatusKind
  /** null when applied; otherwise why not. */
  reason: ReasonCode | null
  message: string
}

export interface Settlement {
  settleId: string
  stakeId: string
  creator: bigint
  upkeep: bigint
  viewers: Map<string, bigint>
  refund: bigint
  /** Receipt ids that were paid, ascending. */
  counted: string[]
  /** Listed receipts that were not paid, with the reason. */
  ignored: Map<string, RejectReason>
}

export interface StakeView {
  id: string
  staker: string
  creator: string
  url: string
  post: string | null
  amount: bigint
  createdAt: number
  close: number
  /** open: escrowed, waiting for its settle; settled: paid out; held/rejected: never escrowed. */
  status: "open" | "settled" | "held" | "rejected"
  settlement: Settlement | null
}

export interface AccountView {
  pubkey: string
  /** Confirmed balance: the account's credits minus debits over applied events. Never negative. */
  balance: bigint
  /** Sum of this account's open stakes. */
  escrowed: bigint
  /** Sum of this account's applied burns. */
  burned: bigint
  /** Sum of held transfers to this account (not spendable; may apply later). */
  pendingIn: bigint
  /** Sum of this account's held transfers, stakes and burns. */
  pendingOut: bigint
  /** Id of the last event of the account's linked chain (the genesis id when it has none). */
  head: string
  /** The seq its next spending event must carry, with prev = head. */
  nextSeq: number
  /** Set when two events share a seq: nothing from `atSeq` on is ever applied. */
  frozen: { atSeq: number; eventIds: string[] } | null
}

export interface Totals {
  /** The whole supply, issued to the issuer by the genesis. */
  issued: bigint
  /** The issuer's balance. */
  treasury: bigint
  /** Balances of every other account. */
  circulating: bigint
  /** Open stakes. */
  escrowed: bigint
  burned: bigint
}

export interface NetworkInfo {
  genesisId: string
  network: string
  issuer: string
  supply: bigint
  upkeep: string
  split: SplitParams
  receiptPow: number
  minAttentionSecs: number
  maxStakeWindowSecs: number
}

/** state = f(set of valid events). Maps are in ascending key order. */
export interface LedgerState {
  network: NetworkInfo
  totals: Totals
  accounts: Map<string, AccountView>
  stakes: Map<string, StakeView>
  events: Map<string, EventStatus>
}

// ---------------------------------------------------------------------------------------------
// Working state of the fixed point
// ---------------------------------------------------------------------------------------------

export type Outcome = { applied: true; message: string } | { applied: false; reason: RejectReason; message: string }

export interface FixState {
  /** Next seq to decide, per account (absent = 1). */
  cursor: Map<string, number>
  /** Id of the last decided event per account (absent = genesis id). */
  head: Map<string, string>
  /** Decided chain events: applied, or rejected as a no-op that still takes its seq. */
  decided: Map<string, Outcome>
  balances: Map<string, bigint>
  /** Applied stakes not yet settled. */
  openStakes: Map<string, StakeEvent>
  /** Applied settlements by stake id. */
  settlements: Map<string, Settlement>
  /** `${pubkey}:${key}` of applied transfers that carried an `x` key. */
  usedKeys: Set<string>
  escrowedBy: Map<string, bigint>
  burnedBy: Map<string, bigint>
  sumBalances: bigint
  escrowed: bigint
  burned: bigint
  /** Receipt id -> accounts whose settle waits for it. */
  waitingReceipt: Map<string, Set<string>>
}

export function newFixState(genesis: GenesisEvent): FixState {
  return {
    cursor: new Map(),
    head: new Map(),
    decided: new Map(),
    balances: new Map([[genesis.pubkey, genesis.supply]]),
    openStakes: new Map(),
    settlements: new Map(),
    usedKeys: new Set(),
    escrowedBy: new Map(),
    burnedBy: new Map(),
    sumBalances: genesis.supply,
    escrowed: 0n,
    burned: 0n,
    waitingReceipt: new Map()
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

export const short = (hex: string): string => `${hex.slice(0, 12)}…`
export const amp = (units: bigint): string => `${formatAmp(units)} AMP`

export function sortedMap<V>(m: Map<string, V>): Map<string, V> {
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Plain-JSON form of a state (bigints as decimal base-unit strings, Maps as objects). */
export function stateToJSON(state: LedgerState): unknown {
  const conv = (v: unknown): unknown => {
    if (typeof v === "bigint") return v.toString()
    if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), conv(x)]))
    if (Array.isArray(v)) return v.map(conv)
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, conv(x)]))
    }
    return v
  }
  return conv(state)
}
