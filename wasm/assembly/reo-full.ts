// Full Reo recompute: power iteration of personalised PageRank over the CSR, then the exact
// residual that makes the push invariant hold (reo-push.ts), so incremental updates continue from it.
//
//   x' = alpha * s + (1 - alpha) * (P^T x + (mass on dangling nodes) * s)
//
// P[u][v] = w(u,v) / W(u). A node with no out-weight (dangling) hands its mass back to the seeds s,
// as a walker who restarts. Scatter ("push-style") sweeps, because the CSR is by source: the push
// needs out-rows, and one CSR keeps the resident cost at 8 bytes per edge.
import {
  NONE, R_COL, R_DELTA_DST, R_DELTA_HEAD, R_DELTA_NEXT, R_DELTA_W, R_OUT_W, R_P, R_R, R_ROW_START,
  R_SEED_MASS, R_SEED_NODE, R_WEIGHT, at, slotAt
} from "./layout";
import { clearQueue, offer } from "./queue";
import { alpha, nodes, seedsOf, setTau } from "./state";

/** y = P^T x (dangling mass returned); y is zeroed first. */
function spread(x: usize, y: usize): f64 {
  const n = nodes;
  memory.fill(y, 0, <usize>n << 3);
  const rowStart = at(R_ROW_START);
  const col = at(R_COL);
  const wt = at(R_WEIGHT);
  const outW = at(R_OUT_W);
  const dHead = at(R_DELTA_HEAD);
  let dangling: f64 = 0.0;
  let e = load<u32>(rowStart);
  for (let u: u32 = 0; u < n; u++) {
    const end = load<u32>(rowStart + (<usize>(u + 1) << 2));
    const xu = load<f64>(x + (<usize>u << 3));
    if (xu == 0.0) {
      e = end;
      continue;
    }
    const W = load<f64>(outW + (<usize>u << 3));
    if (W <= 0.0) {
      dangling += xu;
      e = end;
      continue;
    }
    const c = xu / W;
    for (; e < end; e++) {
      const yp = y + (<usize>load<u32>(col + (<usize>e << 2)) << 3);
      store<f64>(yp, load<f64>(yp) + c * <f64>load<f32>(wt + (<usize>e << 2)));
    }
    let d = load<u32>(dHead + (<usize>u << 2));
    while (d != NONE) {
      const yp = y + (<usize>load<u32>(at(R_DELTA_DST) + (<usize>d << 2)) << 3);
      store<f64>(yp, load<f64>(yp) + c * <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2)));
      d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
    }
  }
  return dangling;
}

function addSeeds(slot: u32, y: usize, scale: f64): void {
  const k = seedsOf(slot);
  const sn = slotAt(R_SEED_NODE, slot);
  const sm = slotAt(R_SEED_MASS, slot);
  for (let i: u32 = 0; i < k; i++) {
    const yp = y + (<usize>load<u32>(sn + (<usize>i << 2)) << 3);
    store<f64>(yp, load<f64>(yp) + scale * load<f64>(sm + (<usize>i << 3)));
  }
}

/**
 * Recomputes slot's Reo from scratch: at most maxIter sweeps, stopping early when the L1 change of
 * a sweep is below tol. Leaves the estimate in P, the exact residual in R, tau = 0, and the queue
 * holding every node over the push threshold. Returns the number of sweeps.
 */
export function recompute(slot: u32, maxIter: i32, tol: f64): i32 {
  const n = nodes;
  const bytes = <usize>n << 3;
  let x = slotAt(R_P, slot);
  let y = slotAt(R_R, slot);
  memory.fill(x, 0, bytes);
  addSeeds(slot, x, 1.0);
  const keep = 1.0 - alpha;
  let it = 0;
  while (it < maxIter) {
    const dangling = spread(x, y);
    let diff: f64 = 0.0;
    for (let v: u32 = 0; v < n; v++) {
      const yp = y + (<usize>v << 3);
      store<f64>(yp, keep * load<f64>(yp));
    }
    addSeeds(slot, y, alpha + keep * dangling);
    for (let v: u32 = 0; v < n; v++) diff += Math.abs(load<f64>(y + (<usize>v << 3)) - load<f64>(x + (<usize>v << 3)));
    const t = x;
    x = y;
    y = t;
    it++;
    if (diff < tol) break;
  }
  const p = slotAt(R_P, slot);
  if (x != p) memory.copy(p, x, bytes);
  settleResidual(slot);
  return it;
}

/** r = s - (p - (1 - alpha) * P'^T p) / alpha, the residual for which p + PPR(r) is exact. */
export function settleResidual(slot: u32): void {
  const n = nodes;
  const p = slotAt(R_P, slot);
  const r = slotAt(R_R, slot);
  const keep = 1.0 - alpha;
  const dangling = spread(p, r);
  addSeeds(slot, r, dangling);
  for (let v: u32 = 0; v < n; v++) {
    const rp = r + (<usize>v << 3);
    store<f64>(rp, (keep * load<f64>(rp) - load<f64>(p + (<usize>v << 3))) / alpha);
  }
  addSeeds(slot, r, 1.0);
  setTau(slot, 0.0);
  clearQueue(slot);
  for (let v: u32 = 0; v < n; v++) offer(slot, v, load<f64>(r + (<usize>v << 3)));
}
