import { NONE } from "./flags"
import type { Kernel, KernelImpl } from "./types"
import { REGION, kernelImports, type KernelExports } from "./wasm-exports"

/**
 * Instantiates the AssemblyScript kernel from a compiled module. The caller compiles the module
 * (`WebAssembly.compileStreaming(fetch(url))` in the browser, `new WebAssembly.Module(bytes)` in
 * Node), so this file needs neither `fetch` nor `fs`.
 *
 * Resident state stays in linear memory between calls; per-call inputs and outputs go through
 * scratch (`alloc`, dropped by `resetHeap` at the start of the next call that needs scratch).
 */
export async function createWasmKernel(module: WebAssembly.Module, impl: Exclude<KernelImpl, "ts">): Promise<Kernel> {
  const instance = await WebAssembly.instantiate(module, kernelImports())
  const x = instance.exports as unknown as KernelExports

  // Views must be re-created after every alloc: growing memory detaches the old ArrayBuffer.
  const f64 = (ptr: number, n: number) => new Float64Array(x.memory.buffer, ptr, n)
  const u32 = (ptr: number, n: number) => new Uint32Array(x.memory.buffer, ptr, n)
  const nodes = () => x.stats(0)

  return {
    impl,
    scoreLinkPosts(createdAt, amps, nowSec) {
      const n = createdAt.length
      x.resetHeap()
      const pCreated = x.alloc(n * 8)
      const pAmps = x.alloc(n * 8)
      const pOut = x.alloc(n * 8)
      f64(pCreated, n).set(createdAt)
      f64(pAmps, n).set(amps)
      x.scoreLinkPosts(pCreated, pAmps, n, nowSec, pOut)
      return f64(pOut, n).slice()
    },
    reserve(cap) {
      return x.reserve(cap.nodes, cap.edges, cap.deltaEdges, cap.slots, cap.seedsPerSlot, cap.posts, cap.amplifications)
    },
    configure(p) {
      x.configure(p.alpha, p.chargeHalfLifeSec, p.chargeEpochSec, p.pushEpsilon, p.amplifierReoFloor)
    },
    loadGraph(g) {
      u32(x.regionOffset(REGION.ROW_START, 0), g.nodes + 1).set(g.rowStart.subarray(0, g.nodes + 1))
      u32(x.regionOffset(REGION.COL, 0), g.edges).set(g.col.subarray(0, g.edges))
      new Float32Array(x.memory.buffer, x.regionOffset(REGION.WEIGHT, 0), g.edges).set(g.weight.subarray(0, g.edges))
      u32(x.regionOffset(REGION.PERM, 0), g.nodes).set(g.perm.subarray(0, g.nodes))
      u32(x.regionOffset(REGION.INV, 0), g.nodes).set(g.inv.subarray(0, g.nodes))
      x.graphLoaded(g.nodes, g.edges)
    },
    growNodes: (count) => x.growNodes(count) !== 0,
    addEdge: (from, to, dw) => x.addEdge(from, to, dw),
    setSeeds(slot, ids, mass) {
      const pn = x.regionOffset(REGION.SEED_NODE, slot)
      const pm = x.regionOffset(REGION.SEED_MASS, slot)
      if (pn === 0 || ids.length !== mass.length) return false
      // The kernel checks the count against its capacity before reading; write only what fits.
      const room = Math.max(0, Math.floor((pm - pn) / 4))
      if (ids.length > room) return x.setSeeds(slot, ids.length) !== 0
      u32(pn, ids.length).set(ids)
      f64(pm, ids.length).set(mass)
      return x.setSeeds(slot, ids.length) !== 0
    },
    reoRecompute: (slot, maxIter, tol) => x.reoRecompute(slot, maxIter, tol),
    reoPush: (slot) => x.reoPush(slot),
    reoOf: (slot, v) => x.reoOf(slot, v),
    reoVector(slot) {
      const n = nodes()
      x.resetHeap()
      const out = x.alloc(n * 8)
      x.reoVector(slot, out)
      return f64(out, n).slice()
    },
    reoResidual: (slot) => x.reoResidual(slot),
    reoFromAll(target, maxIter, tol) {
      const n = nodes()
      x.resetHeap()
      const out = x.alloc(n * 8)
      const a = x.alloc(n * 8)
      const b = x.alloc(n * 8)
      const c = x.alloc(n * 8)
      if (x.reoFromAll(target, maxIter, tol, out, a, b, c) === 0) return null
      return f64(out, n).slice()
    },
    setNodeView: (v, flags, dial) => x.setNodeView(v, flags, dial),
    addPost(author, createdAt, capacity, hop, flags) {
      const i = x.postAdd(author, createdAt, capacity, hop, flags) >>> 0
      return i === NONE ? -1 : i
    },
    rechargePost: (post, at, dq) => x.postRecharge(post, at, dq),
    amplifyPost: (post, amplifier, at, dCap) => x.postAmplify(post, amplifier, at, dCap) !== 0,
    setPostFlags: (post, flags) => x.postSetFlags(post, flags),
    postCharge: (post, at) => x.postCharge(post, at),
    rankStream(slot, viewer, allow, k, now) {
      x.resetHeap()
      const pi = x.alloc(k * 4)
      const pc = x.alloc(k * 8)
      const count = x.rankStream(slot, viewer, allow, k, now, pi, pc)
      return { index: u32(pi, count).slice(), current: f64(pc, count).slice() }
    },
    payoutWeights(slot, viewers, attention) {
      const n = viewers.length
      x.resetHeap()
      const pv = x.alloc(n * 4)
      const pa = x.alloc(n * 4)
      const po = x.alloc(n * 8)
      u32(pv, n).set(viewers)
      u32(pa, n).set(attention)
      x.payoutWeights(slot, pv, pa, n, po)
      return new BigInt64Array(x.memory.buffer, po, n).slice()
    },
    labelCommunities(labels, labelSpace, maxIter) {
      const n = nodes()
      x.resetHeap()
      const pl = x.alloc(n * 4)
      const pacc = x.alloc(labelSpace * 8)
      const pt = x.alloc(n * 4)
      new Int32Array(x.memory.buffer, pl, n).set(labels.subarray(0, n))
      f64(pacc, labelSpace).fill(0)
      const sweeps = x.labelCommunities(pl, labelSpace, maxIter, pacc, pt)
      labels.set(new Int32Array(x.memory.buffer, pl, n))
      return sweeps
    },
    nodeCount: nodes,
    edgeCount: () => x.stats(1),
    postCount: () => x.stats(2),
    residentBytes: () => x.stats(3),
    memoryBytes: () => x.memory.buffer.byteLength
  }
}
