// graphology + graphology-metrics' pagerank on the same edge list, as the outside baseline.
import type { EdgeList } from "../../shared/engine/graph/build-csr"
import { now } from "./harness"

export interface BaselineResult {
  buildMs: number
  runMs: number
  bytesPerEdge: number
}

/** Builds a graphology DirectedGraph (merging repeated pairs like the CSR does) and runs 20 sweeps. */
export function runGraphology(list: EdgeList, sweeps: number, alpha: number): BaselineResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DirectedGraph } = require("graphology") as typeof import("graphology")
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("graphology-metrics/centrality/pagerank") as { default?: unknown }
  const pagerank = (mod.default ?? mod) as typeof import("graphology-metrics/centrality/pagerank").default
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const t0 = now()
  const g = new DirectedGraph()
  for (let v = 0; v < list.nodes; v++) g.addNode(v)
  for (let e = 0; e < list.count; e++) {
    const u = list.from[e]!
    const v = list.to[e]!
    if (u === v) continue
    g.updateDirectedEdge(u, v, (attr: { weight?: number }) => ({ weight: (attr.weight ?? 0) + list.weight[e]! }))
  }
  const buildMs = now() - t0
  const bytesPerEdge = (process.memoryUsage().heapUsed - heapBefore) / Math.max(1, g.size)
  const t1 = now()
  try {
    pagerank(g, { alpha: 1 - alpha, maxIterations: sweeps, tolerance: 1e-300, getEdgeWeight: "weight" })
  } catch (err) {
    // With a tolerance it cannot meet, pagerank runs every sweep and then reports non-convergence.
    if (!(err instanceof Error) || !/failed to converge/.test(err.message)) throw err
  }
  const runMs = now() - t1
  return { buildMs, runMs, bytesPerEdge }
}
