// Earning: when a device signs an attention receipt (each refusal reason), and what the receipts
// pay once the staker settles, to the base unit, over a real relay.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { getPow } from "nostr-tools/nip13"

import { audit, defaultReceiptWeight, defaultSplit, foldEvents, DEFAULT_SPLIT, type NostrEvent } from "../../shared/ledger"
import { createEarning, type AmplificationInfo } from "../../shared/wallet/earning"
import { openLedgerStore } from "../../shared/wallet/store/ledger-store"
import { createWallet } from "../../shared/wallet/wallet"
import { connectRelay, fetchByIds, fetchLedgerEvents } from "../../shared/wallet/relay"
import { openLedgerDb } from "./support/ledger-db"
import { AMP, TestNetwork, signerOf, upkeep, type Person } from "./support/network"

const URL = "https://news.example/story"
let net: TestNetwork
let sam: Person // pays for the amplification
let cleo: Person // wrote the post
let vera: Person
let vic: Person
let olga: Person // allows no amplified content from sam
let walt: Person
let stakeId: string
let stakeCreatedAt: number
const seenByOptOut: AmplificationInfo[] = []

beforeAll(async () => {
  net = await TestNetwork.start()
  sam = await net.person("sam")
  cleo = await net.person("cleo")
  vera = await net.person("vera")
  vic = await net.person("vic")
  walt = await net.person("walt")
  olga = await net.person("olga", {
    allows: (a) => {
      seenByOptOut.push(a)
      return a.staker !== sam.key.pk
    }
  })
  await net.fund([sam], 100n * AMP)
  await net.sync(sam)
  stakeCreatedAt = net.clock()
  const st = await sam.wallet.stake({ amount: "10.00000001", url: URL, creator: cleo.key.pk, windowSecs: 600 })
  stakeId = st.id
  net.clock.advance(60)
  await net.sync(cleo, vera, vic, olga, walt)
})
afterAll(async () => net.stop())

const measure = (p: Person, over: Partial<{ url: string; stakeId: string; seconds: number }> = {}) =>
  p.earning.recordAttention({ url: URL, stakeId, seconds: 30, ...over })

describe("earning: no receipt is signed when", () => {
  it("the measurement is not a positive number of seconds", async () => {
    expect(await measure(vera, { seconds: -3 })).toMatchObject({ ok: false, reason: "bad-measurement" })
    expect(await measure(vera, { seconds: Number.NaN })).toMatchObject({ ok: false, reason: "bad-measurement" })
  })
  it("the stake is unknown to this device", async () => {
    expect(await measure(vera, { stakeId: "cd".repeat(32) })).toMatchObject({ ok: false, reason: "unknown-stake" })
  })
  it("the person paid for the amplification", async () => {
    expect(await measure(sam)).toMatchObject({ ok: false, reason: "own-stake" })
  })
  it("the person wrote the post", async () => {
    expect(await measure(cleo)).toMatchObject({ ok: false, reason: "own-post" })
  })
  it("the page is not the amplified link", async () => {
    expect(await measure(vera, { url: "https://news.example/other" })).toMatchObject({ ok: false, reason: "url-mismatch" })
  })
  it("the stake window is not open", async () => {
    const now = net.clock()
    net.clock.set(stakeCreatedAt + 601)
    expect(await measure(vera)).toMatchObject({ ok: false, reason: "outside-window" })
    net.clock.set(stakeCreatedAt - 1)
    expect(await measure(vera)).toMatchObject({ ok: false, reason: "outside-window" })
    net.clock.set(now)
  })
  it("the person's opt-out rules exclude it (the rule sees who paid, who wrote, the link)", async () => {
    expect(await measure(olga)).toMatchObject({ ok: false, reason: "not-allowed" })
    expect(seenByOptOut).toEqual([{ stakeId, staker: sam.key.pk, creator: cleo.key.pk, url: URL, post: null, amount: 1_000_000_001n }])
  })
  it("the attention is below the network's min_attention_secs (whole seconds)", async () => {
    expect(await measure(vera, { seconds: 7.9 })).toMatchObject({ ok: false, reason: "below-minimum", message: expect.stringMatching(/7 s .* 8 s or more/) })
  })
  it("and nothing was signed, stored or published by any refusal", async () => {
    for (const p of [vera, sam, cleo, olga]) {
      expect(await p.store.db.walletReceipts.count()).toBe(0)
      expect(await p.store.db.ledgerEvents.where("pubkey").equals(p.key.pk).filter((r) => r.kind === 3335).count()).toBe(0)
    }
  })
})

