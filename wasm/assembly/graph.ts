// The engagement graph: a CSR built by the host (shared/engine/graph/build-csr.ts) plus delta edges
// added since, one linked list per row. See layout.ts for the regions.
import {
  NONE, R_COL, R_DELTA_DST, R_DELTA_HEAD, R_DELTA_NEXT, R_DELTA_W, R_DIAL, R_INV, R_NODE_FLAGS,
  R_OUT_W, R_P, R_PERM, R_R, R_ROW_START, R_WEIGHT, at, deltaCap, edgeCap, nodeCap, slotAt, slotCount
} from "./layout";
import { offer } from "./queue";
import { alpha, builtEdges, bumpDelta, deltaUsed, nodes, setCounts, setNodes, setTau, tauOf } from "./state";

/** Sum of a row's weights, CSR edges first and then delta edges newest first (the one summation order). */
export function rowWeight(u: u32): f64 {
  const rs = at(R_ROW_START) + (<usize>u << 2);
  const end = load<u32>(rs + 4);
  const wt = at(R_WEIGHT);
  let sum: f64 = 0.0;
  for (let e = load<u32>(rs); e < end; e++) sum += <f64>load<f32>(wt + (<usize>e << 2));
  let d = load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2));
  while (d != NONE) {
    sum += <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2));
    d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
  }
  return sum;
}

/** After the host wrote ROW_START, COL, WEIGHT, PERM and INV: derives the rest, resets views. */
export function finishLoad(n: u32, m: u32): void {
  setCounts(n, m);
  memory.fill(at(R_DELTA_HEAD), 0xff, <usize>nodeCap << 2);
  memory.fill(at(R_NODE_FLAGS), 0, <usize>nodeCap);
  const dial = at(R_DIAL);
  for (let v: u32 = 0; v < nodeCap; v++) store<f32>(dial + (<usize>v << 2), 1.0);
  const rowStart = at(R_ROW_START);
  for (let v = n + 1; v <= nodeCap; v++) store<u32>(rowStart + (<usize>v << 2), m);
  const outW = at(R_OUT_W);
  for (let u: u32 = 0; u < n; u++) store<f64>(outW + (<usize>u << 3), rowWeight(u));
  for (let s: u32 = 0; s < slotCount; s++) {
    memory.fill(slotAt(R_P, s), 0, <usize>nodeCap << 3);
    memory.fill(slotAt(R_R, s), 0, <usize>nodeCap << 3);
    setTau(s, 0.0);
  }
}

/** Appends nodes until `count` exist; a new node's caller id equals its internal id's position. */
export function ensureNodes(count: u32): bool {
  if (count > nodeCap) return false;
  for (let v = nodes; v < count; v++) {
    store<u32>(at(R_PERM) + (<usize>v << 2), v);
    store<u32>(at(R_INV) + (<usize>v << 2), v);
    store<f64>(at(R_OUT_W) + (<usize>v << 3), 0.0);
  }
  if (count > nodes) setNodes(count);
  return true;
}

/** Position of edge u->v: a CSR index, or edgeCap + delta index, or NONE. Rows are sorted by target. */
function findEdge(u: u32, v: u32): u32 {
  const rs = at(R_ROW_START) + (<usize>u << 2);
  let lo = load<u32>(rs);
  let hi = load<u32>(rs + 4);
  const col = at(R_COL);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = load<u32>(col + (<usize>mid << 2));
    if (c == v) return mid;
    if (c < v) lo = mid + 1;
    else hi = mid;
  }
  let d = load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2));
  while (d != NONE) {
    if (load<u32>(at(R_DELTA_DST) + (<usize>d << 2)) == v) return edgeCap + d;
    d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
  }
  return NONE;
}

