// Counters and model parameters of the resident state. Per-slot scalars live in static data.
export const MAX_SLOTS: u32 = 32;

/** Nodes in use (internal ids 0..nodes-1; appended nodes have empty CSR rows). */
export let nodes: u32 = 0;
/** Edges in the CSR part (rows of appended nodes start and end here). */
export let builtEdges: u32 = 0;
export let deltaUsed: u32 = 0;
export let postsUsed: u32 = 0;
export let ampsUsed: u32 = 0;

/** Restart probability of the Reo walk (docs/MODEL.md, REO_RESTART). */
export let alpha: f64 = 0.15;
/** Charge half-life in seconds (CHARGE_HALF_LIFE). */
export let chargeHalfLife: f64 = 86400.0;
/** Time origin of stored charges (see posts.ts). */
export let chargeEpoch: f64 = 0.0;
/** Residual push threshold per unit of degree (PUSH_EPSILON). */
export let pushEps: f64 = 1e-9;
/** Relative Reo below which an amplifier's AMPs carry nothing to the viewer (AMPLIFIER_REO_FLOOR). */
export let amplifierFloor: f64 = 0.1;

export function setCounts(n: u32, m: u32): void {
  nodes = n;
  builtEdges = m;
  deltaUsed = 0;
}
export function resetPosts(): void {
  postsUsed = 0;
  ampsUsed = 0;
}
export function setNodes(n: u32): void {
  nodes = n;
}
export function bumpDelta(): u32 {
  return deltaUsed++;
}
export function bumpPost(): u32 {
  return postsUsed++;
}
export function bumpAmp(): u32 {
  return ampsUsed++;
}
export function setParams(a: f64, halfLife: f64, epoch: f64, eps: f64, floor: f64): void {
  amplifierFloor = floor;
  alpha = a;
  chargeHalfLife = halfLife;
  chargeEpoch = epoch;
  pushEps = eps;
}

// Per slot: tau (restart mass not yet handed back, see reo-push.ts), queue head and length,
// seed count.
const slotTau: usize = memory.data(<i32>MAX_SLOTS * 8, 16);
const slotQHead: usize = memory.data(<i32>MAX_SLOTS * 4, 16);
const slotQLen: usize = memory.data(<i32>MAX_SLOTS * 4, 16);
const slotSeeds: usize = memory.data(<i32>MAX_SLOTS * 4, 16);

// @ts-ignore: decorator
@inline export function tauOf(slot: u32): f64 {
  return load<f64>(slotTau + (<usize>slot << 3));
}
// @ts-ignore: decorator
@inline export function setTau(slot: u32, v: f64): void {
  store<f64>(slotTau + (<usize>slot << 3), v);
}
// @ts-ignore: decorator
@inline export function qHead(slot: u32): u32 {
  return load<u32>(slotQHead + (<usize>slot << 2));
}
// @ts-ignore: decorator
@inline export function setQHead(slot: u32, v: u32): void {
  store<u32>(slotQHead + (<usize>slot << 2), v);
}
// @ts-ignore: decorator
@inline export function qLen(slot: u32): u32 {
  return load<u32>(slotQLen + (<usize>slot << 2));
}
// @ts-ignore: decorator
@inline export function setQLen(slot: u32, v: u32): void {
  store<u32>(slotQLen + (<usize>slot << 2), v);
}
// @ts-ignore: decorator
@inline export function seedsOf(slot: u32): u32 {
  return load<u32>(slotSeeds + (<usize>slot << 2));
}
// @ts-ignore: decorator
@inline export function setSeedCount(slot: u32, v: u32): void {
  store<u32>(slotSeeds + (<usize>slot << 2), v);
}
