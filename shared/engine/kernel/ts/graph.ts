// Twin of wasm/assembly/graph.ts.
import { NONE } from "../flags"
import type { CsrGraph } from "../types"
import { offer } from "./queue"
import type { TsState } from "./state"

export function rowWeight(st: TsState, u: number): number {
  const end = st.rowStart[u + 1]!
  const wt = st.weight
  let sum = 0.0
  for (let e = st.rowStart[u]!; e < end; e++) sum += wt[e]!
  let d = st.deltaHead[u]!
  while (d !== NONE) {
    sum += st.deltaW[d]!
    d = st.deltaNext[d]!
  }
  return sum
}

export function loadGraph(st: TsState, g: CsrGraph): void {
  const cap = st.cap
  if (g.nodes > cap.nodes || g.edges > cap.edges) throw new RangeError("graph exceeds the reserved capacity")
  st.rowStart.set(g.rowStart.subarray(0, g.nodes + 1))
  st.col.set(g.col.subarray(0, g.edges))
  st.weight.set(g.weight.subarray(0, g.edges))
  st.perm.set(g.perm.subarray(0, g.nodes))
  st.inv.set(g.inv.subarray(0, g.nodes))
  finishLoad(st, g.nodes, g.edges)
}

export function finishLoad(st: TsState, n: number, m: number): void {
  st.nodes = n
  st.builtEdges = m
  st.deltaUsed = 0
  st.deltaHead.fill(NONE)
  st.nodeFlags.fill(0)
  st.dial.fill(1.0)
  st.rowStart.fill(m, n + 1)
  for (let u = 0; u < n; u++) st.outW[u] = rowWeight(st, u)
  for (const s of st.slots) {
    s.p.fill(0)
    s.r.fill(0)
    s.tau = 0
  }
}

export function ensureNodes(st: TsState, count: number): boolean {
  if (count > st.cap.nodes) return false
  for (let v = st.nodes; v < count; v++) {
    st.perm[v] = v
    st.inv[v] = v
    st.outW[v] = 0.0
  }
  if (count > st.nodes) st.nodes = count
  return true
}

function findEdge(st: TsState, u: number, v: number): number {
  let lo = st.rowStart[u]!
  let hi = st.rowStart[u + 1]!
  const col = st.col
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const c = col[mid]!
    if (c === v) return mid
    if (c < v) lo = mid + 1
    else hi = mid
  }
  let d = st.deltaHead[u]!
  while (d !== NONE) {
    if (st.deltaDst[d] === v) return st.cap.edges + d
    d = st.deltaNext[d]!
  }
  return NONE
}

function reflowRow(st: TsState, u: number, target: number, wOld: number, Wold: number, Wnew: number): void {
  const end = st.rowStart[u + 1]!
  const alpha = st.alpha
  const edgeCap = st.cap.edges
  for (const s of st.slots) {
    const pu = s.p[u]!
    if (pu === 0.0) continue
    const c = ((1.0 - alpha) * pu) / alpha
    const r = s.r
    if (Wold <= 0.0) s.tau = s.tau - c
    if (Wnew <= 0.0) s.tau = s.tau + c
    for (let e = st.rowStart[u]!; e < end; e++) {
      const w = st.weight[e]!
      const wo = e === target ? wOld : w
      const delta = c * ((Wnew > 0.0 ? w / Wnew : 0.0) - (Wold > 0.0 ? wo / Wold : 0.0))
      if (delta === 0.0) continue
      const v = st.col[e]!
      const rv = r[v]! + delta
      r[v] = rv
      offer(st, s, v, rv)
    }
    let d = st.deltaHead[u]!
    while (d !== NONE) {
      const w = st.deltaW[d]!
      const wo = edgeCap + d === target ? wOld : w
      const delta = c * ((Wnew > 0.0 ? w / Wnew : 0.0) - (Wold > 0.0 ? wo / Wold : 0.0))
      if (delta !== 0.0) {
        const v = st.deltaDst[d]!
        const rv = r[v]! + delta
        r[v] = rv
        offer(st, s, v, rv)
      }
      d = st.deltaNext[d]!
    }
  }
}

export function addEdgeWeight(st: TsState, fromExt: number, toExt: number, dw: number): number {
  if (fromExt === toExt) return 0.0
  const top = (fromExt > toExt ? fromExt : toExt) + 1
  if (top > st.nodes && !ensureNodes(st, top)) return -1.0
  const u = st.perm[fromExt]!
  const v = st.perm[toExt]!
  const edgeCap = st.cap.edges
  let pos = findEdge(st, u, v)
  if (pos === NONE) {
    if (st.deltaUsed >= st.cap.deltaEdges) return -1.0
    const d = st.deltaUsed++
    st.deltaDst[d] = v
    st.deltaW[d] = 0.0
    st.deltaNext[d] = st.deltaHead[u]!
    st.deltaHead[u] = d
    pos = edgeCap + d
  }
  const inCsr = pos < edgeCap
  const wOld = inCsr ? st.weight[pos]! : st.deltaW[pos - edgeCap]!
  let wNew = Math.fround(wOld + dw)
  if (wNew < 0.0) wNew = 0.0
  if (inCsr) st.weight[pos] = wNew
  else st.deltaW[pos - edgeCap] = wNew
  const Wold = st.outW[u]!
  const Wnew = rowWeight(st, u)
  st.outW[u] = Wnew
  reflowRow(st, u, pos, wOld, Wold, Wnew)
  return wNew
}