/** Moves residual of every slot for the change of row u: the push invariant stays exact (reo-push.ts). */
function reflowRow(u: u32, target: u32, wOld: f64, Wold: f64, Wnew: f64): void {
  const rs = at(R_ROW_START) + (<usize>u << 2);
  const end = load<u32>(rs + 4);
  const col = at(R_COL);
  const wt = at(R_WEIGHT);
  for (let s: u32 = 0; s < slotCount; s++) {
    const pu = load<f64>(slotAt(R_P, s) + (<usize>u << 3));
    // Reo flows only from those who hold it: a row change of a node with no settled Reo moves nothing.
    if (pu == 0.0) continue;
    const c = ((1.0 - alpha) * pu) / alpha;
    const r = slotAt(R_R, s);
    if (Wold <= 0.0) setTau(s, tauOf(s) - c);
    if (Wnew <= 0.0) setTau(s, tauOf(s) + c);
    for (let e = load<u32>(rs); e < end; e++) {
      const w = <f64>load<f32>(wt + (<usize>e << 2));
      const wo = e == target ? wOld : w;
      const delta = c * ((Wnew > 0.0 ? w / Wnew : 0.0) - (Wold > 0.0 ? wo / Wold : 0.0));
      if (delta == 0.0) continue;
      const v = load<u32>(col + (<usize>e << 2));
      const rv = load<f64>(r + (<usize>v << 3)) + delta;
      store<f64>(r + (<usize>v << 3), rv);
      offer(s, v, rv);
    }
    let d = load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2));
    while (d != NONE) {
      const w = <f64>load<f32>(at(R_DELTA_W) + (<usize>d << 2));
      const wo = edgeCap + d == target ? wOld : w;
      const delta = c * ((Wnew > 0.0 ? w / Wnew : 0.0) - (Wold > 0.0 ? wo / Wold : 0.0));
      if (delta != 0.0) {
        const v = load<u32>(at(R_DELTA_DST) + (<usize>d << 2));
        const rv = load<f64>(r + (<usize>v << 3)) + delta;
        store<f64>(r + (<usize>v << 3), rv);
        offer(s, v, rv);
      }
      d = load<u32>(at(R_DELTA_NEXT) + (<usize>d << 2));
    }
  }
}

/**
 * Adds dw engagement units to edge from->to (caller ids; dw < 0 lowers it, never below 0) and keeps
 * every slot's push invariant. Returns the edge's new weight, or -1 when the delta pool or the node
 * capacity is full (the host then rebuilds), or 0 for a self-edge, which never counts.
 */
export function addEdgeWeight(fromExt: u32, toExt: u32, dw: f64): f64 {
  if (fromExt == toExt) return 0.0;
  const top = (fromExt > toExt ? fromExt : toExt) + 1;
  if (top > nodes && !ensureNodes(top)) return -1.0;
  const u = load<u32>(at(R_PERM) + (<usize>fromExt << 2));
  const v = load<u32>(at(R_PERM) + (<usize>toExt << 2));
  let pos = findEdge(u, v);
  let wOld: f64 = 0.0;
  if (pos == NONE) {
    if (deltaUsed >= deltaCap) return -1.0;
    const d = bumpDelta();
    store<u32>(at(R_DELTA_DST) + (<usize>d << 2), v);
    store<f32>(at(R_DELTA_W) + (<usize>d << 2), 0.0);
    store<u32>(at(R_DELTA_NEXT) + (<usize>d << 2), load<u32>(at(R_DELTA_HEAD) + (<usize>u << 2)));
    store<u32>(at(R_DELTA_HEAD) + (<usize>u << 2), d);
    pos = edgeCap + d;
  }
  const wPtr = pos < edgeCap ? at(R_WEIGHT) + (<usize>pos << 2) : at(R_DELTA_W) + (<usize>(pos - edgeCap) << 2);
  wOld = <f64>load<f32>(wPtr);
  let wNew = <f64>(<f32>(wOld + dw));
  if (wNew < 0.0) wNew = 0.0;
  store<f32>(wPtr, <f32>wNew);
  const outW = at(R_OUT_W) + (<usize>u << 3);
  const Wold = load<f64>(outW);
  const Wnew = rowWeight(u);
  store<f64>(outW, Wnew);
  reflowRow(u, pos, wOld, Wold, Wnew);
  return wNew;
}

export function edgeCount(): u32 {
  return builtEdges + deltaUsed;
}
