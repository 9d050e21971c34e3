// Worked scenarios with real Schnorr signatures and the default verifier (nostr-tools verifyEvent).
import { describe, expect, it } from "vitest"
import {
  Ledger,
  audit,
  buildBurn,
  buildGenesis,
  buildReceipt,
  buildSettle,
  buildStake,
  buildTransfer,
  distributionKey,
  foldEvents,
  parseAmp,
  type NostrEvent
} from "../../shared/ledger"
import { Chains, key } from "./keys"

const T0 = 1_700_000_000
const issuer = key("issuer")
const upkeep = key("upkeep")
const alice = key("alice")
const bob = key("bob")
const carol = key("carol")
const dave = key("dave")
const AMP = (s: string): bigint => parseAmp(s)

const genesis = buildGenesis(issuer.sk, {
  network: "synereo-stream/scenarios",
  supply: AMP("2000000000"),
  upkeep: upkeep.pk,
  receiptPow: 8,
  createdAt: T0
})
const net = genesis.id
const newLedger = () => new Ledger({ genesis })

describe("distribution is exactly-once", () => {
  it("a restarted run that rebuilds its plan republishes the same ids: duplicates, paid once", () => {
    const plan = (chains: Chains) =>
      [alice, bob].map((to, i) =>
        chains.record(
          buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 100), to: to.pk, amount: AMP("1000"), key: distributionKey("crowdsale-2015", to.pk), memo: `row ${i}` })
        )
      )
    const first = plan(new Chains(net))
    const ledger = newLedger()
    expect(ledger.add(first[0])).toMatchObject({ accepted: true, status: "applied" })
    // crash here; the re-run signs the same plan again from the same starting head
    const rerun = plan(new Chains(net))
    expect(rerun.map((e) => e.id)).toEqual(first.map((e) => e.id))
    expect(ledger.add(rerun[0])).toMatchObject({ accepted: false, reason: "duplicate" })
    expect(ledger.add(rerun[1])).toMatchObject({ accepted: true, status: "applied" })
    expect(ledger.balanceOf(alice.pk)).toBe(AMP("1000"))
    expect(ledger.balanceOf(bob.pk)).toBe(AMP("1000"))
  })

  it("a re-run that re-signs an allocation at a new seq is rejected by its idempotency key", () => {
    const chains = new Chains(net)
    const k = distributionKey("crowdsale-2015", alice.pk)
    const a = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 100), to: alice.pk, amount: AMP("1000"), key: k }))
    const again = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 200), to: alice.pk, amount: AMP("1000"), key: k }))
    const after = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 300), to: bob.pk, amount: AMP("5") }))
    const ledger = newLedger()
    const r = ledger.addMany([after, again, a])
    expect(r[1]).toMatchObject({ accepted: true, status: "rejected", reason: "duplicate_idempotency_key" })
    expect(r[0]).toMatchObject({ status: "applied" }) // the no-op keeps its seq; the chain goes on
    expect(ledger.balanceOf(alice.pk)).toBe(AMP("1000"))
    expect(ledger.balanceOf(bob.pk)).toBe(AMP("5"))
  })

  it("keys differ per distribution and per recipient, and are stable", () => {
    expect(distributionKey("d1", alice.pk)).toBe(distributionKey("d1", alice.pk))
    expect(distributionKey("d1", alice.pk)).not.toBe(distributionKey("d1", bob.pk))
    expect(distributionKey("d1", alice.pk)).not.toBe(distributionKey("d2", alice.pk))
    expect(distributionKey("d1", alice.pk)).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe("cross-account dependencies", () => {
  it("a spend waits (overdraw) until the credit that covers it is in the set, in any order", () => {
    const chains = new Chains(net)
    const spend = chains.record(buildTransfer(alice.sk, { ...chains.next(alice, T0 + 10), to: bob.pk, amount: AMP("3") }))
    const fund = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 20), to: alice.pk, amount: AMP("5") }))
    const ledger = newLedger()
    expect(ledger.add(spend)).toMatchObject({ status: "held", reason: "overdraw" })
    expect(ledger.add(fund)).toMatchObject({ status: "applied" })
    expect(ledger.status(spend.id)).toMatchObject({ status: "applied", reason: null })
    expect(ledger.balanceOf(alice.pk)).toBe(AMP("2"))
    expect(foldEvents([fund, spend], { genesis })).toStrictEqual(ledger.snapshot())
  })

  it("two empty accounts paying each other create nothing (least fixed point)", () => {
    const chains = new Chains(net)
    const ab = chains.record(buildTransfer(alice.sk, { ...chains.next(alice, T0), to: bob.pk, amount: AMP("1") }))
    const ba = chains.record(buildTransfer(bob.sk, { ...chains.next(bob, T0), to: alice.pk, amount: AMP("1") }))
    const s = foldEvents([ab, ba], { genesis })
    expect(s.events.get(ab.id)).toMatchObject({ status: "held", reason: "overdraw" })
    expect(s.events.get(ba.id)).toMatchObject({ status: "held", reason: "overdraw" })
    expect(s.accounts.get(alice.pk)).toMatchObject({ balance: 0n, pendingIn: AMP("1"), pendingOut: AMP("1") })
  })
})

