import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { buildCsr, randomGraph, toEdgeList } from "./kernel-fixtures"

describe("buildCsr", () => {
  it("keeps every non-self pair once with its summed weight, rows sorted, ids a permutation", () => {
    fc.assert(
      fc.property(randomGraph, (g) => {
        const csr = buildCsr(toEdgeList(g))
        const expected = new Map<string, number>()
        for (const [u, v, w] of g.edges) if (u !== v) expected.set(`${u}>${v}`, (expected.get(`${u}>${v}`) ?? 0) + w)
        expect(csr.edges).toBe(expected.size)
        const seen = new Set<number>()
        for (let ext = 0; ext < g.nodes; ext++) {
          expect(csr.inv[csr.perm[ext]!]).toBe(ext)
          seen.add(csr.perm[ext]!)
        }
        expect(seen.size).toBe(g.nodes)
        for (let u = 0; u < g.nodes; u++) {
          for (let e = csr.rowStart[u]!; e < csr.rowStart[u + 1]!; e++) {
            if (e > csr.rowStart[u]!) expect(csr.col[e]!).toBeGreaterThan(csr.col[e - 1]!)
            const key = `${csr.inv[u]}>${csr.inv[csr.col[e]!]}`
            expect(csr.weight[e]).toBe(Math.fround(expected.get(key)!))
          }
        }
      }),
      { numRuns: 200 }
    )
  })

  it("numbers nodes by in-degree, highest first, so the most written entries share cache lines", () => {
    const csr = buildCsr(toEdgeList({ nodes: 4, edges: [[0, 3, 1], [1, 3, 1], [2, 3, 1], [0, 2, 1], [1, 2, 1], [3, 1, 1]] }))
    expect(Array.from(csr.inv)).toEqual([3, 2, 1, 0])
  })
})
