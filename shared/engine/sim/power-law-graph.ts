import type { EdgeList } from "../graph/build-csr"
import { createRng, shuffledIds } from "./rng"

export interface PowerLawOptions {
  edges: number
  /** Mean out-degree; nodes = edges / meanDegree. */
  meanDegree: number
  seed: number
}

/**
 * A deterministic weighted power-law graph with shuffled ids, for benchmarks and parity tests.
 * Sources are drawn with P(rank i) ~ (i+1)^-0.6 and targets with (i+1)^-0.9 (heavier: attention
 * concentrates more on receivers than activity does on senders), each over its own random order of
 * the ids, so neither the id order nor the generator's ranks give locality away. Weights are
 * engagement units of the four kinds (docs/MODEL.md), so rows mix light views and heavy comments.
 */
export function powerLawGraph(opts: PowerLawOptions): EdgeList {
  const rng = createRng(opts.seed)
  const n = Math.max(2, Math.round(opts.edges / opts.meanDegree))
  const m = opts.edges
  const srcOrder = shuffledIds(n, rng)
  const dstOrder = shuffledIds(n, rng)
  const from = new Uint32Array(m)
  const to = new Uint32Array(m)
  const weight = new Float32Array(m)
  const kinds = [0.5, 1, 2, 27]
  const zipf = (s: number): number => {
    const e = 1 - s
    const top = Math.pow(n + 1, e) - 1
    return Math.min(n - 1, Math.floor(Math.pow(top * rng.next() + 1, 1 / e)) - 1)
  }
  for (let i = 0; i < m; i++) {
    let u = srcOrder[zipf(0.6)]!
    let v = dstOrder[zipf(0.9)]!
    if (u === v) v = dstOrder[(zipf(0.9) + 1) % n]!
    if (u === v) u = (u + 1) % n
    from[i] = u
    to[i] = v
    weight[i] = kinds[rng.int(kinds.length)]! * (0.25 + 0.75 * rng.next())
  }
  return { nodes: n, count: m, from, to, weight }
}
