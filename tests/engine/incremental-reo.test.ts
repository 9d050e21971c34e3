// The incremental path (residual push after each change) against the full recompute it must match,
// and the work it does: one engagement must not cost a full recompute.
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import { powerLawGraph } from "../../shared/engine/sim/power-law-graph"
import { buildCsr, loadInto, randomGraph, toEdgeList } from "./kernel-fixtures"

const EPS = 1e-12

describe("incremental Reo", () => {
  it("matches a full recompute after any sequence of weight changes, new identities and unfollows", () => {
    fc.assert(
      fc.property(
        randomGraph,
        fc.nat(1000),
        fc.array(fc.tuple(fc.nat(80), fc.nat(80), fc.double({ min: -40, max: 40, noNaN: true })), { minLength: 1, maxLength: 40 }),
        (g, viewerSeed, changes) => {
          const csr = buildCsr(toEdgeList(g))
          const viewer = viewerSeed % g.nodes
          const k = createTsKernel()
          loadInto(k, csr, viewer, EPS)
          for (const [from, to, dw] of changes) k.addEdge(from % (g.nodes + 8), to % (g.nodes + 8), dw)
          k.reoPush(0)
          const incremental = k.reoVector(0)
          k.reoRecompute(0, 2000, 1e-15)
          k.reoPush(0)
          const full = k.reoVector(0)
          let sum = 0
          for (let v = 0; v < full.length; v++) {
            sum += full[v]!
            expect(Math.abs(incremental[v]! - full[v]!), `node ${v}`).toBeLessThan(1e-9)
          }
          expect(sum).toBeCloseTo(1, 9)
        }
      ),
      { numRuns: 200 }
    )
  })

  it("handles a node that stops and starts engaging (dangling transitions)", () => {
    const csr = buildCsr(toEdgeList({ nodes: 4, edges: [[0, 1, 1], [1, 2, 1], [2, 0, 1], [1, 3, 1]] }))
    const k = createTsKernel()
    loadInto(k, csr, 0, EPS)
    k.addEdge(2, 0, -5) // 2 becomes dangling: its walkers restart at the viewer
    k.addEdge(3, 1, 2) // 3 stops being dangling
    k.reoPush(0)
    const inc = k.reoVector(0)
    k.reoRecompute(0, 2000, 1e-15)
    const full = k.reoVector(0)
    for (let v = 0; v < 4; v++) expect(Math.abs(inc[v]! - full[v]!)).toBeLessThan(1e-10)
  })

  it("settles one engagement on a 20,000-edge graph with far less work than a full recompute", () => {
    const csr = buildCsr(powerLawGraph({ edges: 20_000, meanDegree: 16, seed: 3 }))
    const k = createTsKernel()
    loadInto(k, csr, csr.inv[10]!, 1e-9)
    const fullSweepWork = csr.edges * 20
    const work: number[] = []
    for (let i = 0; i < 50; i++) {
      k.addEdge(csr.inv[(i * 131) % csr.nodes]!, csr.inv[(i * 17) % 50]!, 1)
      work.push(k.reoPush(0))
    }
    work.sort((a, b) => a - b)
    // A push touches one row (16 edges on average): the median update is far below one sweep.
    expect(work[25]! * 16 * 30).toBeLessThan(fullSweepWork)
  })
})
