// Settling with the engine's weights (PROTOCOL §2.9): the wallet lists what an engine must weigh,
// puts the weights it is given on the settle, refuses weights out of bounds or gone stale, and the
// ledger pays by them. Without weights the settle carries none (the ledger's default).
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { DEFAULT_SPLIT, MAX_RECEIPT_WEIGHT, defaultSplit, foldEvents } from "../../shared/ledger"
import { connectRelay, fetchLedgerEvents } from "../../shared/wallet/relay"
import { AMP, TestNetwork, type Person } from "./support/network"

const URL = "https://news.example/weighed"
let net: TestNetwork
let sam: Person
let cleo: Person
let vera: Person
let vic: Person
const stakes: string[] = []
let close = 0
const receiptOf = new Map<string, string>() // `${viewer}:${stake}` -> receipt id

beforeAll(async () => {
  net = await TestNetwork.start()
  ;[sam, cleo, vera, vic] = (await Promise.all(["sam-w", "cleo-w", "vera-w", "vic-w"].map((n) => net.person(n)))) as [Person, Person, Person, Person]
  await net.fund([sam], 100n * AMP)
  await net.sync(sam)
  close = net.clock() + 600
  for (let i = 0; i < 3; i++) stakes.push((await sam.wallet.stake({ amount: "1", url: URL, creator: cleo.key.pk, windowSecs: 600 })).id)
  net.clock.advance(60)
  await net.sync(vera, vic)
  for (const [p, seconds] of [[vera, 30], [vic, 10]] as const) {
    for (const stakeId of stakes) {
      const d = await p.earning.recordAttention({ url: URL, stakeId, seconds })
      if (!d.ok) throw new Error(d.message)
      receiptOf.set(`${p.key.pk}:${stakeId}`, d.id)
    }
  }
  net.clock.set(close)
  await net.sync(sam)
})
afterAll(async () => net.stop())

const rid = (p: Person, stakeId: string) => receiptOf.get(`${p.key.pk}:${stakeId}`)!
const weighed = (stakeId: string, vera_: bigint, vic_: bigint) => new Map([[rid(vera, stakeId), vera_], [rid(vic, stakeId), vic_]])

describe("wallet: settling with an engine's weights", () => {
  it("lists each due stake with what an engine needs: creator, staker and the countable receipts", async () => {
    expect(await sam.wallet.dueStakes({ graceSecs: 60 })).toEqual([]) // just closed: not yet
    const due = await sam.wallet.dueStakes()
    expect(due.map((d) => d.stakeId).sort()).toEqual([...stakes].sort())
    const one = due.find((d) => d.stakeId === stakes[0])!
    expect(one).toMatchObject({ creator: cleo.key.pk, staker: sam.key.pk, close })
    expect(one.receipts.map((r) => [r.pubkey, r.seconds]).sort()).toEqual([[vera.key.pk, 30], [vic.key.pk, 10]].sort())
  })

  it("refuses weights out of bounds and weights that miss a countable receipt, signing nothing", async () => {
    const before = await sam.store.db.ledgerEvents.count()
    await expect(sam.wallet.settle(stakes[0]!, weighed(stakes[0]!, -1n, 1n))).rejects.toMatchObject({ code: "bad-weight" })
    await expect(sam.wallet.settle(stakes[0]!, weighed(stakes[0]!, MAX_RECEIPT_WEIGHT + 1n, 1n))).rejects.toMatchObject({ code: "bad-weight" })
    await expect(sam.wallet.settle(stakes[0]!, new Map([[rid(vera, stakes[0]!), 5n]]))).rejects.toMatchObject({ code: "stale-weights" })
    // settleDue skips a stale stake (weighed again on the next pass) instead of failing the rest
    expect(await sam.wallet.settleDue({ weights: new Map([[stakes[0]!, new Map([[rid(vera, stakes[0]!), 5n]])]]) })).toEqual([])
    expect(await sam.store.db.ledgerEvents.count()).toBe(before)
  })

  it("settles only the weighed stakes, with the weights on the receipt tags, and the ledger pays by them", async () => {
    const settled = await sam.wallet.settleDue({ weights: new Map([[stakes[0]!, weighed(stakes[0]!, 3_000_000n, 1_000_000n)]]) })
    expect(settled).toEqual([expect.objectContaining({ status: "applied", published: true })])
    expect(settled[0]!.event.tags.filter((t) => t[0] === "receipt").sort()).toEqual(
      [["receipt", rid(vera, stakes[0]!), "3000000"], ["receipt", rid(vic, stakes[0]!), "1000000"]].sort()
    )
    const relay = await connectRelay(net.relay.url)
    const { events } = await fetchLedgerEvents(relay, net.genesis.id)
    relay.close()
    const s = foldEvents(events, { genesis: net.genesis }).stakes.get(stakes[0]!)!
    const expected = defaultSplit(AMP, DEFAULT_SPLIT, [{ pubkey: vera.key.pk, weight: 3n }, { pubkey: vic.key.pk, weight: 1n }])
    expect(s.settlement!.viewers).toEqual(expected.viewers)
    expect(s.settlement!.viewers.get(vera.key.pk)).toBe(63_750_000n) // 3/4 of the 85 % pool
    expect((await sam.wallet.dueStakes()).map((d) => d.stakeId).sort()).toEqual(stakes.slice(1).sort())
  })

  it("a weight of 0 pays that viewer nothing; without weights the settle carries none", async () => {
    const [zero] = await sam.wallet.settleDue({ weights: new Map([[stakes[1]!, weighed(stakes[1]!, 0n, 7n)]]) })
    const [plain] = await sam.wallet.settleDue()
    expect(plain!.event.tags.filter((t) => t[0] === "receipt").every((t) => t.length === 2)).toBe(true)
    await net.sync(sam)
    const byStake = new Map((await sam.store.db.ledgerStakes.bulkGet([stakes[1]!, stakes[2]!])).map((s) => [s!.id, s!]))
    expect(zero!.status).toBe("applied")
    expect(byStake.get(stakes[1]!)!.settlement!.viewers).toEqual([[vera.key.pk, "0"], [vic.key.pk, "85000000"]].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)))
    expect(byStake.get(stakes[2]!)!.status).toBe("settled")
  })
})
