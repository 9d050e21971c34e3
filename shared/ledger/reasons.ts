// Every outcome that is not "applied" carries one of these codes plus a human message.
// Grouped by where they arise; the same table is in docs/PROTOCOL.md, Part 2.

/** Refused by `validateEvent`: the event never enters the set, so it can change nothing. */
export const DROP_REASONS = [
  "malformed", // not a Nostr event, or breaks a format rule / size limit of its kind
  "unknown_kind", // not one of the ledger kinds
  "bad_signature", // id is not the hash of the event, or the signature does not verify (forged)
  "wrong_network", // `net` tag is not this network's genesis id, or a genesis other than the pinned one
  "duplicate", // an event with this id is already in the set (replay)
  "self_transfer", // transfer whose recipient is its author
  "insufficient_pow", // receipt whose id does not meet the network's NIP-13 difficulty
  "below_min_attention" // receipt for fewer seconds than the network minimum
] as const

/** In the set but not applied yet: more events may still apply it. */
export const HOLD_REASONS = [
  "gap", // an earlier seq of this account is missing
  "blocked", // an earlier seq of this account is held
  "unknown_prev", // `prev` is not the id of the account's event at seq-1
  "overdraw", // the account's applied balance does not cover the amount
  "missing_receipt", // a settle lists a receipt this peer does not hold
  "unknown_stake", // receipt for a stake this peer does not hold (also a rejection for settles)
  "stake_held", // receipt for a stake that is itself held
  "awaiting_settlement" // receipt for an open stake
] as const

/** In the set and never applied, whatever else arrives. */
export const REJECT_REASONS = [
  "fork", // two different events by one account with this seq
  "frozen_account", // seq after the account's fork point
  "duplicate_idempotency_key", // transfer whose `x` key the account already used in an applied transfer
  "unknown_stake", // settle whose stake is not an earlier event in its author's chain
  "stake_already_settled", // second settle of one stake
  "settle_too_early", // settle created before the stake's close time
  "own_stake", // receipt signed by the staker
  "own_post", // receipt signed by the amplified post's creator
  "outside_window", // receipt created before the stake or after its close
  "attention_exceeds_window", // receipt claims more seconds than the stake window lasts
  "duplicate_receipt", // another receipt by the same viewer for the same stake counts instead
  "not_counted", // the stake was settled without this receipt
  "stake_rejected" // receipt for a stake that can never apply (forked / frozen)
] as const

export type DropReason = (typeof DROP_REASONS)[number]
export type HoldReason = (typeof HOLD_REASONS)[number]
export type RejectReason = (typeof REJECT_REASONS)[number]
export type ReasonCode = DropReason | HoldReason | RejectReason

export class LedgerConfigError extends Error {
  override readonly name = "LedgerConfigError"
}

/** Thrown when an internal invariant breaks (e.g. an injected split that does not conserve). */
export class LedgerInvariantError extends Error {
  override readonly name = "LedgerInvariantError"
}
