// The wallet API against a real relay: balance (confirmed and pending), send with its refusals,
// stake, history with what each entry was for, earnings by UTC day, and the outbox that survives a
// crash between storing and publishing.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { npubEncode, nsecEncode } from "nostr-tools/nip19"

import { buildBurn, buildTransfer, foldEvents, audit, type NostrEvent } from "../../shared/ledger"
import { WalletError } from "../../shared/wallet/errors"
import { createWallet } from "../../shared/wallet/wallet"
import { openLedgerStore } from "../../shared/wallet/store/ledger-store"
import { connectRelay, fetchByIds, fetchLedgerEvents } from "../../shared/wallet/relay"
import { key } from "../ledger/keys"
import { openLedgerDb } from "./support/ledger-db"
import { AMP, TestNetwork, issuer, signerOf, type Person } from "./support/network"

let net: TestNetwork
let alice: Person
let bob: Person

beforeAll(async () => {
  net = await TestNetwork.start()
  alice = await net.person("alice")
  bob = await net.person("bob")
  await net.fund([alice], 1000n * AMP)
  await net.sync(alice, bob)
})
afterAll(async () => net.stop())

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(WalletError)
  return { code: (err as WalletError).code, message: (err as WalletError).message }
}

async function onRelay(ids: string[]): Promise<NostrEvent[]> {
  const r = await connectRelay(net.relay.url)
  try {
    return await fetchByIds(r, ids)
  } finally {
    r.close()
  }
}

describe("wallet: balance", () => {
  it("shows the confirmed balance, and a held incoming transfer as pending, not spendable", async () => {
    expect(await alice.wallet.balance()).toMatchObject({ confirmed: 1000n * AMP, pendingIn: 0n, pendingOut: 0n, spendable: 1000n * AMP, frozenAtSeq: null })
    // A transfer from carol, who has nothing: held as overdraw, so pending for bob.
    const carol = key("carol")
    const held = buildTransfer(carol.sk, { net: net.genesis.id, seq: 1, prev: net.genesis.id, to: bob.key.pk, amount: 5n * AMP, createdAt: net.clock() })
    await bob.store.ingest([held])
    expect(await bob.wallet.balance()).toMatchObject({ confirmed: 0n, pendingIn: 5n * AMP, spendable: 0n })
  })
})

describe("wallet: send refuses, with a clear reason", () => {
  const cases: [string, { to?: string; amount?: string }, string, RegExp][] = [
    ["an unknown key format", { to: "bob" }, "bad-key", /neither an npub nor a 64-hex/],
    ["a broken npub", { to: "npub1qqqqqqqqqqqqqqqqqqqqqq" }, "bad-key", /not a valid npub/],
    ["a secret key", { to: nsecEncode(key("x").sk) }, "bad-key", /secret key/],
    ["a key that is no curve point", { to: "f".repeat(64) }, "bad-key", /not a point on secp256k1/],
    ["a negative amount", { amount: "-1" }, "bad-amount", /not an AMP decimal/],
    ["more than 8 decimals", { amount: "1.000000001" }, "bad-amount", /at most 8 decimals/],
    ["a non-numeric amount", { amount: "ten" }, "bad-amount", /not an AMP decimal/],
    ["zero", { amount: "0" }, "bad-amount", /more than 0/],
    ["an empty amount", { amount: "" }, "bad-amount", /empty/],
    ["more than the balance", { amount: "1000.00000001" }, "insufficient-balance", /needs 1000.00000001 AMP; the confirmed balance is 1000 AMP/]
  ]
  for (const [what, req, code, message] of cases) {
    it(what, async () => {
      const r = await refusal(alice.wallet.send({ to: npubEncode(bob.key.pk), amount: "1", ...req }))
      expect(r.code).toBe(code)
      expect(r.message).toMatch(message)
    })
  }

  it("one's own key", async () => {
    const r = await refusal(alice.wallet.send({ to: alice.key.pk, amount: "1" }))
    expect(r).toEqual({ code: "own-key", message: expect.stringMatching(/your own key/) })
  })

  it("a frozen (forked) account", async () => {
    const mallory = await net.person("mallory")
    await net.fund([mallory], 10n * AMP)
    await net.sync(mallory)
    const ref = { net: net.genesis.id, seq: 1, prev: net.genesis.id, createdAt: net.clock() }
    const a = buildTransfer(mallory.key.sk, { ...ref, to: alice.key.pk, amount: 1n * AMP })
    const b = buildTransfer(mallory.key.sk, { ...ref, to: bob.key.pk, amount: 1n * AMP })
    await mallory.store.ingest([a, b])
    const r = await refusal(mallory.wallet.send({ to: bob.key.pk, amount: "1" }))
    expect(r).toEqual({ code: "frozen-account", message: expect.stringMatching(/seq 1 \(a fork\)/) })
  })

  it("and a refused send signs, stores and publishes nothing", async () => {
    expect(await alice.store.db.ledgerEvents.where("pubkey").equals(alice.key.pk).count()).toBe(0)
    expect(await alice.store.db.walletOutbox.count()).toBe(0)
  })
})

