// Twin of wasm/assembly/payout.ts.
import { reoAt } from "./reo-push"
import type { TsState } from "./state"

export const REO_MICRO = 1e6

export function reoMicro(st: TsState, slotIndex: number, vExt: number): bigint {
  if (vExt >= st.nodes) return 0n
  const rel = reoAt(st, slotIndex, st.perm[vExt]!) * st.nodes * REO_MICRO
  return rel > 0.0 ? BigInt(Math.floor(rel)) : 0n
}

export function weights(st: TsState, slotIndex: number, viewers: Uint32Array, attention: Uint32Array): BigInt64Array {
  const out = new BigInt64Array(viewers.length)
  for (let i = 0; i < viewers.length; i++) out[i] = reoMicro(st, slotIndex, viewers[i]!) * BigInt(attention[i]!)
  return out
}
