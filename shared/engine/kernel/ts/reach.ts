// Twin of wasm/assembly/reach.ts.
import { NONE } from "../flags"
import type { TsState } from "./state"

function gather(st: TsState, x: Float64Array, y: Float64Array, target: number, danglingTargets: boolean): number {
  const n = st.nodes
  const rowStart = st.rowStart
  const col = st.col
  const wt = st.weight
  const outW = st.outW
  const alpha = st.alpha
  const keep = 1.0 - alpha
  let diff = 0.0
  for (let v = 0; v < n; v++) {
    const W = outW[v]!
    let yv = 0.0
    if (W > 0.0) {
      let acc = 0.0
      const end = rowStart[v + 1]!
      for (let e = rowStart[v]!; e < end; e++) acc += wt[e]! * x[col[e]!]!
      let d = st.deltaHead[v]!
      while (d !== NONE) {
        acc += st.deltaW[d]! * x[st.deltaDst[d]!]!
        d = st.deltaNext[d]!
      }
      yv = (keep * acc) / W
    }
    if (danglingTargets ? W <= 0.0 : v === target) yv += alpha
    y[v] = yv
    diff += Math.abs(yv - x[v]!)
  }
  return diff
}

function solve(st: TsState, x: Float64Array, y: Float64Array, target: number, danglingTargets: boolean, maxIter: number, tol: number): Float64Array {
  x.fill(0)
  for (let it = 0; it < maxIter; it++) {
    const diff = gather(st, x, y, target, danglingTargets)
    const t = x
    x = y
    y = t
    if (diff < tol) break
  }
  return x
}

export function reoOfTargetFromAll(st: TsState, targetExt: number, maxIter: number, tol: number): Float64Array | null {
  const n = st.nodes
  if (targetExt >= n) return null
  const t = st.perm[targetExt]!
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  const c = new Float64Array(n)
  const ct = solve(st, a, b, t, false, maxIter, tol)
  const other = ct === a ? b : a
  const cd = solve(st, c, other, NONE, true, maxIter, tol)
  const ratio = (1.0 - st.alpha) / st.alpha
  const out = new Float64Array(n)
  for (let v = 0; v < n; v++) {
    const m0 = cd[v]!
    const m = m0 / (1.0 - ratio * m0)
    const beta = 1.0 + ratio * m
    out[st.inv[v]!] = ct[v]! * beta
  }
  return out
}
