// The wallet/* messages through the real background wiring (registerBackground) and the in-memory
// fake browser: amounts as strings on the wire, refusals as { ok: false, code, message }, and
// signed events handed to the sync core's outbox after the wallet stored them.
import { beforeEach, describe, expect, it } from "vitest"

import { registerBackground } from "../../extension/features/register-background"
import { buildGenesis, buildReceipt, buildTransfer } from "../../shared/ledger"
import { asLedgerDb, openLedgerStore } from "../../shared/wallet"
import { walletBalanceSchema, walletDueStakes, walletHistoryEntrySchema } from "../../shared/messages/catalog"
import { key } from "../ledger/keys"
import { createFakeExtension, type FakeExtension } from "../fakes/fake-browser"
import { freshDb } from "../support/fresh-db"
import { AMP, T0, issuer, testGenesis } from "./support/network"

let fx: FakeExtension
let bg: ReturnType<typeof registerBackground>
const genesis = testGenesis()

const send = (type: string, payload: unknown = {}): Promise<Record<string, unknown>> =>
  (fx.browser.runtime.onMessage as unknown as { trigger(m: unknown, s: unknown): Promise<unknown[]> })
    .trigger({ type, payload }, { id: fx.browser.runtime.id })
    .then((r) => r.find((x) => x !== undefined) as Record<string, unknown>)

beforeEach(async () => {
  fx = createFakeExtension()
  bg = registerBackground(fx.browser, { db: freshDb(), nowSec: () => T0 + 500 })
  await fx.install()
})

/** What the sync core will do when ledger events arrive: ingest them into the same database. */
async function fundPerson(amount: bigint): Promise<string> {
  const me = await bg.keys.pubkey()
  const store = await openLedgerStore(asLedgerDb(bg.db), genesis)
  await store.ingest([buildTransfer(issuer.sk, { net: genesis.id, seq: 1, prev: genesis.id, to: me, amount, createdAt: T0 + 10 })])
  return me
}