describe("wallet: send, stake, history", () => {
  it("sends to an npub: applied at once, published to the relay, received by the other side", async () => {
    net.clock.advance(10)
    const sent = await alice.wallet.send({ to: npubEncode(bob.key.pk), amount: "12.5", memo: "lunch" })
    expect(sent).toMatchObject({ status: "applied", published: true, publishError: null })
    expect((await onRelay([sent.id])).map((e) => e.id)).toEqual([sent.id])
    expect(await alice.store.db.walletOutbox.count()).toBe(0)
    await net.sync(bob)
    expect((await bob.wallet.balance()).confirmed).toBe(1250000000n)
    const [entry] = await bob.wallet.history({ limit: 1 })
    expect(entry).toMatchObject({ kind: "transfer-in", direction: "in", counterparty: alice.key.pk, amount: 1250000000n, memo: "lunch", status: "applied" })
  })

  it("two sends at once take consecutive seqs (no fork)", async () => {
    net.clock.advance(10)
    const [a, b] = await Promise.all([alice.wallet.send({ to: bob.key.pk, amount: "1" }), alice.wallet.send({ to: bob.key.pk, amount: "2" })])
    const seqs = [a!, b!].map((s) => Number(s.event.tags.find((t) => t[0] === "seq")![1])).sort()
    expect(seqs).toEqual([2, 3])
    expect((await alice.wallet.balance()).frozenAtSeq).toBeNull()
  })

  it("stakes on a post: escrowed, canonical link, listed with its link, post and creator", async () => {
    const refuse = async (req: Partial<Parameters<typeof alice.wallet.stake>[0]>, code: string) =>
      expect((await refusal(alice.wallet.stake({ amount: "1", url: "https://example.org/a", creator: bob.key.pk, ...req }))).code).toBe(code)
    await refuse({ url: "javascript:alert(1)" }, "bad-url")
    await refuse({ creator: "nobody" }, "bad-key")
    await refuse({ postId: "xyz" }, "bad-post-id")
    await refuse({ windowSecs: 0 }, "bad-window")
    await refuse({ amount: "5000" }, "insufficient-balance")

    net.clock.advance(10)
    const post = "ab".repeat(32)
    const st = await alice.wallet.stake({ amount: "20", url: "https://Example.org/a?utm_source=x", creator: npubEncode(bob.key.pk), postId: post, windowSecs: 600 })
    expect(st).toMatchObject({ status: "applied", published: true })
    const b = await alice.wallet.balance()
    expect(b.escrowed).toBe(20n * AMP)
    expect(b.confirmed).toBe(1000n * AMP - 1250000000n - 3n * AMP - 20n * AMP)
    const [entry] = await alice.wallet.history({ limit: 1 })
    expect(entry).toMatchObject({ kind: "stake", url: "https://example.org/a", post, creator: bob.key.pk, amount: 20n * AMP, close: net.clock() + 600, stakeStatus: "open" })
  })

  it("history says what every entry was for, newest first", async () => {
    const h = await alice.wallet.history()
    expect(h.map((e) => e.kind)).toEqual(["stake", "transfer-out", "transfer-out", "transfer-out", "transfer-in"])
    expect(h[4]).toMatchObject({ counterparty: issuer.pk, amount: 1000n * AMP })
    expect(h.filter((e) => e.kind === "transfer-out").every((e) => e.kind === "transfer-out" && e.counterparty === bob.key.pk)).toBe(true)
  })
})

