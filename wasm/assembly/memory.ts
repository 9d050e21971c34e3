// Linear-memory management for the kernel.
//
// The kernel is built with the `stub` runtime: there is no garbage collector and nothing in a hot
// loop allocates. The host (the engine worker or a Node test) asks for regions with `alloc`, writes
// typed arrays into them, passes their byte offsets to a kernel function, and reads results back.
// `resetHeap` drops every region at once; callers do that between independent jobs.

/** Called by the host once per buffer it needs (a handful per job). Returns a 16-byte aligned offset. */
export function alloc(bytes: u32): usize {
  return heap.alloc(<usize>bytes);
}

/** Called by the host between jobs. Invalidates every offset `alloc` returned before. */
export function resetHeap(): void {
  heap.reset();
}
