// The kernel's resident memory, laid out once by `reserve` and never moved until the next `reserve`.
//
//  linear memory (byte offsets grow to the right; every region starts 16-byte aligned)
//
//  0        __heap_base   arena = align16(__heap_base)                          arenaEnd      memory end
//  |static data|          |<------------------ resident arena ------------------>|<-- scratch -->|
//
//  resident arena, in order (n = node capacity, m = edge capacity, d = delta edges, S = Reo slots,
//  K = seeds per slot, P = post capacity, A = amplification capacity):
//
//  GRAPH (CSR by source; rows sorted by target)             bytes
//   R_ROW_START   u32[n+1]  first edge of each row          4(n+1)
//   R_COL         u32[m]    target of each edge             4m      } 8 B per edge:
//   R_WEIGHT      f32[m]    engagement weight (EU)          4m      } the whole per-edge cost
//   R_OUT_W       f64[n]    sum of a row's weights          8n
//   R_DELTA_HEAD  u32[n]    first delta edge of a row, or NONE       4n
//   R_DELTA_DST   u32[d]    delta edges: edges added after the last build, one linked list per row
//   R_DELTA_W     f32[d]
//   R_DELTA_NEXT  u32[d]
//   R_PERM        u32[n]    caller's id -> internal id (internal ids are ordered for locality)
//   R_INV         u32[n]    internal id -> caller's id
//  VIEWER SETTINGS
//   R_DIAL        f32[n]    per-source dial (1 = neutral, 0 = muted)
//   R_NODE_FLAGS  u8[n]     FRIEND | IN_CHOSEN_COMMUNITY | BLOCKED
//  REO SLOTS (slot 0 = the viewer; 1..S-1 = communities), each slot s at base + s * stride:
//   R_P           f64[n]    settled Reo mass (the push estimate)
//   R_R           f64[n]    residual still to push (also the scratch vector of a full recompute)
//   R_QUEUE       u32[n]    ring buffer of nodes whose residual is over the push threshold
//   R_IN_QUEUE    u8[n]
//   R_SEED_NODE   u32[K]    teleport distribution, sparse (internal ids)
//   R_SEED_MASS   f64[K]
//  POSTS
//   R_POST_AUTHOR u32[P]    R_POST_CREATED f64[P]   R_POST_QSTAR f64[P]  (charge, see posts.ts)
//   R_POST_CAP    f64[P]    R_POST_ORG_CAP f64[P]   R_POST_HOP   f64[P]
//   R_POST_FLAGS  u32[P]    R_POST_AMP_HEAD u32[P]
//  AMPLIFICATIONS (one linked list per post)
//   R_AMP_NODE    u32[A]    R_AMP_CAP f64[A]        R_AMP_NEXT u32[A]
//
// Scratch (alloc/resetHeap in memory.ts) starts at arenaEnd: per-call inputs and outputs only.

export const NONE: u32 = 0xffffffff;

export const R_ROW_START = 0;
export const R_COL = 1;
export const R_WEIGHT = 2;
export const R_OUT_W = 3;
export const R_DELTA_HEAD = 4;
export const R_DELTA_DST = 5;
export const R_DELTA_W = 6;
export const R_DELTA_NEXT = 7;
export const R_PERM = 8;
export const R_INV = 9;
export const R_DIAL = 10;
export const R_NODE_FLAGS = 11;
export const R_QUEUE = 12;
export const R_IN_QUEUE = 13;
export const R_P = 14;
export const R_R = 15;
export const R_SEED_NODE = 16;
export const R_SEED_MASS = 17;
export const R_POST_AUTHOR = 18;
export const R_POST_CREATED = 19;
export const R_POST_QSTAR = 20;
export const R_POST_CAP = 21;
export const R_POST_ORG_CAP = 22;
export const R_POST_HOP = 23;
export const R_POST_FLAGS = 24;
export const R_POST_AMP_HEAD = 25;
export const R_AMP_NODE = 26;
export const R_AMP_CAP = 27;
export const R_AMP_NEXT = 28;
export const REGION_COUNT = 29;

// Region starts, indexed by R_*, in static data (the stub runtime's heap would collide with the
// arena, so nothing in the kernel allocates with `new`). Slot regions hold slot 0's start.
const offsets: usize = memory.data(REGION_COUNT * 8, 16);

