// Shared pieces of every benchmark: timing, statistics and table printing. No timing assertions:
// benchmarks print, tests check behaviour.
import { performance } from "node:perf_hooks"

export interface Benchmark {
  /** Matched by the filter argument (`npm run bench -- engine`). */
  name: string
  description: string
  run(): Promise<void>
}

export function now(): number {
  return performance.now()
}

/** Runs fn `runs` times after `warmup` untimed runs; returns the sorted durations in ms. */
export function sample(runs: number, fn: () => void, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return out.sort((a, b) => a - b)
}

export function timeOnce<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = fn()
  return { ms: performance.now() - t0, value }
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i]!
}

export function median(sorted: number[]): number {
  return quantile(sorted, 0.5)
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "-"
  if (ms >= 100) return ms.toFixed(0)
  if (ms >= 10) return ms.toFixed(1)
  if (ms >= 1) return ms.toFixed(2)
  return ms.toFixed(3)
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return "-"
  return r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`
}

/** Prints rows as an aligned Markdown table (so the output pastes into docs/PERFORMANCE.md). */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |"
  console.log(`\n${title}\n`)
  console.log(line(header))
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|")
  for (const r of rows) console.log(line(r))
}
