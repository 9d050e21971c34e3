// The kernel's exports. Only numbers and byte offsets cross this boundary. The TypeScript twin of
// every export is in shared/engine/kernel/ts/; shared/engine/kernel/wasm-kernel.ts adapts these to
// the `Kernel` contract. "Caller ids" are the engine's dense identity ids (its interning table);
// the kernel renumbers them internally for locality (PERM/INV in layout.ts).
import { addPost, amplify, chargeAt, recharge, setPostFlags } from "./posts";
import { addEdgeWeight, edgeCount, ensureNodes, finishLoad } from "./graph";
import { R_DIAL, R_NODE_FLAGS, R_PERM, at, arenaEnd, arenaStart, layOut, slotCount } from "./layout";
import { resetHeap } from "./memory";
import { propagate } from "./communities";
import { rankTopK } from "./rank";
import { reoOfTargetFromAll } from "./reach";
import { recompute } from "./reo-full";
import { push, reoAt, residualMass } from "./reo-push";
import { seedsWritten } from "./seeds";
import { nodes, postsUsed, resetPosts, setCounts, setParams } from "./state";
import { weights } from "./payout";

export { alloc, resetHeap } from "./memory";
export { scoreLinkPosts } from "./stream-score";
export { regionOffset } from "./region-offset";

/** Called by the engine on every full rebuild (about hourly) and once per bench graph: lays out the arena. */
export function reserve(n: u32, m: u32, d: u32, slots: u32, seeds: u32, posts: u32, amps: u32): usize {
  const bytes = layOut(n, m, d, slots, seeds, posts, amps);
  setCounts(0, 0);
  resetPosts();
  resetHeap();
  return bytes;
}

/** Called once after `reserve`, and again whenever a model constant changes (engine start). */
export function configure(alpha: f64, chargeHalfLife: f64, chargeEpoch: f64, pushEps: f64, amplifierFloor: f64): void {
  setParams(alpha, chargeHalfLife, chargeEpoch, pushEps, amplifierFloor);
}

/** Called once per rebuild, after the host wrote the CSR regions. */
export function graphLoaded(n: u32, m: u32): void {
  finishLoad(n, m);
}

/** Called when the engine interns new identities (per delta batch that brings some). */
export function growNodes(count: u32): bool {
  return ensureNodes(count);
}

/** Called per engagement or follow change (hot: every delta). Returns the new weight, -1 when full. */
export function addEdge(fromExt: u32, toExt: u32, dw: f64): f64 {
  return addEdgeWeight(fromExt, toExt, dw);
}

/** Called per rebuild and per community refresh, after the host wrote the slot's seed regions. */
export function setSeeds(slot: u32, count: u32): bool {
  return seedsWritten(slot, count);
}

/** Called per rebuild (about hourly) per slot: the full recompute, the check on the incremental path. */
export function reoRecompute(slot: u32, maxIter: i32, tol: f64): i32 {
  return recompute(slot, maxIter, tol);
}

/** Called after every delta batch per slot (hot): settles the residual the batch left. */
export function reoPush(slot: u32): i32 {
  return push(slot);
}

/** Called per Reo query (a handful per side-panel render). */
export function reoOf(slot: u32, vExt: u32): f64 {
  if (vExt >= nodes || slot >= slotCount) return 0.0;
  return reoAt(slot, load<u32>(at(R_PERM) + (<usize>vExt << 2)));
}

/** Called when the engine exports a whole Reo vector (community seeding, tests): caller order, f64[nodes]. */
export function reoVector(slot: u32, out: usize): void {
  if (slot >= slotCount) return;
  const perm = at(R_PERM);
  for (let v: u32 = 0; v < nodes; v++) store<f64>(out + (<usize>v << 3), reoAt(slot, load<u32>(perm + (<usize>v << 2))));
}

/** Called by tests and the rebuild report: the L1 bound on the estimate's error. */
export function reoResidual(slot: u32): f64 {
  return residualMass(slot);
}

/** Called per reach estimate (when the person opens the amplify dialog). Scratch a, b, c: f64[nodes]. */
export function reoFromAll(targetExt: u32, maxIter: i32, tol: f64, out: usize, a: usize, b: usize, c: usize): bool {
  return reoOfTargetFromAll(targetExt, maxIter, tol, out, a, b, c);
}

/** Called when the person changes a dial or a filter (rare). */
export function setNodeView(vExt: u32, flags: u8, dial: f32): void {
  if (vExt >= nodes) return;
  const v = <usize>load<u32>(at(R_PERM) + (<usize>vExt << 2));
  store<u8>(at(R_NODE_FLAGS) + v, flags);
  store<f32>(at(R_DIAL) + (v << 2), dial);
}

/** Called per new post (every post delta). Returns the post's index, or 0xffffffff when full. */
export function postAdd(authorExt: u32, createdAt: f64, capacity: f64, hop: f64, flags: u32): u32 {
  return addPost(authorExt, createdAt, capacity, hop, flags);
}

/** Called per engagement that names a post (hot: every such delta). */
export function postRecharge(i: u32, t: f64, dq: f64): void {
  recharge(i, t, dq);
}

/** Called per amplification delta. False when the amplification pool is full. */
export function postAmplify(i: u32, amplifierExt: u32, t: f64, dCap: f64): bool {
  return amplify(i, amplifierExt, t, dCap);
}

/** Called when the chosen topics change (rare), per post. */
export function postSetFlags(i: u32, flags: u32): void {
  setPostFlags(i, flags);
}

/** Called per explanation line (k per Stream render). */
export function postCharge(i: u32, t: f64): f64 {
  return chargeAt(i, t);
}

/** Called once per Stream render. outIdx u32[k], outCurrent f64[k]; returns the count written. */
export function rankStream(slot: u32, viewerExt: u32, allow: u32, k: u32, now: f64, outIdx: usize, outCurrent: usize): u32 {
  return rankTopK(slot, viewerExt, allow, k, now, outIdx, outCurrent);
}

/** Called once per stake settlement. viewers u32[count], attention u32[count], out i64[count]. */
export function payoutWeights(slot: u32, viewers: usize, attention: usize, count: u32, out: usize): void {
  weights(slot, viewers, attention, count, out);
}

/** Called per community refresh (with each rebuild). See communities.ts for the buffers. */
export function labelCommunities(labels: usize, labelSpace: u32, maxIter: i32, acc: usize, touched: usize): i32 {
  return propagate(labels, labelSpace, maxIter, acc, touched);
}

/** Called by the engine and the bench for sizes: nodes, edges (CSR + delta), posts, resident arena bytes. */
export function stats(which: i32): f64 {
  if (which == 0) return <f64>nodes;
  if (which == 1) return <f64>edgeCount();
  if (which == 2) return <f64>postsUsed;
  return <f64>(arenaEnd - arenaStart);
}
