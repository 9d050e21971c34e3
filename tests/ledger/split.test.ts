import { describe, expect, it } from "vitest"
import fc from "fast-check"
import {
  DEFAULT_SPLIT,
  Ledger,
  LedgerInvariantError,
  MAX_SUPPLY,
  checkSplit,
  defaultSplit,
  settleTemplate,
  stakeTemplate,
  receiptTemplate,
  transferTemplate,
  type SplitParams
} from "../../shared/ledger"
import { ACTORS, AMP, ISSUER, T0, arrange, fakeGenesis, fakeSign, hashVerify } from "./world"

const paramsArb: fc.Arbitrary<SplitParams> = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([a, b]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a]
    return { creatorBps: lo, upkeepBps: hi - lo, viewersBps: 10_000 - hi }
  })
const viewersArb = fc.uniqueArray(
  fc.record({ pubkey: fc.stringMatching(/^[0-9a-f]{64}$/), weight: fc.bigInt({ min: 0n, max: 10n ** 12n }) }),
  { selector: (v) => v.pubkey, maxLength: 20 }
)
const sum = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n)

describe("defaultSplit", () => {
  it("conserves every base unit, never negative, floor shares + remainder to the largest weight / lowest pubkey", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_SUPPLY }), paramsArb, viewersArb, (stake, params, viewers) => {
        const r = defaultSplit(stake, params, viewers)
        checkSplit(stake, viewers, r)
        expect(r.creator + r.upkeep + sum(r.viewers) + r.refund).toBe(stake)
        expect(r.creator).toBe((stake * BigInt(params.creatorBps)) / 10_000n)
        expect(r.upkeep).toBe((stake * BigInt(params.upkeepBps)) / 10_000n)
        const pool = stake - r.creator - r.upkeep
        const W = viewers.reduce((a, v) => a + v.weight, 0n)
        if (W === 0n) {
          expect(r.refund).toBe(pool)
          expect(r.viewers.size).toBe(0)
          return
        }
        expect(r.refund).toBe(0n)
        const top = [...viewers].sort((a, b) => (a.weight !== b.weight ? (a.weight > b.weight ? -1 : 1) : a.pubkey < b.pubkey ? -1 : 1))[0]!
        let floors = 0n
        for (const v of viewers) floors += (pool * v.weight) / W
        for (const v of viewers) {
          const floor = (pool * v.weight) / W
          expect(r.viewers.get(v.pubkey)).toBe(v.pubkey === top.pubkey ? floor + (pool - floors) : floor)
        }
        expect(pool - floors < BigInt(viewers.length)).toBe(true) // the dust is below one unit per viewer
      }),
      { numRuns: 1000 }
    )
  })

  it("does not depend on the order of viewers, and pays a larger weight at least as much", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_SUPPLY }), viewersArb, fc.integer(), (stake, viewers, seed) => {
        const shuffled = arrange(viewers, seed, 0)
        const a = defaultSplit(stake, DEFAULT_SPLIT, viewers)
        const b = defaultSplit(stake, DEFAULT_SPLIT, shuffled)
        expect(b).toStrictEqual(a)
        for (const x of viewers) for (const y of viewers) {
          if (x.weight > y.weight) expect(a.viewers.get(x.pubkey)! >= a.viewers.get(y.pubkey)!).toBe(true)
        }
      }),
      { numRuns: 1000 }
    )
  })

  it("10 % / 5 % / 85 %, worked example", () => {
    const r = defaultSplit(1_000_000_001n, DEFAULT_SPLIT, [
      { pubkey: "b".repeat(64), weight: 10n },
      { pubkey: "a".repeat(64), weight: 30n },
      { pubkey: "c".repeat(64), weight: 30n }
    ])
    // pool = 1,000,000,001 - 100,000,000 - 50,000,000 = 850,000,001; W = 70
    expect(r).toStrictEqual({
      creator: 100_000_000n,
      upkeep: 50_000_000n,
      viewers: new Map([
        ["a".repeat(64), 364_285_714n + 2n], // floor(850000001*30/70) + dust 2 (largest weight, lowest pubkey)
        ["b".repeat(64), 121_428_571n],
        ["c".repeat(64), 364_285_714n]
      ]),
      refund: 0n
    })
  })

  it("checkSplit refuses a split that does not conserve or pays strangers", () => {
    const v = [{ pubkey: "a".repeat(64), weight: 1n }]
    expect(() => checkSplit(10n, v, { creator: 1n, upkeep: 1n, viewers: new Map([["a".repeat(64), 7n]]), refund: 0n })).toThrow(LedgerInvariantError)
    expect(() => checkSplit(10n, v, { creator: 1n, upkeep: 1n, viewers: new Map([["b".repeat(64), 8n]]), refund: 0n })).toThrow(LedgerInvariantError)
    expect(() => checkSplit(10n, v, { creator: -1n, upkeep: 1n, viewers: new Map([["a".repeat(64), 10n]]), refund: 0n })).toThrow(LedgerInvariantError)
  })

  it("the ledger uses an injected split and refuses one that breaks conservation", () => {
    const genesis = fakeGenesis()
    const net = genesis.id
    const [alice, bob, carol] = [ACTORS[1]!, ACTORS[2]!, ACTORS[3]!]
    const fund = fakeSign(transferTemplate({ net, seq: 1, prev: net, to: alice, amount: 10n * AMP, createdAt: T0 + 1 }), ISSUER)
    const stake = fakeSign(stakeTemplate({ net, seq: 1, prev: net, amount: 100n, creator: carol, url: "https://x.example", close: T0 + 100, createdAt: T0 + 2 }), alice)
    const receipt = fakeSign(receiptTemplate({ net, stake: stake.id, seconds: 9, createdAt: T0 + 3 }), bob)
    const settle = fakeSign(settleTemplate({ net, seq: 2, prev: stake.id, stake: stake.id, receipts: [receipt.id], createdAt: T0 + 100 }), alice)
    const all = [fund, stake, receipt, settle]
    const allToViewers = new Ledger({
      genesis,
      verify: hashVerify,
      split: (s, _p, viewers) => ({ creator: 0n, upkeep: 0n, viewers: new Map(viewers.map((x) => [x.pubkey, s])), refund: 0n })
    })
    allToViewers.addMany(all)
    expect(allToViewers.balanceOf(bob)).toBe(100n)
    const broken = new Ledger({ genesis, verify: hashVerify, split: () => ({ creator: 1n, upkeep: 0n, viewers: new Map(), refund: 0n }) })
    expect(() => broken.addMany(all)).toThrow(LedgerInvariantError)
  })
})
