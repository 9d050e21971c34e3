import type { CsrGraph } from "../kernel/types"

/** An edge list in caller ids; several entries for one pair are summed, self-edges are dropped. */
export interface EdgeList {
  nodes: number
  count: number
  from: Uint32Array
  to: Uint32Array
  /** Engagement units, summed in f64 per pair and then stored as f32. */
  weight: Float64Array | Float32Array
}

/**
 * Builds the kernel's CSR (by source, rows sorted by target) from an edge list. Both kernels load
 * the same CSR, so this is shared code rather than a kernel function.
 *
 * Internal ids are ordered by in-degree, highest first (ties by caller id): the targets that sweeps
 * write most often then share cache lines, which is where a sweep's time goes (random access to
 * the rank vector, not bandwidth). Counting sorts only, O(nodes + edges); the temporaries live in
 * the JS heap, so they never raise the kernel's resident high-water mark.
 */
export function buildCsr(list: EdgeList): CsrGraph {
  const n = list.nodes
  const m = list.count
  const { from, to, weight } = list
  const indeg = new Uint32Array(n)
  let maxDeg = 0
  for (let e = 0; e < m; e++) {
    const v = to[e]!
    if (from[e] === v) continue
    const d = indeg[v]! + 1
    indeg[v] = d
    if (d > maxDeg) maxDeg = d
  }
  // Bucket nodes by in-degree, highest bucket first; inside a bucket, caller id order.
  const bucket = new Uint32Array(maxDeg + 2)
  for (let v = 0; v < n; v++) {
    const b = maxDeg - indeg[v]! + 1
    bucket[b] = bucket[b]! + 1
  }
  for (let b = 1; b < bucket.length; b++) bucket[b] = bucket[b]! + bucket[b - 1]!
  const perm = new Uint32Array(n)
  const inv = new Uint32Array(n)
  for (let v = 0; v < n; v++) {
    const b = maxDeg - indeg[v]!
    const slot = bucket[b]!
    bucket[b] = slot + 1
    perm[v] = slot
    inv[slot] = v
  }

  // Stable counting sort by target, then by source: edges end up ordered by (source, target).
  const targetKey = new Uint32Array(m)
  const sourceKey = new Uint32Array(m)
  for (let e = 0; e < m; e++) {
    targetKey[e] = perm[to[e]!]!
    sourceKey[e] = perm[from[e]!]!
  }
  const byTarget = countingOrder(m, n, targetKey, null)
  const bySource = countingOrder(m, n, sourceKey, byTarget)

  const rowStart = new Uint32Array(n + 1)
  const colTmp = new Uint32Array(m)
  const wTmp = new Float32Array(m)
  let out = 0
  let lastU = -1
  let lastV = -1
  let acc = 0
  const flush = () => {
    if (lastU < 0) return
    colTmp[out] = lastV
    wTmp[out] = Math.fround(acc)
    rowStart[lastU + 1] = rowStart[lastU + 1]! + 1
    out++
  }
  for (let i = 0; i < m; i++) {
    const e = bySource[i]!
    const u = sourceKey[e]!
    const v = targetKey[e]!
    if (u === v) continue
    if (u === lastU && v === lastV) {
      acc += weight[e]!
      continue
    }
    flush()
    lastU = u
    lastV = v
    acc = weight[e]!
  }
  flush()
  for (let u = 0; u < n; u++) rowStart[u + 1] = rowStart[u + 1]! + rowStart[u]!
  return { nodes: n, edges: out, rowStart, col: colTmp.slice(0, out), weight: wTmp.slice(0, out), perm, inv }
}

/** Indices 0..m-1 (or the entries of `input`) stably ordered by key in [0, n). */
function countingOrder(m: number, n: number, key: Uint32Array, input: Uint32Array | null): Uint32Array {
  const count = new Uint32Array(n + 1)
  for (let e = 0; e < m; e++) {
    const k = key[e]! + 1
    count[k] = count[k]! + 1
  }
  for (let k = 1; k <= n; k++) count[k] = count[k]! + count[k - 1]!
  const out = new Uint32Array(m)
  for (let i = 0; i < m; i++) {
    const e = input === null ? i : input[i]!
    const k = key[e]!
    const at = count[k]!
    count[k] = at + 1
    out[at] = e
  }
  return out
}
