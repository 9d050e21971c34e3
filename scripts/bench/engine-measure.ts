// The measurements of one kernel on one graph: load, full recompute, per-sweep cost, incremental
// update latency, Stream ranking, resident bytes.
import type { CsrGraph, Kernel } from "../../shared/engine/kernel/types"
import { ALLOW_EVERYONE } from "../../shared/engine/kernel/flags"
import { BASE_CAPACITY, CHARGE_HALF_LIFE_S, PUSH_EPSILON, AMPLIFIER_REO_FLOOR, REO_RESTART } from "../../shared/engine/model/constants"
import { createRng } from "../../shared/engine/sim/rng"
import { median, now, quantile, sample, timeOnce } from "./harness"

export const SWEEPS = 20
const NOW = 1_800_000_000
const UPDATES = 400

export interface KernelFigures {
  loadMs: number
  fullMs: number
  sweepMs: number
  incMedianMs: number
  incP99Ms: number
  /** The same for engagements by the viewer's top 1 % of Reo: the updates that move the most. */
  hotMedianMs: number
  hotP99Ms: number
  rank10kMs: number
  rank100kMs: number
  residentBytes: number
  memoryBytes: number
}

export function capacityFor(g: CsrGraph, posts: number) {
  return {
    nodes: g.nodes + 1024,
    edges: g.edges,
    deltaEdges: Math.max(4096, g.edges >>> 6),
    slots: 1,
    seedsPerSlot: 16,
    posts,
    amplifications: posts >>> 4
  }
}

/** A viewer with an ordinary out-row: the median-degree node among those that engage at all. */
export function pickViewer(g: CsrGraph): number {
  const active: number[] = []
  for (let u = 0; u < g.nodes; u++) if (g.rowStart[u + 1]! > g.rowStart[u]!) active.push(u)
  active.sort((a, b) => g.rowStart[a + 1]! - g.rowStart[a]! - (g.rowStart[b + 1]! - g.rowStart[b]!) || a - b)
  return g.inv[active[active.length >>> 1]!]!
}

function loadInto(k: Kernel, g: CsrGraph, viewer: number, posts: number): number {
  return timeOnce(() => {
    k.reserve(capacityFor(g, posts))
    k.configure({ alpha: REO_RESTART, chargeHalfLifeSec: CHARGE_HALF_LIFE_S, chargeEpochSec: NOW, pushEpsilon: PUSH_EPSILON, amplifierReoFloor: AMPLIFIER_REO_FLOOR })
    k.loadGraph(g)
    k.setSeeds(0, Uint32Array.of(viewer), Float64Array.of(1))
  }).ms
}

export function measureKernel(k: Kernel, g: CsrGraph, viewer: number, seed: number): KernelFigures {
  // First the graph and Reo alone, so the resident figures are per edge and not per post.
  const loadMs = loadInto(k, g, viewer, 0)
  // The full recompute runs exactly SWEEPS sweeps (tolerance 0) plus the residual sweep that lets
  // the incremental path continue from it; the per-sweep cost comes from the 1-sweep difference.
  const runs = g.edges >= 5_000_000 ? 3 : 5
  const full = median(sample(runs, () => k.reoRecompute(0, SWEEPS, 0)))
  const one = median(sample(runs, () => k.reoRecompute(0, 1, 0)))
  const sweepMs = (full - one) / (SWEEPS - 1)

  k.reoRecompute(0, 200, 1e-12)
  k.reoPush(0)
  const rng = createRng(seed)
  // reoOf, not reoVector: the latter's output buffer would raise the memory high-water this reports.
  const reo = Float64Array.from({ length: g.nodes }, (_, v) => k.reoOf(0, v))
  const hot = Array.from(reo.keys()).sort((a, b) => reo[b]! - reo[a]! || a - b).slice(0, Math.max(1, g.nodes >>> 7))
  const engage = (pick: () => number): number[] => {
    const lat: number[] = []
    for (let i = 0; i < UPDATES; i++) {
      const from = pick()
      const to = g.inv[Math.floor(g.nodes * rng.next() * rng.next())]!
      const t0 = now()
      k.addEdge(from, to, 1)
      k.reoPush(0)
      lat.push(now() - t0)
    }
    return lat.sort((a, b) => a - b)
  }
  // Random identities engage (most hold little of the viewer's Reo, so most updates settle at once).
  const lat = engage(() => g.inv[rng.int(g.nodes)]!)
  const hotLat = engage(() => hot[rng.int(hot.length)]!)
  const residentBytes = k.residentBytes()
  const memoryBytes = k.memoryBytes()

  loadInto(k, g, viewer, 100_000)
  k.reoRecompute(0, 200, 1e-12)
  k.reoPush(0)

  const rank = (count: number) => {
    while (k.postCount() < count) {
      const author = g.inv[Math.floor(g.nodes * rng.next() * rng.next())]!
      const i = k.addPost(author, NOW - rng.next() * 48 * 3600, BASE_CAPACITY, 1, 0)
      if (rng.next() < 0.02) k.amplifyPost(i, g.inv[rng.int(g.nodes)]!, NOW - rng.next() * 3600, 1 + rng.int(50))
    }
    return median(sample(21, () => k.rankStream(0, viewer, ALLOW_EVERYONE, 50, NOW), 2))
  }
  const rank10kMs = rank(10_000)
  const rank100kMs = rank(100_000)
  return {
    loadMs,
    fullMs: full,
    sweepMs,
    incMedianMs: median(lat),
    incP99Ms: quantile(lat, 0.99),
    hotMedianMs: median(hotLat),
    hotP99Ms: quantile(hotLat, 0.99),
    rank10kMs,
    rank100kMs,
    residentBytes,
    memoryBytes
  }
}
