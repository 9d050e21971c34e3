// Property tests of the fold over generated worlds (fake signatures + real ids; see world.ts).
import { describe, expect, it } from "vitest"
import fc from "fast-check"
import {
  DEFAULT_SPLIT,
  Ledger,
  MAX_RECEIPT_WEIGHT,
  audit,
  defaultSplit,
  receiptTemplate,
  settleTemplate,
  stakeTemplate,
  balances,
  foldEvents,
  stateToJSON,
  transferTemplate,
  KIND,
  type LedgerOptions,
  type LedgerState,
  type NostrEvent
} from "../../shared/ledger"
import { ACTORS, arrange, buildWorld, fakeGenesis, fakeSign, fresh, hashVerify, ISSUER, pk, scriptArb, T0, weightArb } from "./world"

const RUNS = 1000
const GENESIS = fakeGenesis()
const opts = (extra: Partial<LedgerOptions> = {}): LedgerOptions => ({ genesis: GENESIS, verify: hashVerify, ...extra })
const CHAIN_KINDS = new Set<number>([KIND.transfer, KIND.stake, KIND.burn, KIND.settle])
const tag = (e: NostrEvent, name: string): string | undefined => e.tags.find((t) => t[0] === name)?.[1]
const seqOf = (e: NostrEvent): number => Number(tag(e, "seq"))
const nonZero = (s: LedgerState): Map<string, bigint> => new Map([...balances(s)].filter(([, v]) => v !== 0n))

describe("fold: order independence", () => {
  it("any permutation or duplication of the same set gives an identical state, bulk or one by one", () => {
    fc.assert(
      fc.property(scriptArb, fc.integer(), fc.integer(), (ops, s1, s2) => {
        const w = buildWorld(ops, GENESIS)
        const a = foldEvents(arrange(w.events, s1), opts())
        const b = foldEvents(arrange(w.events, s2).map(fresh), opts())
        expect(b).toStrictEqual(a)
        // the engine stopped only where an event must wait (status.ts has no other explanation)
        expect([...a.events.values()].filter((s) => s.message === "not yet processed")).toEqual([])
        const one = new Ledger(opts())
        for (const e of arrange(w.events, s1 ^ s2)) one.add(fresh(e))
        const c = one.snapshot()
        expect(c).toStrictEqual(a)
        expect(JSON.stringify(stateToJSON(c))).toBe(JSON.stringify(stateToJSON(a)))
      }),
      { numRuns: RUNS }
    )
  })
})

describe("fold: conservation", () => {
  it("after every applied event Σ balances + escrowed + burned == issued and no balance is negative", () => {
    fc.assert(
      fc.property(scriptArb, fc.integer(), (ops, seed) => {
        const w = buildWorld(ops, GENESIS)
        let steps = 0
        const ledger = new Ledger(
          opts({
            onApplied: ({ balances: bal, openStakes, burned, issued }) => {
              steps++
              let sum = burned
              for (const v of bal.values()) {
                expect(v >= 0n).toBe(true)
                sum += v
              }
              for (const v of openStakes.values()) sum += v
              expect(sum).toBe(issued)
            }
          })
        )
        for (const e of arrange(w.events, seed)) {
          ledger.add(e)
        }
        const report = audit(ledger.snapshot())
        expect(report.problems).toEqual([])
        expect(report.ok).toBe(true)
        return steps >= 0
      }),
      { numRuns: RUNS }
    )
  })
})