describe("background: wallet messages", () => {
  it("says there is no network until one is pinned, then answers on it", async () => {
    expect(await send("wallet/network")).toEqual({ ok: true, network: null })
    expect(await send("wallet/balance")).toMatchObject({ ok: false, code: "no-network" })
    const pinned = await send("wallet/pin-network", { genesis })
    expect(pinned).toMatchObject({ ok: true, network: { genesisId: genesis.id, supply: "2000000000", receiptPow: 4, minAttentionSecs: 8 } })
    expect(await send("wallet/network")).toEqual(pinned)
    const other = buildGenesis(key("someone-else").sk, { network: "elsewhere", supply: 1n, upkeep: issuer.pk, createdAt: T0 })
    expect(await send("wallet/pin-network", { genesis: other })).toMatchObject({ ok: false, code: "bad-network" })
    expect(await send("wallet/pin-network", { genesis: { ...genesis, sig: "00".repeat(64) } })).toMatchObject({ ok: false, code: "bad-network" })
  })

  it("balance, send, history: decimal strings on the wire; the sent event is stored and queued for the relays", async () => {
    await send("wallet/pin-network", { genesis })
    const me = await fundPerson(100n * AMP)
    const balance = await send("wallet/balance")
    expect(balance).toEqual({
      ok: true,
      balance: { pubkey: me, confirmed: "100", pendingIn: "0", pendingOut: "0", escrowed: "0", burned: "0", spendable: "100", frozenAtSeq: null }
    })
    expect(walletBalanceSchema.safeParse(balance.balance).success).toBe(true)

    expect(await send("wallet/send", { to: key("bob").pk, amount: "1.000000001" })).toMatchObject({ ok: false, code: "bad-amount" })
    expect(await send("wallet/send", { to: me, amount: "1" })).toMatchObject({ ok: false, code: "own-key" })
    expect(await send("wallet/send", { to: "npub1nope", amount: "1" })).toMatchObject({ ok: false, code: "bad-key" })
    expect(await send("wallet/send", { to: key("bob").pk, amount: "100.5" })).toMatchObject({ ok: false, code: "insufficient-balance" })
    expect(await send("wallet/send", { to: key("bob").pk, amount: 5 })).toMatchObject({ ok: false, code: "bad-request" })

    const sent = (await send("wallet/send", { to: key("bob").pk, amount: "2.5", memo: "thanks" })) as { ok: true; submitted: { id: string } }
    expect(sent).toMatchObject({ ok: true, submitted: { status: "applied", published: true, publishError: null } })
    expect(await bg.db.outbox.get(sent.submitted.id)).toMatchObject({ state: "pending", kind: 3331 })

    const history = (await send("wallet/history")) as { ok: true; entries: unknown[] }
    expect(history.entries).toEqual([
      expect.objectContaining({ kind: "transfer-out", amount: "2.5", counterparty: key("bob").pk, memo: "thanks" }),
      expect.objectContaining({ kind: "transfer-in", amount: "100", counterparty: issuer.pk })
    ])
    for (const e of history.entries) expect(walletHistoryEntrySchema.safeParse(e).success).toBe(true)
    expect(await send("wallet/balance")).toMatchObject({ balance: { confirmed: "97.5" } })
  })

  it("hands on, at the worker's first wallet use, a signed event a killed worker left in the wallet's outbox", async () => {
    await send("wallet/pin-network", { genesis })
    const me = await fundPerson(10n * AMP)
    const left = buildTransfer(issuer.sk, { net: genesis.id, seq: 2, prev: genesis.id, to: me, amount: 1n, createdAt: T0 + 20 })
    await asLedgerDb(bg.db).walletOutbox.put({ id: left.id, createdAt: left.created_at, event: left })
    // a new worker: registerBackground again over the same database
    const fx2 = createFakeExtension()
    registerBackground(fx2.browser, { db: bg.db, nowSec: () => T0 + 600 })
    fx = fx2
    expect(await send("wallet/balance")).toMatchObject({ ok: true })
    await expect.poll(async () => asLedgerDb(bg.db).walletOutbox.count()).toBe(0)
    expect(await bg.db.outbox.get(left.id)).toMatchObject({ state: "pending" })
  })

  it("stakes on a link and reports earnings (none yet) by day", async () => {
    await send("wallet/pin-network", { genesis })
    await fundPerson(10n * AMP)
    const staked = await send("wallet/stake", { amount: "3", url: "https://example.org/post", creator: key("cleo").pk, windowSecs: 60 })
    expect(staked).toMatchObject({ ok: true, submitted: { status: "applied" } })
    expect(await send("wallet/balance")).toMatchObject({ balance: { confirmed: "7", escrowed: "3" } })
    expect(await send("wallet/earnings", {})).toEqual({ ok: true, days: [] })
    expect(await send("wallet/settle-due")).toEqual({ ok: true, settled: [] })
  })

  it("lists due stakes for the side panel's engine, and settles them with its weights, checked before signing", async () => {
    let now = T0 + 500
    fx = createFakeExtension()
    bg = registerBackground(fx.browser, { db: freshDb(), nowSec: () => now })
    await fx.install()
    await send("wallet/pin-network", { genesis })
    const me = await fundPerson(10n * AMP)
    const staked = (await send("wallet/stake", { amount: "1", url: "https://example.org/w", creator: key("cleo").pk, windowSecs: 60 })) as { submitted: { id: string } }
    const stakeId = staked.submitted.id
    const receipt = buildReceipt(key("vera").sk, { net: genesis.id, stake: stakeId, seconds: 30, createdAt: T0 + 520, difficulty: 4 })
    await (await openLedgerStore(asLedgerDb(bg.db), genesis)).ingest([receipt])
    expect(await send("wallet/due-stakes")).toEqual({ ok: true, stakes: [] })
    now = T0 + 560
    expect(await send("wallet/due-stakes", { graceSecs: 60 })).toEqual({ ok: true, stakes: [] })
    const due = await send("wallet/due-stakes")
    expect(due).toEqual({ ok: true, stakes: [{ stakeId, creator: key("cleo").pk, staker: me, close: T0 + 560, receipts: [{ id: receipt.id, pubkey: key("vera").pk, seconds: 30 }] }] })
    expect(walletDueStakes.response.safeParse(due).success).toBe(true)

    const weighed = (weight: unknown) => ({ weights: [{ stakeId, receipts: [[receipt.id, weight]] }] })
    for (const bad of ["-1", "01", "1.5", 7, "99999999999999999999"]) expect(await send("wallet/settle-due", weighed(bad))).toMatchObject({ ok: false, code: "bad-request" })
    expect(await send("wallet/settle-due", weighed("9223372036854775808"))).toMatchObject({ ok: false, code: "bad-weight" }) // 2^63
    expect(await bg.db.outbox.count()).toBe(1) // the stake only
    const settled = (await send("wallet/settle-due", weighed("1936000000"))) as { ok: true; settled: { id: string; status: string }[] }
    expect(settled).toMatchObject({ ok: true, settled: [{ status: "applied" }] })
    const row = await asLedgerDb(bg.db).ledgerEvents.get(settled.settled[0]!.id)
    expect(row!.event.tags).toContainEqual(["receipt", receipt.id, "1936000000"])
  })
})
