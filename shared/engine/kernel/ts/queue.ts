// Twin of wasm/assembly/queue.ts.
import type { Slot, TsState } from "./state"

export function threshold(st: TsState, v: number): number {
  return st.pushEps * (st.rowStart[v + 1]! - st.rowStart[v]! + 1)
}

export function offer(st: TsState, slot: Slot, v: number, rv: number): void {
  if (slot.inQueue[v] !== 0) return
  if (Math.abs(rv) <= st.pushEps * (st.rowStart[v + 1]! - st.rowStart[v]! + 1)) return
  slot.inQueue[v] = 1
  let tail = slot.qHead + slot.qLen
  if (tail >= st.cap.nodes) tail -= st.cap.nodes
  slot.queue[tail] = v
  slot.qLen++
}

export function take(st: TsState, slot: Slot): number {
  const v = slot.queue[slot.qHead]!
  slot.inQueue[v] = 0
  slot.qHead = slot.qHead + 1 === st.cap.nodes ? 0 : slot.qHead + 1
  slot.qLen--
  return v
}

export function clearQueue(slot: Slot): void {
  slot.inQueue.fill(0)
  slot.qHead = 0
  slot.qLen = 0
}
