// What the wallet needs from its host. The extension passes the key store, the network outbox and
// Date.now; tests pass deterministic keys, a real relay and a fixed clock.
import type { EventTemplate, NostrEvent } from "../ledger"

export interface WalletSigner {
  pubkey(): Promise<string>
  sign(template: EventTemplate): Promise<NostrEvent>
}

/** Hands a signed event to the network; resolves once a relay accepted it, rejects otherwise. */
export type Publish = (event: NostrEvent) => Promise<void>

/** Unix seconds. */
export type Clock = () => number

/** The outcome of an event this wallet signed: stored first, then published. */
export interface Submitted {
  id: string
  event: NostrEvent
  /** What the local ledger made of it (a send is "applied" at once when the balance covers it). */
  status: "applied" | "held" | "rejected"
  reason: string | null
  message: string
  /** False when no relay took it yet; it stays in the outbox and `republishPending` retries it. */
  published: boolean
  publishError: string | null
}