describe("chain rules", () => {
  it("gap, blocked and unknown prev are held; the wallet's next ref follows the linked chain", () => {
    const chains = new Chains(net)
    const e1 = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 1), to: alice.pk, amount: AMP("1") }))
    const e2 = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 2), to: alice.pk, amount: AMP("2") }))
    const e3 = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 3), to: alice.pk, amount: AMP("3") }))
    const stray = buildTransfer(alice.sk, { net, seq: 1, prev: e1.id, createdAt: T0 + 4, to: bob.pk, amount: AMP("1") })
    const ledger = newLedger()
    ledger.addMany([e1, e3, stray])
    expect(ledger.status(e3.id)).toMatchObject({ status: "held", reason: "gap" })
    expect(ledger.status(stray.id)).toMatchObject({ status: "held", reason: "unknown_prev" })
    expect(ledger.nextChainRef(issuer.pk)).toEqual({ seq: 2, prev: e1.id })
    ledger.add(e2)
    expect(ledger.status(e3.id)).toMatchObject({ status: "applied" })
    expect(ledger.balanceOf(alice.pk)).toBe(AMP("6"))
    expect(ledger.nextChainRef(issuer.pk)).toEqual({ seq: 4, prev: e3.id })
  })

  it("later seqs behind a held event are blocked", () => {
    const chains = new Chains(net)
    const big = chains.record(buildTransfer(alice.sk, { ...chains.next(alice, T0 + 1), to: bob.pk, amount: AMP("9") }))
    const small = chains.record(buildTransfer(alice.sk, { ...chains.next(alice, T0 + 2), to: bob.pk, amount: AMP("1") }))
    const fund = buildTransfer(issuer.sk, { net, seq: 1, prev: net, createdAt: T0, to: alice.pk, amount: AMP("5") })
    const s = foldEvents([small, big, fund], { genesis })
    expect(s.events.get(big.id)).toMatchObject({ status: "held", reason: "overdraw" })
    expect(s.events.get(small.id)).toMatchObject({ status: "held", reason: "blocked" })
    expect(s.accounts.get(alice.pk)).toMatchObject({ balance: AMP("5"), pendingOut: AMP("10"), nextSeq: 3 })
  })

  it("burns leave circulation and are counted", () => {
    const chains = new Chains(net)
    const b = chains.record(buildBurn(issuer.sk, { ...chains.next(issuer, T0 + 1), amount: AMP("139360622") }))
    const s = foldEvents([b], { genesis })
    expect(s.totals).toMatchObject({ burned: AMP("139360622"), treasury: AMP("2000000000") - AMP("139360622"), escrowed: 0n })
    expect(audit(s).ok).toBe(true)
  })
})

