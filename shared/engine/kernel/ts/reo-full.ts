// Twin of wasm/assembly/reo-full.ts.
import { NONE } from "../flags"
import { clearQueue, offer } from "./queue"
import type { Slot, TsState } from "./state"

function spread(st: TsState, x: Float64Array, y: Float64Array): number {
  const n = st.nodes
  y.fill(0, 0, n)
  const rowStart = st.rowStart
  const col = st.col
  const wt = st.weight
  const outW = st.outW
  const dHead = st.deltaHead
  let dangling = 0.0
  let e = rowStart[0]!
  for (let u = 0; u < n; u++) {
    const end = rowStart[u + 1]!
    const xu = x[u]!
    if (xu === 0.0) {
      e = end
      continue
    }
    const W = outW[u]!
    if (W <= 0.0) {
      dangling += xu
      e = end
      continue
    }
    const c = xu / W
    for (; e < end; e++) {
      const v = col[e]!
      y[v] = y[v]! + c * wt[e]!
    }
    let d = dHead[u]!
    while (d !== NONE) {
      const v = st.deltaDst[d]!
      y[v] = y[v]! + c * st.deltaW[d]!
      d = st.deltaNext[d]!
    }
  }
  return dangling
}

function addSeeds(slot: Slot, y: Float64Array, scale: number): void {
  for (let i = 0; i < slot.seeds; i++) {
    const v = slot.seedNode[i]!
    y[v] = y[v]! + scale * slot.seedMass[i]!
  }
}

export function recompute(st: TsState, slotIndex: number, maxIter: number, tol: number): number {
  const slot = st.slots[slotIndex]!
  const n = st.nodes
  let x = slot.p
  let y = slot.r
  x.fill(0, 0, n)
  addSeeds(slot, x, 1.0)
  const keep = 1.0 - st.alpha
  let it = 0
  while (it < maxIter) {
    const dangling = spread(st, x, y)
    let diff = 0.0
    for (let v = 0; v < n; v++) y[v] = keep * y[v]!
    addSeeds(slot, y, st.alpha + keep * dangling)
    for (let v = 0; v < n; v++) diff += Math.abs(y[v]! - x[v]!)
    const t = x
    x = y
    y = t
    it++
    if (diff < tol) break
  }
  if (x !== slot.p) slot.p.set(x.subarray(0, n))
  settleResidual(st, slotIndex)
  return it
}

export function settleResidual(st: TsState, slotIndex: number): void {
  const slot = st.slots[slotIndex]!
  const n = st.nodes
  const p = slot.p
  const r = slot.r
  const alpha = st.alpha
  const keep = 1.0 - alpha
  const dangling = spread(st, p, r)
  addSeeds(slot, r, dangling)
  for (let v = 0; v < n; v++) r[v] = (keep * r[v]! - p[v]!) / alpha
  addSeeds(slot, r, 1.0)
  slot.tau = 0.0
  clearQueue(slot)
  for (let v = 0; v < n; v++) offer(st, slot, v, r[v]!)
}
