// Incremental Reo: the residual push of Andersen, Chung and Lang, kept exact under graph changes.
//
// Invariant per slot, with pi the exact Reo vector and PPR(r) the linear Reo of teleport vector r:
//   (1 - tau) * pi = p + PPR(r)
// A push at u moves alpha * r[u] into p[u] and spreads (1 - alpha) * r[u] over u's out-row; at a
// dangling u that share is a restart, which is a multiple of pi itself, so it is booked in the scalar
// tau instead of being spread over every seed. Reo = p / (1 - tau), accurate to the residual left.
// A row change at u (graph.ts, reflowRow) adds (1 - alpha) / alpha * p[u] * (new row - old row) to r.
import { NONE, R_COL, R_DELTA_DST, R_DELTA_HEAD, R_DELTA_NEXT, R_DELTA_W, R_OUT_W, R_P, R_R, R_ROW_START, R_WEIGHT, at, slotAt } from "./layout";
import { offer, take, threshold } from "./queue";
import { alpha, nodes, qLen, setTau, tauOf } from "./state";

/** Pushes until no queued node is over the threshold. Returns the number of pushes. */
export function push(slot: u32): i32 {
  const p = slotAt(R_P, slot);
  const r = slotAt(R_R, slot);
  const rowStart = at(R_ROW_START);
  const col = at(R_COL);
  const wt = at(R_WEIGHT);
  const outW = at(R_OUT_W);
  const keep = 1.0 - alpha;
  let pushes = 0;
  while (qLen(slot) > 0) {
    const u = take(slot);
    const rp = r + (<usize>u << 3);
    const ru = load<f64>(rp);
    if (Math.abs(ru) <= threshold(u)) continue;
    store<f64>(rp, 0.0);
    const pp = p + (<usize>u << 3);
    store<f64>(pp, load<f64>(pp) + alpha * ru);
    pushes++;
    const W = load<f64>(outW + (<usize>u << 3));
    if (W <= 0.0) {
      setTau(slot, tauOf(slot) + keep * ru);
      continue;
    }
    const c = (keep * ru) / W;
    const end = load<u32>(rowStart + (<usize>(u + 1) << 2));
    for (let e = load<u32>(rowStart + (<usize>u << 2)); e < end; e++) {
      const v = load<u32>(col + (<usize>e << 2));
      const vp = r + (<usize>v << 3);
      const rv = load<f64>(vp) + c * <f64>load<f32>(wt + (<usize>e << 2));
      store<f64>(vp, rv);
      offer(slot, v, rv);
    }
    let d = load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2));
    while (d != NONE) {
      const v = load<u32>(at(R_DELTA_DST) + (<usize>d << 2));
      const vp = r + (<usize>v << 3);
      const rv = load<f64>(vp) + c * <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2));
      store<f64>(vp, rv);
      offer(slot, v, rv);
      d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
    }
  }
  return pushes;
}

/** Reo of internal node v in slot: p[v] / (1 - tau). */
// @ts-ignore: decorator
@inline export function reoAt(slot: u32, v: u32): f64 {
  return load<f64>(slotAt(R_P, slot) + (<usize>v << 3)) / (1.0 - tauOf(slot));
}

/** Sum of |r| over the slot: the bound on the L1 error of the estimate, times (1 - tau). */
export function residualMass(slot: u32): f64 {
  const r = slotAt(R_R, slot);
  let sum: f64 = 0.0;
  for (let v: u32 = 0; v < nodes; v++) sum += Math.abs(load<f64>(r + (<usize>v << 3)));
  return sum;
}
