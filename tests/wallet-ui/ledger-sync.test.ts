// Ledger events from relays into the wallet: the sync core subscribes to the pinned network's
// ledger kinds, checks ids and signatures and the `net` tag, and hands batches to `ingest`.
import { afterEach, describe, expect, it } from "vitest"

import { buildGenesis, buildTransfer } from "../../shared/ledger"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { createWalletService } from "../../extension/features/wallet/background/wallet-service"
import { freshDb, syncCore } from "../sync/sync-fixture"
import { AMP, issuer, signerOf, TestNetwork, upkeep } from "../wallet/support/network"
import { key } from "../ledger/keys"

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out")
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe("the sync core feeds the wallet the pinned network's ledger", () => {
  it("hands verified events of the pinned network only, in batches, and the balance follows", async () => {
    const net = await TestNetwork.start()
    cleanups.push(() => net.stop())
    const alice = key("ledger-sync-alice")
    const bob = key("ledger-sync-bob")
    // Another network on the same relay: never handed over.
    const other = buildGenesis(issuer.sk, { network: "someone-else", supply: 1_000n * AMP, upkeep: upkeep.pk, receiptPow: 4, minAttentionSecs: 8, createdAt: net.clock() })
    await net.publish(other)
    await net.publish(buildTransfer(issuer.sk, { net: other.id, seq: 1, prev: other.id, to: alice.pk, amount: 7n * AMP, createdAt: net.clock() }))

    const db = freshDb()
    const service = createWalletService({ db, signer: signerOf(alice), publish: async () => undefined, nowSec: net.clock })
    const batches: SignedEvent[][] = []
    let pinned: string | null = null
    const core = await syncCore(db, [net.relay.url], {
      ledger: {
        network: async () => pinned,
        ingest: async (events) => {
          batches.push(events)
          await service.ingest(events)
        }
      },
      tuning: { batchSize: 2 }
    })
    cleanups.push(() => core.stop())
    await core.start()

    // Not pinned yet: nothing is asked for.
    await net.fund([{ key: alice } as never, { key: bob } as never], 50n * AMP)
    await new Promise((r) => setTimeout(r, 300))
    expect(batches).toEqual([])

    await service.pin(net.genesis)
    pinned = net.genesis.id
    await core.ledgerChanged()
    await until(async () => (await (await service.wallet()).balance()).confirmed === 50n * AMP)
    const handed = batches.flat()
    expect(handed.every((e) => e.tags.some((t) => t[0] === "net" && t[1] === net.genesis.id))).toBe(true)
    expect(handed).toHaveLength(2)
    expect(batches.every((b) => b.length <= 2)).toBe(true)

    // Live: a new transfer arrives while subscribed.
    await net.fund([{ key: alice } as never], 3n * AMP)
    await until(async () => (await (await service.wallet()).balance()).confirmed === 53n * AMP)
    const history = await (await service.wallet()).history()
    expect(history.map((h) => h.kind)).toEqual(["transfer-in", "transfer-in"])
  })

  it("subscribes on connect when the network is already pinned", async () => {
    const net = await TestNetwork.start()
    cleanups.push(() => net.stop())
    const alice = key("ledger-sync-forged")
    const db = freshDb()
    const handed: SignedEvent[] = []
    const core = await syncCore(db, [net.relay.url], { ledger: { network: async () => net.genesis.id, ingest: async (e) => void handed.push(...e) } })
    cleanups.push(() => core.stop())
    const [good] = await net.fund([{ key: alice } as never], 1n * AMP)
    await core.start()
    await until(() => handed.length === 1)
    expect(handed[0]!.id).toBe(good!.id)
  })
})