describe("wallet: burns and held spends", () => {
  it("lists a burn, and shows an own held spend as pending out that the next send cannot use", async () => {
    const erin = await net.person("erin")
    await net.fund([erin], 10n * AMP)
    await net.sync(erin)
    const next = async () => ({ net: net.genesis.id, ...(await erin.store.ledger()).nextChainRef(erin.key.pk), createdAt: net.clock() })
    await erin.store.ingest([buildBurn(erin.key.sk, { ...(await next()), amount: 1n * AMP, memo: "gone" })])
    await erin.store.ingest([buildTransfer(erin.key.sk, { ...(await next()), to: bob.key.pk, amount: 20n * AMP })])
    expect(await erin.wallet.balance()).toMatchObject({ confirmed: 9n * AMP, burned: 1n * AMP, pendingOut: 20n * AMP, spendable: 0n })
    const r = await refusal(erin.wallet.send({ to: bob.key.pk, amount: "1" }))
    expect(r).toEqual({ code: "insufficient-balance", message: "needs 1 AMP; the confirmed balance is 9 AMP (20 AMP of it already pending out)" })
    const h = await erin.wallet.history()
    expect(h.find((e) => e.kind === "burn")).toMatchObject({ amount: 1n * AMP, memo: "gone", status: "applied" })
    expect(h.find((e) => e.kind === "transfer-out")).toMatchObject({ amount: 20n * AMP, status: "held", reason: "overdraw" })
  })
})

describe("wallet: the outbox survives a crash between storing and publishing", () => {
  it("a send whose publish never happened is stored, and republished (same event) after a restart", async () => {
    const dave = await net.person("dave", { publish: async () => Promise.reject(new Error("killed before the relay answered")) })
    await net.fund([dave], 5n * AMP)
    await net.sync(dave)
    const sent = await dave.wallet.send({ to: bob.key.pk, amount: "1" })
    expect(sent).toMatchObject({ status: "applied", published: false, publishError: "killed before the relay answered" })
    expect(await onRelay([sent.id])).toEqual([])

    // Restart: a new database instance and store, a working publisher.
    dave.store.db.close()
    const store = await openLedgerStore(openLedgerDb(dave.dbName), net.genesis)
    const wallet = createWallet({ store, signer: signerOf(dave.key), publish: net.publish, clock: net.clock })
    expect((await wallet.balance()).confirmed).toBe(4n * AMP)
    expect(await wallet.republishPending()).toEqual({ published: 1, failed: 0 })
    expect((await onRelay([sent.id]))[0]).toEqual(sent.event)
    expect(await store.db.walletOutbox.count()).toBe(0)
    // The next send continues the chain from the stored event: seq 2, no fork.
    const next = await wallet.send({ to: bob.key.pk, amount: "1" })
    expect(next.event.tags).toContainEqual(["seq", "2"])
    expect(next.event.tags).toContainEqual(["prev", sent.id])
  })
})

describe("wallet: the relay's view agrees", () => {
  it("a fresh fold of everything on the relay balances and matches the wallets", async () => {
    const r = await connectRelay(net.relay.url)
    const { events } = await fetchLedgerEvents(r, net.genesis.id)
    r.close()
    const state = foldEvents(events, { genesis: net.genesis })
    expect(audit(state).ok).toBe(true)
    expect(state.accounts.get(alice.key.pk)!.balance).toBe((await alice.wallet.balance()).confirmed)
  })
})
