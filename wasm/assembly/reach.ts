// Reo of one identity from every identity's point of view at once, for reach estimates.
//
// pi_v(t) for all v is a gather over out-rows (the CSR's natural direction):
//   c_t = alpha * e_t + (1 - alpha) * P0 c_t        (P0: dangling rows empty)
// gives the Reo of t from v when a walker at a dangling node is absorbed. The kernel's Reo hands
// that walker back to v instead; with m0_v = the absorbed mass (c_D, the same gather seeded on all
// dangling nodes), the exact correction is
//   pi_v(t) = c_t[v] * beta_v,  beta_v = 1 + (1 - alpha) / alpha * m_v,  m_v = m0_v / (1 - (1 - alpha) / alpha * m0_v)
import { NONE, R_COL, R_DELTA_DST, R_DELTA_HEAD, R_DELTA_NEXT, R_DELTA_W, R_INV, R_OUT_W, R_PERM, R_ROW_START, R_WEIGHT, at } from "./layout";
import { alpha, nodes } from "./state";

/** One gather sweep: y[v] = alpha * [v in target set] + (1 - alpha) / W(v) * sum_e w(e) * x[col(e)]. */
function gather(x: usize, y: usize, target: u32, danglingTargets: bool): f64 {
  const n = nodes;
  const rowStart = at(R_ROW_START);
  const col = at(R_COL);
  const wt = at(R_WEIGHT);
  const outW = at(R_OUT_W);
  const keep = 1.0 - alpha;
  let diff: f64 = 0.0;
  for (let v: u32 = 0; v < n; v++) {
    const W = load<f64>(outW + (<usize>v << 3));
    let yv: f64 = 0.0;
    if (W > 0.0) {
      let acc: f64 = 0.0;
      const end = load<u32>(rowStart + (<usize>(v + 1) << 2));
      for (let e = load<u32>(rowStart + (<usize>v << 2)); e < end; e++) {
        acc += <f64>load<f32>(wt + (<usize>e << 2)) * load<f64>(x + (<usize>load<u32>(col + (<usize>e << 2)) << 3));
      }
      let d = load<u32>(at(R_DELTA_HEAD) + (<usize>v << 2));
      while (d != NONE) {
        acc += <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2)) * load<f64>(x + (<usize>load<u32>(at(R_DELTA_DST) + (<usize>d << 2)) << 3));
        d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
      }
      yv = (keep * acc) / W;
    }
    if (danglingTargets ? W <= 0.0 : v == target) yv += alpha;
    store<f64>(y + (<usize>v << 3), yv);
    diff += Math.abs(yv - load<f64>(x + (<usize>v << 3)));
  }
  return diff;
}

/** Iterates the gather from 0 into x (y is the second buffer); returns the buffer holding the result. */
function solve(x: usize, y: usize, target: u32, danglingTargets: bool, maxIter: i32, tol: f64): usize {
  memory.fill(x, 0, <usize>nodes << 3);
  for (let it = 0; it < maxIter; it++) {
    const diff = gather(x, y, target, danglingTargets);
    const t = x;
    x = y;
    y = t;
    if (diff < tol) break;
  }
  return x;
}

/**
 * Writes pi_v(targetExt) for every caller id v into out (f64[nodes], caller order). a, b and c are
 * scratch buffers of f64[nodes] each. Returns false for an unknown target.
 */
export function reoOfTargetFromAll(targetExt: u32, maxIter: i32, tol: f64, out: usize, a: usize, b: usize, c: usize): bool {
  const n = nodes;
  if (targetExt >= n) return false;
  const t = load<u32>(at(R_PERM) + (<usize>targetExt << 2));
  const ct = solve(a, b, t, false, maxIter, tol);
  const other = ct == a ? b : a;
  const cd = solve(c, other, NONE, true, maxIter, tol);
  const ratio = (1.0 - alpha) / alpha;
  const inv = at(R_INV);
  for (let v: u32 = 0; v < n; v++) {
    const m0 = load<f64>(cd + (<usize>v << 3));
    const m = m0 / (1.0 - ratio * m0);
    const beta = 1.0 + ratio * m;
    store<f64>(out + (<usize>load<u32>(inv + (<usize>v << 2)) << 3), load<f64>(ct + (<usize>v << 3)) * beta);
  }
  return true;
}
