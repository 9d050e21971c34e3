// Property 4: for equal AMPs, a low-Reo promoter reaches fewer people than a high-Reo one.
// (tests/engine/reach-consistency.test.ts checks the estimate against each viewer's own Reo.)
import { beforeAll, describe, expect, it } from "vitest"

import type { EngineApi } from "../../../shared/engine/engine-api"
import { BASE_UNITS_PER_AMP } from "../../../shared/engine/model/constants"
import { HONEST_VIEWER, pubkeyOf, simEngine } from "../sim-fixture"

let engine: EngineApi
const AMOUNTS = [1n, 5n, 20n, 100n].map((a) => a * BASE_UNITS_PER_AMP)
/** A peripheral honest identity: few attend to it (identity 0 is its community's most attended). */
const LOW = 1000

beforeAll(async () => {
  engine = await simEngine("ts", HONEST_VIEWER)
})

describe("Reo-priced reach", () => {
  it("for equal AMPs, the low-Reo promoter reaches at most half as many people", () => {
    const high = engine.estimateReach({ promoter: pubkeyOf(0), amounts: AMOUNTS })
    const low = engine.estimateReach({ promoter: pubkeyOf(LOW), amounts: AMOUNTS })
    expect(high.promoterReo).toBeGreaterThan(low.promoterReo)
    for (let i = 0; i < AMOUNTS.length; i++) {
      expect(low.reach[i]!.people * 2).toBeLessThanOrEqual(high.reach[i]!.people)
    }
    expect(high.reach[0]!.people).toBeGreaterThan(0)
  })

  it("reaches more people with more AMPs; a sybil reaches its own cluster and at most the 5 honest people who engaged it", () => {
    const r = engine.estimateReach({ promoter: pubkeyOf(LOW), amounts: AMOUNTS }).reach.map((x) => x.people)
    for (let i = 1; i < r.length; i++) expect(r[i]!).toBeGreaterThanOrEqual(r[i - 1]!)
    expect(r[r.length - 1]!).toBeGreaterThan(r[0]!)
    const sybil = engine.estimateReach({ promoter: pubkeyOf(2100), amounts: AMOUNTS })
    for (const x of sybil.reach) expect(x.people).toBeLessThanOrEqual(499 + 5)
  })
})
