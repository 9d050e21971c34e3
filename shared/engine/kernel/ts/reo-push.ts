// Twin of wasm/assembly/reo-push.ts.
import { NONE } from "../flags"
import { offer, take } from "./queue"
import type { TsState } from "./state"

export function push(st: TsState, slotIndex: number): number {
  const slot = st.slots[slotIndex]!
  const p = slot.p
  const r = slot.r
  const rowStart = st.rowStart
  const col = st.col
  const wt = st.weight
  const outW = st.outW
  const alpha = st.alpha
  const keep = 1.0 - alpha
  const eps = st.pushEps
  let pushes = 0
  while (slot.qLen > 0) {
    const u = take(st, slot)
    const ru = r[u]!
    if (Math.abs(ru) <= eps * (rowStart[u + 1]! - rowStart[u]! + 1)) continue
    r[u] = 0.0
    p[u] = p[u]! + alpha * ru
    pushes++
    const W = outW[u]!
    if (W <= 0.0) {
      slot.tau = slot.tau + keep * ru
      continue
    }
    const c = (keep * ru) / W
    const end = rowStart[u + 1]!
    for (let e = rowStart[u]!; e < end; e++) {
      const v = col[e]!
      const rv = r[v]! + c * wt[e]!
      r[v] = rv
      offer(st, slot, v, rv)
    }
    let d = st.deltaHead[u]!
    while (d !== NONE) {
      const v = st.deltaDst[d]!
      const rv = r[v]! + c * st.deltaW[d]!
      r[v] = rv
      offer(st, slot, v, rv)
      d = st.deltaNext[d]!
    }
  }
  return pushes
}

export function reoAt(st: TsState, slotIndex: number, v: number): number {
  const slot = st.slots[slotIndex]!
  return slot.p[v]! / (1.0 - slot.tau)
}

export function residualMass(st: TsState, slotIndex: number): number {
  const r = st.slots[slotIndex]!.r
  let sum = 0.0
  for (let v = 0; v < st.nodes; v++) sum += Math.abs(r[v]!)
  return sum
}
