/**
 * The raw exports of wasm/build/kernel*.wasm (see wasm/assembly/index.ts for who calls each and how
 * often). Only numbers and byte offsets cross the boundary; wasm-kernel.ts adapts them to `Kernel`.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory
  alloc(bytes: number): number
  resetHeap(): void
  scoreLinkPosts(createdAtPtr: number, ampsPtr: number, n: number, nowSec: number, outPtr: number): void
  regionOffset(region: number, slot: number): number
  reserve(n: number, m: number, d: number, slots: number, seeds: number, posts: number, amps: number): number
  configure(alpha: number, chargeHalfLife: number, chargeEpoch: number, pushEps: number, amplifierFloor: number): void
  graphLoaded(n: number, m: number): void
  growNodes(count: number): number
  addEdge(from: number, to: number, dw: number): number
  setSeeds(slot: number, count: number): number
  reoRecompute(slot: number, maxIter: number, tol: number): number
  reoPush(slot: number): number
  reoOf(slot: number, v: number): number
  reoVector(slot: number, outPtr: number): void
  reoResidual(slot: number): number
  reoFromAll(target: number, maxIter: number, tol: number, outPtr: number, a: number, b: number, c: number): number
  setNodeView(v: number, flags: number, dial: number): void
  postAdd(author: number, createdAt: number, capacity: number, hop: number, flags: number): number
  postRecharge(i: number, t: number, dq: number): void
  postAmplify(i: number, amplifier: number, t: number, dCap: number): number
  postSetFlags(i: number, flags: number): void
  postCharge(i: number, t: number): number
  rankStream(slot: number, viewer: number, allow: number, k: number, now: number, outIdx: number, outCurrent: number): number
  payoutWeights(slot: number, viewers: number, attention: number, count: number, out: number): void
  labelCommunities(labels: number, labelSpace: number, maxIter: number, acc: number, touched: number): number
  stats(which: number): number
}

/** Region numbers of wasm/assembly/layout.ts that the host writes. */
export const REGION = {
  ROW_START: 0,
  COL: 1,
  WEIGHT: 2,
  PERM: 8,
  INV: 9,
  SEED_NODE: 16,
  SEED_MASS: 17
} as const

/** The only import the kernel may have: AssemblyScript calls `env.abort` on a failed assertion (debug build). */
export function kernelImports(): WebAssembly.Imports {
  return {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`wasm kernel aborted at ${line}:${column}`)
      }
    }
  }
}
