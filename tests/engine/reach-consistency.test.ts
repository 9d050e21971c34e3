// reoFromAll (the promoter's Reo from every identity at once, for reach estimates) against each
// identity's own Reo slot computed in full: the two definitions must agree.
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import { reachCounts } from "../../shared/engine/model/reach"
import { buildCsr, loadInto, randomGraph, toEdgeList } from "./kernel-fixtures"

describe("reach estimate", () => {
  it("reoFromAll(t)[v] equals Reo of t from v's own point of view", () => {
    fc.assert(
      fc.property(randomGraph, fc.nat(1000), (g, tSeed) => {
        const csr = buildCsr(toEdgeList(g))
        const t = tSeed % g.nodes
        const k = createTsKernel()
        loadInto(k, csr, 0)
        const all = k.reoFromAll(t, 3000, 1e-16)!
        for (let v = 0; v < g.nodes; v++) {
          k.setSeeds(0, Uint32Array.of(v), Float64Array.of(1))
          k.reoRecompute(0, 3000, 1e-16)
          const own = k.reoOf(0, t)
          expect(Math.abs(all[v]! - own), `v=${v}`).toBeLessThan(1e-10)
        }
      }),
      { numRuns: 40 }
    )
  })

  it("counts, per amount, the identities whose Reo of the promoter clears the threshold", () => {
    // 4 identities: the promoter (0) and three with relative Reo 4, 0.4 and 0.05 of it.
    const reo = Float64Array.of(0.9, 1.0, 0.1, 0.0125)
    expect(reachCounts(reo, 0, [100_000_000n, 1_000_000_000n, 100_000_000_000n])).toEqual([1, 2, 2])
  })
})
