// Scratch memory for per-call inputs and outputs.
//
// The kernel is built with the `stub` runtime and never allocates with `new`: the resident arena
// (layout.ts) starts at __heap_base and scratch regions follow it. The host asks for regions with
// `alloc`, writes typed arrays into them, passes their byte offsets to a kernel function, and reads
// results back. `resetHeap` drops every scratch region at once; the arena is untouched.
import { arenaEnd, arenaStart, ensureMemory } from "./layout";

let scratchTop: usize = 0;

function scratchBase(): usize {
  // Before the first `reserve` the arena is empty and scratch starts at the heap base.
  const base = arenaEnd > 0 ? arenaEnd : (__heap_base + 15) & ~(<usize>15);
  return base > arenaStart ? base : arenaStart;
}

/** Called by the host once per buffer it needs (a handful per call). Returns a 16-byte aligned offset. */
export function alloc(bytes: u32): usize {
  if (scratchTop < scratchBase()) scratchTop = scratchBase();
  const ptr = scratchTop;
  scratchTop = (ptr + <usize>bytes + 15) & ~(<usize>15);
  ensureMemory(scratchTop);
  return ptr;
}

/** Called by the host between calls. Invalidates every offset `alloc` returned before. */
export function resetHeap(): void {
  scratchTop = scratchBase();
}
