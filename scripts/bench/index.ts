// `npm run bench [-- filter...]`: runs every registered benchmark whose name contains one of the
// filters (all when none is given). Add a benchmark by writing scripts/bench/<name>.ts that exports
// a `Benchmark` and listing it below.
import { engineBenchmark } from "./engine"
import { demoLayoutBenchmark } from "./demo-layout"
import { firstPaintBenchmark } from "./first-paint"
import type { Benchmark } from "./harness"
import { ingestBenchmark } from "./ingest"

const BENCHMARKS: Benchmark[] = [engineBenchmark, ingestBenchmark, firstPaintBenchmark, demoLayoutBenchmark]

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"))
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)))
  if (chosen.length === 0) {
    console.error(`No benchmark matches ${filters.join(", ")}. Known: ${BENCHMARKS.map((b) => b.name).join(", ")}`)
    process.exitCode = 1
    return
  }
  for (const b of chosen) {
    console.log(`\n## ${b.name}: ${b.description}`)
    await b.run()
  }
}

void main()