export let nodeCap: u32 = 0;
export let edgeCap: u32 = 0;
export let deltaCap: u32 = 0;
export let slotCount: u32 = 0;
export let seedCap: u32 = 0;
export let postCap: u32 = 0;
export let ampCap: u32 = 0;
export let slotStride: usize = 0;
export let arenaStart: usize = 0;
export let arenaEnd: usize = 0;

// @ts-ignore: decorator
@inline export function at(region: i32): usize {
  return load<usize>(offsets + (<usize>region << 3));
}

// @ts-ignore: decorator
@inline export function slotAt(region: i32, slot: u32): usize {
  return load<usize>(offsets + (<usize>region << 3)) + <usize>slot * slotStride;
}

// @ts-ignore: decorator
@inline function align16(x: usize): usize {
  return (x + 15) & ~(<usize>15);
}

/** Grows linear memory to hold `end` bytes, once, so the hot loops never meet a growth. */
export function ensureMemory(end: usize): void {
  const have = <usize>memory.size() << 16;
  if (end <= have) return;
  const pages = <i32>((end - have + 0xffff) >> 16);
  if (memory.grow(pages) < 0) unreachable();
}

function setAt(region: i32, off: usize): void {
  store<usize>(offsets + (<usize>region << 3), off);
}

/** Places `bytes` at the cursor and returns the next 16-aligned cursor. */
function place(region: i32, cur: usize, bytes: usize): usize {
  setAt(region, cur);
  return align16(cur + bytes);
}

export function layOut(n: u32, m: u32, d: u32, slots: u32, seeds: u32, posts: u32, amps: u32): usize {
  nodeCap = n;
  edgeCap = m;
  deltaCap = d;
  slotCount = slots;
  seedCap = seeds;
  postCap = posts;
  ampCap = amps;
  const N = <usize>n;
  const M = <usize>m;
  const D = <usize>d;
  const K = <usize>seeds;
  const P = <usize>posts;
  const A = <usize>amps;
  arenaStart = align16(__heap_base);
  let cur = arenaStart;
  cur = place(R_ROW_START, cur, 4 * (N + 1));
  cur = place(R_COL, cur, 4 * M);
  cur = place(R_WEIGHT, cur, 4 * M);
  cur = place(R_OUT_W, cur, 8 * N);
  cur = place(R_DELTA_HEAD, cur, 4 * N);
  cur = place(R_DELTA_DST, cur, 4 * D);
  cur = place(R_DELTA_W, cur, 4 * D);
  cur = place(R_DELTA_NEXT, cur, 4 * D);
  cur = place(R_PERM, cur, 4 * N);
  cur = place(R_INV, cur, 4 * N);
  cur = place(R_DIAL, cur, 4 * N);
  cur = place(R_NODE_FLAGS, cur, N);
  // Slot-major: P R QUEUE IN_QUEUE SEED_NODE SEED_MASS | P R ... | ...
  const slotStart = cur;
  cur = place(R_P, cur, 8 * N);
  cur = place(R_R, cur, 8 * N);
  cur = place(R_QUEUE, cur, 4 * N);
  cur = place(R_IN_QUEUE, cur, N);
  cur = place(R_SEED_NODE, cur, 4 * K);
  cur = place(R_SEED_MASS, cur, 8 * K);
  slotStride = cur - slotStart;
  cur = slotStart + slotStride * <usize>slots;
  cur = place(R_POST_AUTHOR, cur, 4 * P);
  cur = place(R_POST_CREATED, cur, 8 * P);
  cur = place(R_POST_QSTAR, cur, 8 * P);
  cur = place(R_POST_CAP, cur, 8 * P);
  cur = place(R_POST_ORG_CAP, cur, 8 * P);
  cur = place(R_POST_HOP, cur, 8 * P);
  cur = place(R_POST_FLAGS, cur, 4 * P);
  cur = place(R_POST_AMP_HEAD, cur, 4 * P);
  cur = place(R_AMP_NODE, cur, 4 * A);
  cur = place(R_AMP_CAP, cur, 8 * A);
  cur = place(R_AMP_NEXT, cur, 4 * A);
  arenaEnd = cur;
  ensureMemory(arenaEnd);
  return arenaEnd - arenaStart;
}
