// Communities that emerge from the graph: weighted label propagation over out-rows (whom a person
// attends to), in internal id order, a node taking the label its attention weight favours most.
// Ties keep the current label, then take the smallest, so the result is deterministic.
import { NONE, R_COL, R_DELTA_DST, R_DELTA_HEAD, R_DELTA_NEXT, R_DELTA_W, R_INV, R_ROW_START, R_WEIGHT, at } from "./layout";
import { nodes } from "./state";

// @ts-ignore: decorator
@inline function tally(acc: usize, touched: usize, count: u32, label: u32, w: f64): u32 {
  const ap = acc + (<usize>label << 3);
  const before = load<f64>(ap);
  if (before == 0.0) {
    store<u32>(touched + (<usize>count << 2), label);
    count++;
  }
  store<f64>(ap, before + w);
  return count;
}

/**
 * labels: i32 per caller id, in/out, each in [0, labelSpace). acc: f64[labelSpace], all zero on entry
 * and on return. touched: u32[nodes]. Returns the number of sweeps run (at most maxIter).
 */
export function propagate(labels: usize, labelSpace: u32, maxIter: i32, acc: usize, touched: usize): i32 {
  const n = nodes;
  const rowStart = at(R_ROW_START);
  const col = at(R_COL);
  const wt = at(R_WEIGHT);
  const inv = at(R_INV);
  let it = 0;
  while (it < maxIter) {
    it++;
    let changes = 0;
    for (let u: u32 = 0; u < n; u++) {
      let count: u32 = 0;
      const end = load<u32>(rowStart + (<usize>(u + 1) << 2));
      for (let e = load<u32>(rowStart + (<usize>u << 2)); e < end; e++) {
        const w = <f64>load<f32>(wt + (<usize>e << 2));
        if (!(w > 0.0)) continue;
        const v = load<u32>(col + (<usize>e << 2));
        const label = <u32>load<i32>(labels + (<usize>load<u32>(inv + (<usize>v << 2)) << 2));
        count = tally(acc, touched, count, label, w);
      }
      let d = load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2));
      while (d != NONE) {
        const w = <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2));
        if (w > 0.0) {
          const v = load<u32>(at(R_DELTA_DST) + (<usize>d << 2));
          const label = <u32>load<i32>(labels + (<usize>load<u32>(inv + (<usize>v << 2)) << 2));
          count = tally(acc, touched, count, label, w);
        }
        d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
      }
      if (count == 0) continue;
      const lp = labels + (<usize>load<u32>(inv + (<usize>u << 2)) << 2);
      const current = <u32>load<i32>(lp);
      let best = current;
      let bestW = load<f64>(acc + (<usize>current << 3));
      for (let j: u32 = 0; j < count; j++) {
        const label = load<u32>(touched + (<usize>j << 2));
        const w = load<f64>(acc + (<usize>label << 3));
        if (w > bestW || (w == bestW && best != current && label < best)) {
          best = label;
          bestW = w;
        }
        store<f64>(acc + (<usize>label << 3), 0.0);
      }
      if (best != current) {
        store<i32>(lp, <i32>best);
        changes++;
      }
    }
    if (changes == 0) break;
  }
  return it;
}
