// Property 5: every base unit of a stake is accounted for: originator + upkeep + viewers + refund
// == stake exactly, with a deterministic rounding rule.
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { DEFAULT_SPLIT, splitStake } from "../../../shared/engine/model/split-stake"
import { DEFAULT_SPLIT as LEDGER_SPLIT } from "../../../shared/ledger/events"
import { checkSplit, defaultSplit, type SplitFn } from "../../../shared/ledger/split"
import { HONEST_VIEWER, network, pubkeyOf, simEngine } from "../sim-fixture"

const SUPPLY = 2_000_000_000n * 100_000_000n
const pubkey = fc.integer({ min: 0, max: 40 }).map((n) => n.toString(16).padStart(64, "0"))
const viewer = fc.record({ pubkey, weight: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1n << 62n })) })
const params = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .filter(([a, b]) => a + b <= 10000)
  .map(([creatorBps, upkeepBps]) => ({ creatorBps, upkeepBps }))

function total(s: ReturnType<typeof splitStake>): bigint {
  let sum = s.creator + s.upkeep + s.refund
  for (const v of s.viewers.values()) sum += v
  return sum
}

describe("payout conservation", () => {
  it("conserves every base unit for any stake up to the supply, any shares, any weights", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SUPPLY }), params, fc.array(viewer, { maxLength: 60 }), (stake, p, viewers) => {
        const s = splitStake(stake, p, viewers)
        expect(total(s)).toBe(stake)
        for (const v of s.viewers.values()) expect(v >= 0n).toBe(true)
        // Same inputs in another order: the same split (the rounding rule does not depend on order).
        const again = splitStake(stake, p, [...viewers].reverse())
        expect([...again.viewers].sort()).toEqual([...s.viewers].sort())
      }),
      { numRuns: 500 }
    )
  })

  it("gives rounding leftovers to the largest remainders, ties by pubkey", () => {
    const s = splitStake(10n, { creatorBps: 0, upkeepBps: 0 }, [
      { pubkey: "b".repeat(64), weight: 1n },
      { pubkey: "a".repeat(64), weight: 1n },
      { pubkey: "c".repeat(64), weight: 1n }
    ])
    expect([...s.viewers]).toEqual([
      ["a".repeat(64), 4n],
      ["b".repeat(64), 3n],
      ["c".repeat(64), 3n]
    ])
  })

  it("refunds the viewers' pool when no one paid attention", () => {
    const s = splitStake(1001n, DEFAULT_SPLIT, [{ pubkey: "a".repeat(64), weight: 0n }])
    expect(s.viewers.size).toBe(0)
    expect(s.refund).toBe(1001n - s.creator - s.upkeep)
    expect(s.creator).toBe(100n)
    expect(s.upkeep).toBe(50n)
  })

  it("is a SplitFn the ledger can inject, and the ledger's own split takes the engine's weights", async () => {
    const engine = await simEngine("ts", HONEST_VIEWER)
    const viewers = network.identities.slice(0, 300).map((p) => ({ pubkey: p.pubkey, dwellSec: 20, foreground: true, idle: false }))
    const weights = engine.stakeWeights({ originator: pubkeyOf(2), promoter: pubkeyOf(4), viewers })
    const injected: SplitFn = splitStake
    for (const split of [injected, defaultSplit]) {
      const r = split(987_654_321n, LEDGER_SPLIT, weights)
      checkSplit(987_654_321n, weights, r)
    }
  })

  it("conserves a stake settled by the engine on the generated network", async () => {
    const engine = await simEngine("ts", HONEST_VIEWER)
    const viewers = network.identities.slice(0, 800).map((p, i) => ({ pubkey: p.pubkey, dwellSec: 4 + (i % 90), foreground: i % 7 !== 0, idle: i % 11 === 0 }))
    const stake = 123_456_789_012n
    const s = engine.settleStake({ stake, originator: pubkeyOf(2), promoter: pubkeyOf(4), viewers })
    expect(total(s)).toBe(stake)
    expect(s.viewers.size).toBeGreaterThan(100)
  })
})
