// Shared by `transfer` and `burn`: sign the account's next chain event from the head the relay
// reports, after checking it can apply, publish it and report what the relay's set made of it.
import type { Relay } from "nostr-tools/relay"

import { KIND, formatAmp, type EventTemplate, type NostrEvent, signEvent } from "../../../shared/ledger"
import { UsageError, type Io } from "../io"
import type { SecretKey } from "../key-file"
import { readNetwork } from "../network"
import { publishTo } from "../../../shared/wallet/relay"

const seqOf = (e: NostrEvent): number => Number(e.tags.find((t) => t[0] === "seq")?.[1] ?? -1)

export async function spend(
  relay: Relay,
  genesis: NostrEvent,
  key: SecretKey,
  amount: bigint,
  template: (ref: { net: string; seq: number; prev: string; createdAt: number }) => EventTemplate,
  io: Io,
  now: () => number
): Promise<NostrEvent> {
  const view = await readNetwork(relay, genesis)
  const state = view.ledger.snapshot()
  const acc = state.accounts.get(key.pubkey)
  if (acc?.frozen) throw new UsageError(`the account is frozen from seq ${acc.frozen.atSeq} (a fork) and can never spend again`)
  const balance = acc?.balance ?? 0n
  const pendingOut = acc?.pendingOut ?? 0n
  if (amount > balance - pendingOut) {
    throw new UsageError(`needs ${formatAmp(amount)} AMP; the confirmed balance is ${formatAmp(balance)} AMP` + (pendingOut > 0n ? ` (${formatAmp(pendingOut)} AMP pending out)` : ""))
  }
  const { seq, prev } = view.ledger.nextChainRef(key.pubkey)
  const beyond = view.events.filter((e) => e.pubkey === key.pubkey && e.kind !== KIND.receipt && seqOf(e) >= seq)
  if (beyond.length > 0) throw new Error(`the relay holds events of this account from seq ${Math.min(...beyond.map(seqOf))} but not seq ${seq}; publish the missing event first`)
  const event = signEvent(template({ net: genesis.id, seq, prev, createdAt: now() }), key.sk)
  await publishTo(relay, event)
  const after = await readNetwork(relay, genesis)
  const s = after.ledger.status(event.id)
  io.out(`${event.id} seq ${seq}: ${s ? `${s.status}${s.reason ? ` (${s.reason})` : ""}: ${s.message}` : "published, but the relay does not return it"}`)
  return event
}
