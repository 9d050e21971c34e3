// Viewer weights for splitting a stake (docs/MODEL.md, "Splitting a stake"): integers, so the
// ledger's split (shared/ledger/split.ts) and every peer reach the same base units.
//
//   weight(v) = floor(Reo(v) * nodes * REO_MICRO) * attention(v)
//
// Reo(v) * nodes is Reo relative to the average identity (1 = average); REO_MICRO keeps six decimals.
import { R_PERM, at } from "./layout";
import { reoAt } from "./reo-push";
import { nodes } from "./state";

export const REO_MICRO: f64 = 1e6;

/** Reo of caller id v in micro-units relative to the average identity; 0 for an unknown id. */
export function reoMicro(slot: u32, vExt: u32): i64 {
  if (vExt >= nodes) return 0;
  const rel = reoAt(slot, load<u32>(at(R_PERM) + (<usize>vExt << 2))) * <f64>nodes * REO_MICRO;
  return rel > 0.0 ? <i64>Math.floor(rel) : 0;
}

/** out[i] = reoMicro(viewers[i]) * attention[i], i64, for count viewers. */
export function weights(slot: u32, viewers: usize, attention: usize, count: u32, out: usize): void {
  for (let i: u32 = 0; i < count; i++) {
    const v = load<u32>(viewers + (<usize>i << 2));
    const a = <i64>load<u32>(attention + (<usize>i << 2));
    store<i64>(out + (<usize>i << 3), reoMicro(slot, v) * a);
  }
}
