// A small test network: real keys, a genesis, a real relay on a free loopback port, and one wallet
// (its own fake-indexeddb database and ledger store) per person.
import WebSocket from "ws"
import { useWebSocketImplementation } from "nostr-tools/relay"

import { startRelay, type RunningRelay } from "../../../relay"
import { buildGenesis, buildTransfer, signEvent, type NostrEvent } from "../../../shared/ledger"
import { createWallet, type Wallet } from "../../../shared/wallet/wallet"
import { createEarning, type AllowsAmplification, type Earning } from "../../../shared/wallet/earning"
import { openLedgerStore, type LedgerStore } from "../../../shared/wallet/store/ledger-store"
import { connectRelay, fetchLedgerEvents, relayPublisher } from "../../../shared/wallet/relay"
import type { Publish, WalletSigner } from "../../../shared/wallet/types"
import { key, type Key } from "../../ledger/keys"
import { freshDbName, openLedgerDb } from "./ledger-db"

useWebSocketImplementation(WebSocket)

export const AMP = 100_000_000n
export const T0 = 1_750_000_000 // 2025-06-15T15:06:40Z

export const issuer = key("wallet-issuer")
export const upkeep = key("wallet-upkeep")

export function testGenesis(over: { receiptPow?: number; minAttentionSecs?: number } = {}): NostrEvent {
  return buildGenesis(issuer.sk, {
    network: "synereo-stream/wallet-test",
    supply: 2_000_000_000n * AMP,
    upkeep: upkeep.pk,
    receiptPow: over.receiptPow ?? 4,
    minAttentionSecs: over.minAttentionSecs ?? 8,
    createdAt: T0
  })
}

export const signerOf = (k: Key): WalletSigner => ({ pubkey: async () => k.pk, sign: async (t) => signEvent(t, k.sk) })

/** A controllable clock in unix seconds. */
export function testClock(start = T0 + 100) {
  let now = start
  const clock = () => now
  return Object.assign(clock, { set: (t: number) => void (now = t), advance: (s: number) => void (now += s) })
}

export interface Person {
  key: Key
  store: LedgerStore
  wallet: Wallet
  earning: Earning
  dbName: string
}

export class TestNetwork {
  readonly publish: Publish & { close(): void }
  private constructor(
    readonly relay: RunningRelay,
    readonly genesis: NostrEvent,
    readonly clock: ReturnType<typeof testClock>
  ) {
    this.publish = relayPublisher([relay.url])
  }

  static async start(genesis = testGenesis()): Promise<TestNetwork> {
    const relay = await startRelay({ port: 0, inMemory: true, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } })
    const net = new TestNetwork(relay, genesis, testClock())
    await net.publish(genesis)
    return net
  }

  async person(name: string, opts: { allows?: AllowsAmplification; publish?: Publish } = {}): Promise<Person> {
    const k = key(name)
    const dbName = freshDbName()
    const store = await openLedgerStore(openLedgerDb(dbName), this.genesis)
    const deps = { store, signer: signerOf(k), publish: opts.publish ?? this.publish, clock: this.clock }
    return { key: k, store, dbName, wallet: createWallet(deps), earning: createEarning({ ...deps, allows: opts.allows ?? (() => true) }) }
  }

  /** What the sync core will do: fetch the network's ledger events from the relay into a store. */
  async sync(...people: Person[]): Promise<void> {
    const relay = await connectRelay(this.relay.url)
    try {
      const { events } = await fetchLedgerEvents(relay, this.genesis.id)
      for (const p of people) await p.store.ingest(events)
    } finally {
      relay.close()
    }
  }

  /** The issuer pays `amount` AMP (decimal) to each person, published to the relay. */
  async fund(people: Person[], amount: bigint): Promise<NostrEvent[]> {
    const relay = await connectRelay(this.relay.url)
    try {
      const { events } = await fetchLedgerEvents(relay, this.genesis.id)
      let seq = 1 + events.filter((e) => e.pubkey === issuer.pk && e.kind !== 3335).length
      let prev = [...events].filter((e) => e.pubkey === issuer.pk).sort((a, b) => tagNum(b, "seq") - tagNum(a, "seq"))[0]?.id ?? this.genesis.id
      const out: NostrEvent[] = []
      for (const p of people) {
        const e = buildTransfer(issuer.sk, { net: this.genesis.id, seq, prev, to: p.key.pk, amount, createdAt: this.clock() })
        await this.publish(e)
        out.push(e)
        seq++
        prev = e.id
      }
      return out
    } finally {
      relay.close()
    }
  }

  async stop(): Promise<void> {
    this.publish.close()
    await this.relay.close()
  }
}

const tagNum = (e: NostrEvent, name: string): number => Number(e.tags.find((t) => t[0] === name)?.[1] ?? 0)