describe("earning: a receipt", () => {
  let receipts: NostrEvent[] = []

  it("is mined to the network's proof of work, signed, stored and published", async () => {
    const v = await measure(vera, { seconds: 30.7 })
    expect(v).toMatchObject({ ok: true, seconds: 30, published: true, status: "held", reason: "awaiting_settlement" })
    if (!v.ok) return
    expect(getPow(v.id)).toBeGreaterThanOrEqual(4)
    expect(v.event.tags).toEqual(expect.arrayContaining([["e", stakeId], ["secs", "30"], ["nonce", expect.any(String), "4"]]))
    const r = await connectRelay(net.relay.url)
    expect((await fetchByIds(r, [v.id]))[0]).toEqual(v.event)
    r.close()
    receipts.push(v.event)
  })

  it("is made at most once per viewer and stake, also after a restart and when two measurements race", async () => {
    expect(await measure(vera)).toMatchObject({ ok: false, reason: "already-receipted" })
    vera.store.db.close()
    const store = await openLedgerStore(openLedgerDb(vera.dbName), net.genesis)
    const deps = { store, signer: signerOf(vera.key), publish: net.publish, clock: net.clock }
    vera = { ...vera, store, wallet: createWallet(deps), earning: createEarning({ ...deps, allows: () => true }) }
    expect(await measure(vera, { seconds: 40 })).toMatchObject({ ok: false, reason: "already-receipted" })

    const both = await Promise.all([measure(vic, { seconds: 10 }), measure(vic, { seconds: 12 })])
    expect(both.filter((d) => d.ok)).toHaveLength(1)
    expect(both.filter((d) => !d.ok)).toEqual([expect.objectContaining({ reason: "already-receipted" })])
    receipts.push(...both.flatMap((d) => (d.ok ? [d.event] : [])))
    expect(await vic.store.db.ledgerEvents.where("pubkey").equals(vic.key.pk).count()).toBe(1)
  })

  it("is cut to the stake window: the ledger would refuse more seconds than the window lasts", async () => {
    const w = await measure(walt, { seconds: 10_000 })
    expect(w).toMatchObject({ ok: true, seconds: 600 })
    if (w.ok) receipts.push(w.event)
  })

  it("is paid exactly per the model once the staker settles, every base unit accounted for", async () => {
    const units = (e: NostrEvent) => defaultReceiptWeight(Number(e.tags.find((t) => t[0] === "secs")![1]!))
    net.clock.set(stakeCreatedAt + 600)
    await net.sync(sam)
    const settled = await sam.wallet.settle(stakeId)
    expect(settled).toMatchObject({ status: "applied", published: true })
    expect(settled.event.tags.filter((t) => t[0] === "receipt")).toHaveLength(3)

    // The model's split (PROTOCOL §2.9) over the counted viewers; no engine here, so the settle
    // carries no weights and each weighs its attention units: 30 s 1936, 10-12 s 1118-1224, 600 s 3872.
    expect(settled.event.tags.filter((t) => t[0] === "receipt").every((t) => t.length === 2)).toBe(true)
    const stake = 1_000_000_001n
    const expected = defaultSplit(stake, DEFAULT_SPLIT, receipts.map((r) => ({ pubkey: r.pubkey, weight: units(r) })))
    const weightOf = (p: Person) => units(receipts.find((r) => r.pubkey === p.key.pk)!)
    expect([weightOf(vera), weightOf(walt)]).toEqual([1936n, 3872n])
    expect(expected.creator).toBe(100_000_000n)
    expect(expected.upkeep).toBe(50_000_000n)

    const r = await connectRelay(net.relay.url)
    const { events } = await fetchLedgerEvents(r, net.genesis.id)
    r.close()
    const state = foldEvents(events, { genesis: net.genesis })
    const s = state.stakes.get(stakeId)!
    expect(s.status).toBe("settled")
    expect(s.settlement!.viewers).toEqual(new Map([...expected.viewers].sort(([a], [b]) => (a < b ? -1 : 1))))
    expect([s.settlement!.creator, s.settlement!.upkeep, s.settlement!.refund]).toEqual([100_000_000n, 50_000_000n, 0n])
    let paid = s.settlement!.creator + s.settlement!.upkeep + s.settlement!.refund
    for (const v of s.settlement!.viewers.values()) paid += v
    expect(paid).toBe(stake)
    expect(audit(state).ok).toBe(true)

    await net.sync(vera, vic, walt, cleo)
    for (const p of [vera, vic, walt]) expect((await p.wallet.balance()).confirmed).toBe(expected.viewers.get(p.key.pk))
    expect((await cleo.wallet.balance()).confirmed).toBe(100_000_000n)
    expect(state.accounts.get(upkeep.pk)!.balance).toBe(50_000_000n)
    expect((await sam.wallet.balance()).escrowed).toBe(0n)
  })

  it("shows in the viewer's history as a payout from that stake, and in earnings by UTC day", async () => {
    const [payout] = (await vera.wallet.history()).filter((e) => e.kind === "payout")
    expect(payout).toMatchObject({ role: "viewer", stakeId, url: URL, staker: sam.key.pk, amount: (await vera.wallet.balance()).confirmed })
    expect(await cleo.wallet.earningsByDay()).toEqual([{ day: "2025-06-15", viewer: 0n, creator: 100_000_000n, upkeep: 0n, total: 100_000_000n }])
  })

  it("refuses once the stake is settled", async () => {
    await net.sync(olga)
    expect(await measure(olga)).toMatchObject({ ok: false, reason: "stake-not-open" })
  })
})

describe("earning: earnings by UTC day", () => {
  it("sums each day's payouts in base units, dated by the settle", async () => {
    const day1 = (await vera.wallet.earningsByDay())[0]!
    // A second stake that closes the next UTC day (2025-06-16).
    await net.sync(sam)
    const start = net.clock()
    const st = await sam.wallet.stake({ amount: "3.33333333", url: URL, creator: cleo.key.pk, windowSecs: 86_400 })
    await net.sync(vera)
    net.clock.advance(5)
    expect(await vera.earning.recordAttention({ url: URL, stakeId: st.id, seconds: 9 })).toMatchObject({ ok: true })
    net.clock.set(start + 86_400)
    await net.sync(sam)
    expect(await sam.wallet.settleDue()).toEqual([expect.objectContaining({ status: "applied" })])
    await net.sync(vera)
    const pool = 333_333_333n - (333_333_333n * 1000n) / 10_000n - (333_333_333n * 500n) / 10_000n
    expect(await vera.wallet.earningsByDay()).toEqual([day1, { day: "2025-06-16", viewer: pool, creator: 0n, upkeep: 0n, total: pool }])
    expect(await vera.wallet.earningsByDay({ fromDay: "2025-06-16" })).toHaveLength(1)
    expect((await vera.wallet.balance()).confirmed).toBe(day1.total + pool)
  })
})