describe("stakes, receipts, settlement", () => {
  const setup = () => {
    const chains = new Chains(net)
    const fund = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 1), to: alice.pk, amount: AMP("100") }))
    const stake = chains.record(
      buildStake(alice.sk, { ...chains.next(alice, T0 + 100), amount: AMP("10.00000001"), creator: carol.pk, url: "https://example.org/post", close: T0 + 1000 })
    )
    const r = (k: typeof bob, seconds: number, at: number) => buildReceipt(k.sk, { net, stake: stake.id, seconds, createdAt: at, difficulty: 8 })
    const receipts = {
      bob: r(bob, 30, T0 + 200),
      bobAgain: r(bob, 600, T0 + 300),
      dave: r(dave, 10, T0 + 400),
      carol: r(carol, 20, T0 + 400), // the creator: own_post
      alice: r(alice, 20, T0 + 400), // the staker: own_stake
      late: r(dave, 20, T0 + 1001) // after close
    }
    return { chains, fund, stake, receipts }
  }

  it("pays creator 10 %, upkeep 5 %, viewers 85 % by attention units of their seconds; dust to the largest weight; one receipt per viewer", () => {
    const { chains, fund, stake, receipts } = setup()
    const listed = Object.values(receipts).map((e) => e.id)
    const settle = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1000), stake: stake.id, receipts: listed }))
    const events: NostrEvent[] = [fund, stake, ...Object.values(receipts), settle]
    const s = foldEvents(events, { genesis })
    const st = s.stakes.get(stake.id)!
    expect(st.status).toBe("settled")
    const p = st.settlement!
    // stake 1,000,000,001 base units
    expect(p.creator).toBe(100_000_000n)
    expect(p.upkeep).toBe(50_000_000n)
    // pool 850,000,001; bob (lower id of his two receipts decides which one counts) or dave
    const bobCounted = receipts.bob.id < receipts.bobAgain.id ? receipts.bob : receipts.bobAgain
    // No weights on the settle: attention units, floor(1000·sqrt(min(s, 120)/8)): 30 s 1936, 600 s 3872, 10 s 1118
    const bobUnits = bobCounted === receipts.bob ? 1936n : 3872n
    const W = bobUnits + 1118n
    const bobShare = (850_000_001n * bobUnits) / W
    const daveShare = (850_000_001n * 1118n) / W
    const dust = 850_000_001n - bobShare - daveShare
    expect(p.viewers).toStrictEqual(new Map([[bob.pk, bobShare + dust], [dave.pk, daveShare]].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)) as [string, bigint][]))
    expect(p.refund).toBe(0n)
    expect(s.accounts.get(carol.pk)!.balance).toBe(100_000_000n)
    expect(s.accounts.get(upkeep.pk)!.balance).toBe(50_000_000n)
    expect(s.accounts.get(alice.pk)!.balance).toBe(AMP("100") - AMP("10.00000001"))
    expect(s.totals.escrowed).toBe(0n)
    const reason = (e: NostrEvent) => s.events.get(e.id)!.reason
    expect(s.events.get(bobCounted.id)!.status).toBe("applied")
    expect(reason(bobCounted === receipts.bob ? receipts.bobAgain : receipts.bob)).toBe("duplicate_receipt")
    expect(reason(receipts.carol)).toBe("own_post")
    expect(reason(receipts.alice)).toBe("own_stake")
    expect(reason(receipts.late)).toBe("outside_window")
    expect(audit(s).ok).toBe(true)
  })

  it("pays by the weights the settle carries (the staker's engine's view), ignoring the seconds", () => {
    const { chains, fund, stake, receipts } = setup()
    const listed = [receipts.bob, receipts.dave, receipts.carol]
    const weights = new Map([[receipts.bob.id, 1_000_000n], [receipts.dave.id, 3_000_000n], [receipts.carol.id, 9_000_000n]])
    const settle = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1000), stake: stake.id, receipts: listed.map((e) => e.id), weights }))
    expect(settle.tags.filter((t) => t[0] === "receipt")).toContainEqual(["receipt", receipts.dave.id, "3000000"])
    const s = foldEvents([fund, stake, ...listed, settle], { genesis })
    const p = s.stakes.get(stake.id)!.settlement!
    // carol's receipt is own_post whatever its weight: W = 4,000,000; pool 850,000,001
    expect(p.viewers.get(bob.pk)).toBe(212_500_000n)
    expect(p.viewers.get(dave.pk)).toBe(637_500_001n) // 637,500,000 + the dust, the largest weight
    expect(p.ignored.get(receipts.carol.id)).toBe("own_post")
    expect(audit(s).ok).toBe(true)
  })

  it("a weighed settle whose weights are all 0 refunds the viewers' share", () => {
    const { chains, fund, stake, receipts } = setup()
    const weights = new Map([[receipts.bob.id, 0n]])
    const settle = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1000), stake: stake.id, receipts: [receipts.bob.id], weights }))
    const p = foldEvents([fund, stake, receipts.bob, settle], { genesis }).stakes.get(stake.id)!.settlement!
    expect(p).toMatchObject({ counted: [receipts.bob.id], refund: 850_000_001n, viewers: new Map() })
  })

  it("a settle that lists a receipt this peer lacks waits for it; settling twice or early does nothing", () => {
    const { chains, fund, stake, receipts } = setup()
    const early = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 999), stake: stake.id, receipts: [receipts.dave.id] }))
    const settle = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1000), stake: stake.id, receipts: [receipts.dave.id] }))
    const twice = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1001), stake: stake.id, receipts: [] }))
    const ledger = newLedger()
    ledger.addMany([fund, stake, early, settle, twice])
    expect(ledger.status(early.id)).toMatchObject({ status: "rejected", reason: "settle_too_early" })
    expect(ledger.status(settle.id)).toMatchObject({ status: "held", reason: "missing_receipt" })
    expect(ledger.status(twice.id)).toMatchObject({ status: "held", reason: "blocked" })
    expect(ledger.snapshot().stakes.get(stake.id)!.status).toBe("open")
    expect(ledger.add(receipts.dave)).toMatchObject({ status: "applied", reason: null })
    expect(ledger.status(settle.id)).toMatchObject({ status: "applied" })
    expect(ledger.status(twice.id)).toMatchObject({ status: "rejected", reason: "stake_already_settled" })
    expect(ledger.add(receipts.bob)).toMatchObject({ status: "rejected", reason: "not_counted" })
    expect(ledger.balanceOf(dave.pk)).toBe(850_000_001n)
  })

  it("with no counted viewer the viewers' share is refunded; only the staker can settle", () => {
    const { chains, fund, stake } = setup()
    const foreign = chains.record(buildSettle(bob.sk, { ...chains.next(bob, T0 + 1000), stake: stake.id, receipts: [] }))
    const settle = chains.record(buildSettle(alice.sk, { ...chains.next(alice, T0 + 1000), stake: stake.id, receipts: [] }))
    const s = foldEvents([fund, stake, foreign, settle], { genesis })
    expect(s.events.get(foreign.id)).toMatchObject({ status: "rejected", reason: "unknown_stake" })
    expect(s.stakes.get(stake.id)!.settlement).toMatchObject({ creator: 100_000_000n, upkeep: 50_000_000n, refund: 850_000_001n })
    expect(s.accounts.get(alice.pk)!.balance).toBe(AMP("100") - 150_000_000n)
  })
})

