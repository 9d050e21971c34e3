// Refusals a person can act on. Each has a stable code (the side panel and the CLI switch on it)
// and a sentence that says what to change.
export type WalletErrorCode =
  | "bad-key" // the recipient / creator is not an npub or 64-hex public key
  | "own-key" // sending to oneself
  | "bad-amount" // not an AMP decimal (shared/ledger/amount rules), or zero
  | "insufficient-balance" // confirmed balance (minus what is pending out) does not cover it
  | "frozen-account" // the account forked (§2.15) and can never spend again
  | "bad-url" // a stake's link is not an http(s) web address
  | "bad-post-id" // a stake's post event id is not 64 hex
  | "bad-window" // a stake window outside the network's bounds
  | "bad-memo" // longer than the protocol allows
  | "unknown-stake" // settle: no such stake of this account
  | "stake-not-open" // settle: held, rejected or already settled
  | "too-early" // settle: the stake window has not closed yet
  | "stale-weights" // settle: a receipt arrived after the engine weighed the others
  | "bad-weight" // settle: a receipt weight outside the ledger's bounds (0 to 2^63 - 1)

export class WalletError extends Error {
  override readonly name = "WalletError"
  constructor(
    readonly code: WalletErrorCode,
    message: string
  ) {
    super(message)
  }
}
