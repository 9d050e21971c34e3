// WASM (both builds) and the TypeScript twin on random graphs and random operation sequences.
// The bar is: integer outputs bit-identical, floats within 1e-9 relative. Both kernels use only
// IEEE-exact operations in the same order, so this test holds them to bit-identical floats too.
import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"

import { ALLOW_EVERYONE, ALLOW_FRIENDS, NODE_BLOCKED, NODE_FRIEND } from "../../shared/engine/kernel/flags"
import type { Kernel } from "../../shared/engine/kernel/types"
import { T0, allKernels, buildCsr, loadInto, randomGraph, toEdgeList } from "./kernel-fixtures"

let kernels: Kernel[]

beforeAll(async () => {
  kernels = await allKernels()
})

function expectSameFloats(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBe(true)
}

const op = fc.oneof(
  fc.record({ t: fc.constant("edge" as const), from: fc.nat(70), to: fc.nat(70), dw: fc.double({ min: -12, max: 30, noNaN: true }) }),
  // Ages, hop factors and amounts from small sets, so equal currents happen and the tie-break is exercised.
  fc.record({ t: fc.constant("post" as const), author: fc.oneof(fc.constantFrom(0, 1, 2), fc.nat(70)), age: fc.oneof(fc.constantFrom(0, 3600), fc.double({ min: 0, max: 3e5, noNaN: true })), hop: fc.constantFrom(1, 0.85, 0.7225) }),
  fc.record({ t: fc.constant("amp" as const), post: fc.nat(40), who: fc.nat(70), dCap: fc.oneof(fc.constantFrom(1, 10), fc.double({ min: 0.01, max: 500, noNaN: true })) }),
  fc.record({ t: fc.constant("recharge" as const), post: fc.nat(40), dq: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ t: fc.constant("view" as const), node: fc.nat(70), flags: fc.constantFrom(0, NODE_FRIEND, NODE_BLOCKED), dial: fc.double({ min: 0, max: 4, noNaN: true }) })
)

describe("kernel parity on random graphs", () => {
  it("agrees on full recompute, incremental updates, posts, ranking, weights, reach and communities", () => {
    fc.assert(
      fc.property(randomGraph, fc.nat(1000), fc.array(op, { maxLength: 60 }), (g, viewerSeed, ops) => {
        const csr = buildCsr(toEdgeList(g))
        const viewer = viewerSeed % g.nodes
        const results = kernels.map((k) => {
          loadInto(k, csr, viewer, 1e-10)
          const full = k.reoVector(0)
          for (const o of ops) {
            if (o.t === "edge") k.addEdge(o.from % (g.nodes + 4), o.to % (g.nodes + 4), o.dw)
            else if (o.t === "post") k.addPost(o.author % k.nodeCount(), T0 - o.age, 1, o.hop, 0)
            else if (o.t === "amp" && k.postCount() > 0) k.amplifyPost(o.post % k.postCount(), o.who % k.nodeCount(), T0 - 60, o.dCap)
            else if (o.t === "recharge" && k.postCount() > 0) k.rechargePost(o.post % k.postCount(), T0, o.dq)
            else if (o.t === "view") k.setNodeView(o.node % k.nodeCount(), o.flags, Math.fround(o.dial))
          }
          const pushes = k.reoPush(0)
          const n = k.nodeCount()
          const everyone = Uint32Array.from({ length: n }, (_, i) => i)
          const labels = Int32Array.from({ length: n }, (_, i) => i)
          const sweeps = k.labelCommunities(labels, n, 20)
          return {
            full,
            reo: k.reoVector(0),
            pushes,
            residual: k.reoResidual(0),
            rankAll: k.rankStream(0, viewer, ALLOW_EVERYONE, 30, T0 + 3600),
            rankFriends: k.rankStream(0, viewer, ALLOW_FRIENDS, 5, T0),
            weights: k.payoutWeights(0, everyone, Uint32Array.from(everyone, (i) => 1000 + i)),
            reach: k.reoFromAll(viewer, 200, 1e-13),
            charges: Float64Array.from({ length: k.postCount() }, (_, i) => k.postCharge(i, T0 + 7200)),
            labels,
            sweeps,
            edges: k.edgeCount()
          }
        })
        const [ts, ...wasm] = results
        for (const w of wasm) {
          expectSameFloats(w!.full, ts!.full, "full")
          expectSameFloats(w!.reo, ts!.reo, "reo")
          expect(w!.pushes).toBe(ts!.pushes)
          expect(w!.residual).toBe(ts!.residual)
          expect(Array.from(w!.rankAll.index)).toEqual(Array.from(ts!.rankAll.index))
          expectSameFloats(w!.rankAll.current, ts!.rankAll.current, "current")
          expect(Array.from(w!.rankFriends.index)).toEqual(Array.from(ts!.rankFriends.index))
          expect(Array.from(w!.weights)).toEqual(Array.from(ts!.weights))
          expectSameFloats(w!.reach!, ts!.reach!, "reach")
          expectSameFloats(w!.charges, ts!.charges, "charge")
          expect(Array.from(w!.labels)).toEqual(Array.from(ts!.labels))
          expect(w!.sweeps).toBe(ts!.sweeps)
          expect(w!.edges).toBe(ts!.edges)
        }
      }),
      { numRuns: 120 }
    )
  })
})

describe("kernel parity on ties", () => {
  it("orders equal currents newer first, then by post index, in every kernel", () => {
    const csr = buildCsr(toEdgeList({ nodes: 4, edges: [[0, 1, 1], [1, 2, 2], [2, 0, 1], [2, 3, 4]] }))
    for (const k of kernels) {
      loadInto(k, csr, 0)
      for (let i = 0; i < 4; i++) k.addPost(1, T0, 1, 1, 0)
      k.addPost(1, T0 - 100, 1, 1, 0)
      k.addPost(1, T0, 1, 1, 0)
      const r = k.rankStream(0, 0, ALLOW_EVERYONE, 10, T0)
      expect(Array.from(r.index), k.impl).toEqual([0, 1, 2, 3, 5, 4])
    }
  })
})
