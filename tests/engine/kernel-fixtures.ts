import fc from "fast-check"

import { buildCsr, type EdgeList } from "../../shared/engine/graph/build-csr"
import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import type { CsrGraph, Kernel } from "../../shared/engine/kernel/types"
import { AMPLIFIER_REO_FLOOR, CHARGE_HALF_LIFE_S, REO_RESTART } from "../../shared/engine/model/constants"
import { loadWasmKernel } from "../support/wasm-kernel"

export const T0 = 1_800_000_000

export interface RandomGraph {
  nodes: number
  edges: [number, number, number][]
}

/** Small weighted digraphs with repeated pairs, self-edges and dangling nodes mixed in. */
export const randomGraph: fc.Arbitrary<RandomGraph> = fc.integer({ min: 2, max: 60 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges: fc.array(
      fc.tuple(fc.integer({ min: 0, max: nodes - 1 }), fc.integer({ min: 0, max: nodes - 1 }), fc.double({ min: 0.01, max: 30, noNaN: true })),
      { minLength: 1, maxLength: nodes * 6 }
    )
  })
)

export function toEdgeList(g: RandomGraph): EdgeList {
  return {
    nodes: g.nodes,
    count: g.edges.length,
    from: Uint32Array.from(g.edges, (e) => e[0]),
    to: Uint32Array.from(g.edges, (e) => e[1]),
    weight: Float64Array.from(g.edges, (e) => e[2])
  }
}

/** Loads a graph into a kernel with room for growth, seeded at `viewer`, and settles slot 0. */
export function loadInto(k: Kernel, csr: CsrGraph, viewer: number, eps = 1e-12): void {
  k.reserve({ nodes: csr.nodes + 16, edges: csr.edges, deltaEdges: 512, slots: 2, seedsPerSlot: 64, posts: 512, amplifications: 128 })
  k.configure({ alpha: REO_RESTART, chargeHalfLifeSec: CHARGE_HALF_LIFE_S, chargeEpochSec: T0, pushEpsilon: eps, amplifierReoFloor: AMPLIFIER_REO_FLOOR })
  k.loadGraph(csr)
  k.setSeeds(0, Uint32Array.of(viewer), Float64Array.of(1))
  k.reoRecompute(0, 300, 1e-15)
  k.reoPush(0)
}

export async function allKernels(): Promise<Kernel[]> {
  return [createTsKernel(), await loadWasmKernel("wasm"), await loadWasmKernel("wasm-simd")]
}

export { buildCsr }