describe("fold: weighed settles", () => {
  const [alice, carol] = [ACTORS[1]!, ACTORS[3]!]
  const viewerArb = fc.record({ who: fc.integer({ min: 0, max: 30 }), secs: fc.integer({ min: 1, max: 700 }), weight: weightArb })

  it("random weights within bounds conserve to the base unit and pay exactly the split of those weights, in any order", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2_000_000_000n * 100_000_000n }), fc.uniqueArray(viewerArb, { selector: (v) => v.who, maxLength: 25 }), fc.integer(), (amount, viewers, seed) => {
        const net = GENESIS.id
        const fund = fakeSign(transferTemplate({ net, seq: 1, prev: net, to: alice, amount, createdAt: T0 + 1 }), ISSUER)
        const stake = fakeSign(stakeTemplate({ net, seq: 1, prev: net, amount, creator: carol, url: "https://example.org/w", close: T0 + 1000, createdAt: T0 + 2 }), alice)
        const receipts = viewers.map((v) => fakeSign(receiptTemplate({ net, stake: stake.id, seconds: Math.min(v.secs, 998), createdAt: T0 + 3 }), pk(`viewer-${v.who}`)))
        const weights = new Map(receipts.map((r, i) => [r.id, viewers[i]!.weight]))
        const settle = fakeSign(settleTemplate({ net, seq: 2, prev: stake.id, stake: stake.id, receipts: receipts.map((r) => r.id), weights, createdAt: T0 + 1000 }), alice)
        const state = foldEvents(arrange([fund, stake, ...receipts, settle], seed), opts())
        const s = state.stakes.get(stake.id)!.settlement!
        let sum = s.creator + s.upkeep + s.refund
        for (const v of s.viewers.values()) sum += v
        expect(sum).toBe(amount)
        const expected = defaultSplit(amount, DEFAULT_SPLIT, receipts.map((r) => ({ pubkey: r.pubkey, weight: weights.get(r.id)! })))
        expect(s.viewers).toStrictEqual(new Map([...expected.viewers].sort(([a], [b]) => (a < b ? -1 : 1))))
        expect([s.creator, s.upkeep, s.refund]).toStrictEqual([expected.creator, expected.upkeep, expected.refund])
        expect(audit(state).ok).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

type Mutation =
  | "replay"
  | "replay_other_sig"
  | "tampered_content"
  | "bad_sig"
  | "bad_amount"
  | "bad_seq"
  | "missing_net"
  | "wrong_net"
  | "unknown_kind"
  | "not_an_event"
  | "upper_hex"
  | "long_memo"
  | "self_transfer"
  | "bad_weight"
  | "mixed_weights"

/** Receipt weights a settle must not carry: above 2^63 - 1, or not a canonical decimal. */
const BAD_WEIGHTS = [String(MAX_RECEIPT_WEIGHT + 1n), "9".repeat(40), "01", "-1", "+1", "1.5", "1e3", "", " 7", "0x10"]

const MUTATIONS: Mutation[] = [
  "replay",
  "replay_other_sig",
  "tampered_content",
  "bad_sig",
  "bad_amount",
  "bad_seq",
  "missing_net",
  "wrong_net",
  "unknown_kind",
  "not_an_event",
  "upper_hex",
  "long_memo",
  "self_transfer",
  "bad_weight",
  "mixed_weights"
]

/** Returns the mutated event, the expected reason (and message), and whether the base must be absent from the set. */
function mutate(base: NostrEvent, m: Mutation): { event: unknown; reason: string; withoutBase: boolean; message?: RegExp } | null {
  const re = (e: Omit<NostrEvent, "id" | "sig">) => fakeSign({ kind: e.kind, created_at: e.created_at, tags: e.tags, content: e.content }, e.pubkey)
  const setTag = (name: string, value: string | null) => {
    const tags = base.tags.filter((t) => t[0] !== name)
    if (value !== null) tags.push([name, value])
    return re({ ...base, tags })
  }
  const chain = CHAIN_KINDS.has(base.kind)
  switch (m) {
    case "replay":
      return { event: fresh(base), reason: "duplicate", withoutBase: false }
    case "replay_other_sig":
      return { event: { ...fresh(base), sig: "11".repeat(64) }, reason: "duplicate", withoutBase: false }
    case "tampered_content":
      return { event: { ...fresh(base), content: base.content + "!" }, reason: "bad_signature", withoutBase: true }
    case "bad_sig":
      return { event: { ...fresh(base), sig: "11".repeat(64) }, reason: "bad_signature", withoutBase: true }
    case "bad_amount":
      return tag(base, "amount") === undefined ? null : { event: setTag("amount", "1.000000001"), reason: "malformed", withoutBase: false }
    case "bad_seq":
      return chain ? { event: setTag("seq", `0${tag(base, "seq")}`), reason: "malformed", withoutBase: false } : null
    case "missing_net":
      return { event: setTag("net", null), reason: "malformed", withoutBase: false }
    case "wrong_net":
      return { event: setTag("net", pk("other-network")), reason: "wrong_network", withoutBase: false }
    case "unknown_kind":
      return { event: re({ ...base, kind: 1 }), reason: "unknown_kind", withoutBase: false }
    case "not_an_event":
      return { event: "not an event", reason: "malformed", withoutBase: false }
    case "upper_hex":
      return { event: { ...fresh(base), id: base.id.toUpperCase() }, reason: "malformed", withoutBase: false }
    case "long_memo":
      return { event: re({ ...base, content: "x".repeat(281) }), reason: "malformed", withoutBase: false }
    case "self_transfer":
      return base.kind === KIND.transfer ? { event: setTag("p", base.pubkey), reason: "self_transfer", withoutBase: false } : null
    case "bad_weight": {
      // the first receipt tag gets a weight out of bounds or not canonical (the others keep theirs)
      const at = base.tags.findIndex((t) => t[0] === "receipt")
      if (at < 0) return null
      const bad = BAD_WEIGHTS[base.created_at % BAD_WEIGHTS.length]!
      const tags = base.tags.map((t, i) => (i === at ? ["receipt", t[1]!, bad] : t))
      return { event: re({ ...base, tags }), reason: "malformed", withoutBase: false, message: /weight|"receipt" tag/ }
    }
    case "mixed_weights": {
      // one receipt tag loses its weight, or gains one: some weighed, some not
      const receipts = base.tags.filter((t) => t[0] === "receipt")
      if (receipts.length < 2) return null
      const first = receipts[0]!
      const tags = base.tags.map((t) => (t !== first ? t : t.length >= 3 ? ["receipt", t[1]!] : ["receipt", t[1]!, "1"]))
      return { event: re({ ...base, tags }), reason: "malformed", withoutBase: false, message: /every "receipt" tag carries a weight or none/ }
    }
  }
}

describe("fold: rejected events change nothing", () => {
  it("forged, malformed, wrong-network and replayed events are dropped with the right reason", () => {
    fc.assert(
      fc.property(scriptArb, fc.nat(), fc.constantFrom(...MUTATIONS), (ops, pick, m) => {
        const w = buildWorld(ops, GENESIS)
        const base = w.events[pick % w.events.length]!
        const mut = mutate(base, m)
        fc.pre(mut !== null)
        const ledger = new Ledger(opts())
        ledger.addMany(mut!.withoutBase ? w.events.filter((e) => e.id !== base.id) : w.events)
        const before = ledger.snapshot()
        const r = ledger.add(mut!.event)
        expect(r.accepted).toBe(false)
        expect(r.reason).toBe(mut!.reason)
        if (mut!.message) expect(r.message).toMatch(mut!.message)
        expect(typeof r.message).toBe("string")
        expect(r.message.length).toBeGreaterThan(0)
        expect(ledger.snapshot()).toStrictEqual(before)
      }),
      { numRuns: RUNS }
    )
  })

  it("an overdrawing transfer is held with reason overdraw and moves no balance", () => {
    fc.assert(
      fc.property(scriptArb, fc.integer({ min: 0, max: ACTORS.length - 1 }), (ops, who) => {
        const w = buildWorld(ops, GENESIS)
        const ledger = new Ledger(opts())
        ledger.addMany(w.events)
        const before = ledger.snapshot()
        const me = ACTORS[who]!
        const acct = before.accounts.get(me)
        fc.pre(acct === undefined || acct.frozen === null)
        fc.pre([...before.events.values()].every((s) => s.author !== me || s.status !== "held" || s.type === "receipt"))
        const bal = ledger.balanceOf(me)
        fc.pre(bal + 1n <= before.network.supply)
        const { seq, prev } = ledger.nextChainRef(me)
        const e = fakeSign(transferTemplate({ net: GENESIS.id, seq, prev, to: ACTORS[(who + 1) % ACTORS.length]!, amount: bal + 1n, createdAt: T0 + 99_999 }), me)
        const r = ledger.add(e)
        expect(r).toMatchObject({ accepted: true, status: "held", reason: "overdraw" })
        const after = ledger.snapshot()
        expect(after.totals).toStrictEqual(before.totals)
        expect(nonZero(after)).toStrictEqual(nonZero(before))
        for (const [id, s] of before.events) expect(after.events.get(id)).toStrictEqual(s)
        expect(after.accounts.get(me)!.pendingOut).toBe((acct?.pendingOut ?? 0n) + bal + 1n)
      }),
      { numRuns: RUNS }
    )
  })
})

describe("fold: forks", () => {
  it("a fork freezes the account from the fork seq, in either order, as if neither branch existed", () => {
    fc.assert(
      fc.property(scriptArb, fc.integer({ min: 0, max: ACTORS.length - 1 }), fc.nat(), fc.integer(), (ops, who, pick, seed) => {
        const w = buildWorld(ops, GENESIS)
        const me = ACTORS[who]!
        const mine = w.events.filter((e) => e.pubkey === me && CHAIN_KINDS.has(e.kind))
        fc.pre(mine.length > 0)
        const target = mine[pick % mine.length]!
        const seq = seqOf(target)
        const conflicting = fakeSign(
          transferTemplate({ net: GENESIS.id, seq, prev: tag(target, "prev")!, to: ACTORS[(who + 3) % ACTORS.length]!, amount: 1n, memo: "conflict", createdAt: target.created_at + 1 }),
          me
        )
        const all = [...w.events, conflicting]
        const bulk = foldEvents(arrange(all, seed), opts())

        const last = new Ledger(opts()) // conflicting event arrives after its branch was applied
        last.addMany(w.events)
        const r = last.add(conflicting)
        expect(r).toMatchObject({ accepted: true, status: "rejected" })
        expect(last.snapshot()).toStrictEqual(bulk)

        const first = new Ledger(opts()) // conflicting event arrives first
        first.add(conflicting)
        for (const e of w.events) first.add(e)
        expect(first.snapshot()).toStrictEqual(bulk)

        const frozen = bulk.accounts.get(me)!.frozen
        expect(frozen).not.toBeNull()
        expect(frozen!.atSeq).toBeLessThanOrEqual(seq)
        const fz = frozen!.atSeq
        const cut = all.filter((e) => e.pubkey === me && CHAIN_KINDS.has(e.kind) && seqOf(e) >= fz)
        for (const e of cut) {
          const s = bulk.events.get(e.id)!
          expect(s.status).toBe("rejected")
          expect(s.reason).toBe(seqOf(e) === fz ? "fork" : "frozen_account")
        }
        // "neither branch applies from the fork seq on": same money as a set without those events
        const without = foldEvents(all.filter((e) => !cut.includes(e)), opts())
        expect(nonZero(bulk)).toStrictEqual(nonZero(without))
        expect(bulk.totals).toStrictEqual(without.totals)
      }),
      { numRuns: RUNS }
    )
  })
})
