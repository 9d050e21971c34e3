// Property 6: for the same attention, higher-Reo viewers earn more; no one earns for attention that
// did not happen (background tab, idle, below the minimum time) or for their own content.
import { beforeAll, describe, expect, it } from "vitest"

import type { EngineApi } from "../../../shared/engine/engine-api"
import { MIN_DWELL_S } from "../../../shared/engine/model/constants"
import { HONEST_VIEWER, pubkeyOf, simEngine } from "../sim-fixture"

let engine: EngineApi
const ORIGINATOR = pubkeyOf(2)
const PROMOTER = pubkeyOf(4)
const watch = (pubkey: string, dwellSec = 30, foreground = true, idle = false) => ({ pubkey, dwellSec, foreground, idle })

beforeAll(async () => {
  engine = await simEngine("ts", HONEST_VIEWER)
})

describe("who earns", () => {
  it("pays a higher-Reo viewer more for the same attention", () => {
    const high = pubkeyOf(0)
    const low = pubkeyOf(1990)
    expect(engine.reo(high).reo).toBeGreaterThan(engine.reo(low).reo)
    const split = engine.settleStake({ stake: 1_000_000n, originator: ORIGINATOR, promoter: PROMOTER, viewers: [watch(high), watch(low)] })
    expect(split.viewers.get(high)!).toBeGreaterThan(split.viewers.get(low) ?? 0n)
  })

  it("pays nothing for a background tab, idle time, a short glance, or one's own content", () => {
    const someone = pubkeyOf(5)
    const weights = engine.stakeWeights({
      originator: ORIGINATOR,
      promoter: PROMOTER,
      viewers: [
        watch(someone),
        watch(someone, 30, false),
        watch(someone, 30, true, true),
        watch(someone, MIN_DWELL_S - 0.001),
        watch(ORIGINATOR),
        watch(PROMOTER)
      ]
    })
    expect(weights[0]!.weight).toBeGreaterThan(0n)
    expect(weights.slice(1).map((w) => w.weight)).toEqual([0n, 0n, 0n, 0n, 0n])
  })

  it("pays more for longer attention, concavely, and not beyond the cap", () => {
    const someone = pubkeyOf(5)
    const w = engine.stakeWeights({ originator: ORIGINATOR, promoter: PROMOTER, viewers: [8, 32, 120, 600].map((d) => watch(someone, d)) }).map((x) => x.weight)
    expect(w[1]!).toBe(w[0]! * 2n) // sqrt(32/8) = 2
    expect(w[2]!).toBeGreaterThan(w[1]!)
    expect(w[3]!).toBe(w[2]!)
  })
})
