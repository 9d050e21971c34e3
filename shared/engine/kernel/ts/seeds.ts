// Twin of wasm/assembly/seeds.ts.
import type { TsState } from "./state"

export function setSeeds(st: TsState, slotIndex: number, nodes: Uint32Array, mass: Float64Array): boolean {
  const slot = st.slots[slotIndex]!
  slot.seeds = 0
  const count = nodes.length
  if (count > st.cap.seedsPerSlot || mass.length !== count) return false
  let total = 0.0
  for (let i = 0; i < count; i++) {
    const ext = nodes[i]!
    const m = mass[i]!
    if (ext >= st.nodes || !(m >= 0.0)) return false
    slot.seedNode[i] = st.perm[ext]!
    slot.seedMass[i] = m
    total += m
  }
  if (!(total > 0.0)) return false
  for (let i = 0; i < count; i++) slot.seedMass[i] = slot.seedMass[i]! / total
  slot.seeds = count
  return true
}
