// The attention engine's benchmark: Reo recompute, incremental update, Stream ranking and memory,
// for each kernel build and graphology, on the same deterministic power-law graphs.
import { freemem } from "node:os"

import { buildCsr } from "../../shared/engine/graph/build-csr"
import type { KernelImpl } from "../../shared/engine/kernel/types"
import { REO_RESTART } from "../../shared/engine/model/constants"
import { powerLawGraph } from "../../shared/engine/sim/power-law-graph"
import { KERNEL_IMPLS, loadKernel } from "./engine-kernels"
import { SWEEPS, measureKernel, pickViewer, type KernelFigures } from "./engine-measure"
import { runGraphology, type BaselineResult } from "./graphology-baseline"
import { fmtMs, fmtRatio, printTable, timeOnce, type Benchmark } from "./harness"

const MEAN_DEGREE = 16
/** graphology holds about 300 B per edge and takes minutes to build 10M edges: 1M is its last size. */
const GRAPHOLOGY_MAX_EDGES = 1_000_000
/** The 10M case needs about 2.5 GB at its peak (edge list, builder temporaries, three kernels in turn). */
const TEN_M_FREE_BYTES = 4e9

async function runSize(edges: number): Promise<void> {
  const list = powerLawGraph({ edges, meanDegree: MEAN_DEGREE, seed: 20150101 + edges })
  const build = timeOnce(() => buildCsr(list))
  const g = build.value
  const viewer = pickViewer(g)
  console.log(`\n### ${edges.toLocaleString("en")} edges requested: ${g.nodes.toLocaleString("en")} nodes, ${g.edges.toLocaleString("en")} distinct edges; CSR build (renumbering included) ${fmtMs(build.ms)} ms`)

  const figures = new Map<KernelImpl, KernelFigures>()
  for (const impl of KERNEL_IMPLS) {
    const k = await loadKernel(impl)
    figures.set(impl, measureKernel(k, g, viewer, 7))
  }
  let base: BaselineResult | null = null
  if (edges <= GRAPHOLOGY_MAX_EDGES) base = runGraphology(list, SWEEPS, REO_RESTART)

  const ts = figures.get("ts")!
  const rows = KERNEL_IMPLS.map((impl) => {
    const f = figures.get(impl)!
    return [
      impl,
      fmtMs(f.loadMs),
      fmtMs(f.fullMs),
      fmtMs(f.sweepMs),
      base ? fmtRatio((base.buildMs + base.runMs) / f.fullMs) : "-",
      base ? fmtRatio((base.buildMs + base.runMs) / (build.ms + f.loadMs + f.fullMs)) : "-",
      base ? fmtRatio(base.runMs / f.fullMs) : "-",
      fmtRatio(ts.fullMs / f.fullMs),
      `${fmtMs(f.incMedianMs)} / ${fmtMs(f.incP99Ms)}`,
      `${fmtMs(f.hotMedianMs)} / ${fmtMs(f.hotP99Ms)}`,
      fmtRatio(f.fullMs / f.hotMedianMs),
      fmtMs(f.rank10kMs),
      fmtMs(f.rank100kMs),
      (f.residentBytes / g.edges).toFixed(1),
      (f.memoryBytes / g.edges).toFixed(1)
    ]
  })
  if (base) {
    rows.push(["graphology", fmtMs(base.buildMs), fmtMs(base.runMs), fmtMs(base.runMs / SWEEPS), "1x", "1x", "1x", fmtRatio(ts.fullMs / base.runMs), "-", "-", "-", "-", "-", base.bytesPerEdge.toFixed(0), base.bytesPerEdge.toFixed(0)])
  }
  printTable(
    `Reo on ${g.edges.toLocaleString("en")} edges (${SWEEPS} sweeps; times in ms; "load" = reserve + copy in, graphology's = building its Graph; ratios = other's time / this time)`,
    ["kernel", "load", "full Reo", "per sweep", "graphology build+run / full Reo", "graphology build+run / (CSR build+load+full)", "graphology run / full Reo", "vs ts", "1 engagement med / p99", "by top-1% Reo med / p99", "full / top-1% med", "rank 10k", "rank 100k", "arena B/edge", "held B/edge"],
    rows
  )
  for (const impl of KERNEL_IMPLS) {
    const f = figures.get(impl)!
    console.log(`${impl}: graph + Reo arena ${(f.residentBytes / 2 ** 20).toFixed(1)} MiB; memory held ${(f.memoryBytes / 2 ** 20).toFixed(1)} MiB (WASM: whole linear memory after the incremental run)`)
  }
}

export const engineBenchmark: Benchmark = {
  name: "engine",
  description: "Reo recompute and incremental update, Stream ranking, resident bytes (WASM SIMD / WASM / TypeScript / graphology)",
  async run() {
    for (const edges of (process.env.BENCH_SIZES ?? "100000,1000000,10000000").split(",").map(Number)) {
      if (edges >= 10_000_000 && freemem() < TEN_M_FREE_BYTES) {
        console.log(`\n### 10,000,000 edges: skipped, ${(freemem() / 1e9).toFixed(1)} GB free (needs ${TEN_M_FREE_BYTES / 1e9} GB)`)
        continue
      }
      await runSize(edges)
    }
  }
}