describe("forks: detected, not prevented", () => {
  it("the payee sees the payment until the conflicting event arrives; then the payer is frozen and the payee's own spend waits", () => {
    const chains = new Chains(net)
    const fund = chains.record(buildTransfer(issuer.sk, { ...chains.next(issuer, T0 + 1), to: alice.pk, amount: AMP("10") }))
    const at = chains.next(alice, T0 + 2)
    const toBob = chains.record(buildTransfer(alice.sk, { ...at, to: bob.pk, amount: AMP("10") }))
    const toCarol = buildTransfer(alice.sk, { ...at, to: carol.pk, amount: AMP("10") }) // same seq: double spend
    const bobSpends = chains.record(buildTransfer(bob.sk, { ...chains.next(bob, T0 + 3), to: dave.pk, amount: AMP("4") }))
    const aliceLater = chains.record(buildTransfer(alice.sk, { ...chains.next(alice, T0 + 4), to: dave.pk, amount: AMP("1") }))

    const bobsView = newLedger()
    bobsView.addMany([fund, toBob, bobSpends])
    expect(bobsView.balanceOf(bob.pk)).toBe(AMP("6"))
    expect(bobsView.balanceOf(dave.pk)).toBe(AMP("4"))

    const r = bobsView.add(toCarol)
    expect(r).toMatchObject({ accepted: true, status: "rejected", reason: "fork" })
    expect(bobsView.status(toBob.id)).toMatchObject({ status: "rejected", reason: "fork" })
    expect(bobsView.balanceOf(bob.pk)).toBe(0n)
    expect(bobsView.balanceOf(carol.pk)).toBe(0n)
    expect(bobsView.status(bobSpends.id)).toMatchObject({ status: "held", reason: "overdraw" })
    expect(bobsView.balanceOf(dave.pk)).toBe(0n)
    // Alice keeps the 10 AMP she could not spend twice, frozen for good
    const s = bobsView.snapshot()
    expect(s.accounts.get(alice.pk)).toMatchObject({ balance: AMP("10"), frozen: { atSeq: 1 } })
    expect(audit(s).ok).toBe(true)

    // Carol, who saw the other branch first, ends in the same state
    const carolsView = newLedger()
    carolsView.addMany([toCarol, fund])
    expect(carolsView.balanceOf(carol.pk)).toBe(AMP("10"))
    carolsView.addMany([aliceLater, bobSpends, toBob])
    expect(carolsView.status(aliceLater.id)).toMatchObject({ status: "rejected", reason: "frozen_account" })
    expect(carolsView.snapshot()).toStrictEqual(foldEvents([fund, toBob, toCarol, bobSpends, aliceLater], { genesis }))
    expect(carolsView.balanceOf(carol.pk)).toBe(0n)
  })
})
