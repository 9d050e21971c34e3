/**
 * The kernel's contract. Two implementations export exactly this shape:
 * `createTsKernel()` (plain TypeScript, always available) and `createWasmKernel()` (the
 * AssemblyScript build). Parity tests feed both the same inputs and compare the outputs: integer
 * outputs bit-identical, floats within 1e-9 relative (in practice they are bit-identical too,
 * because both use only IEEE +, -, *, /, sqrt, floor and the same summation order).
 *
 * Identities are "caller ids": the engine's dense integer ids (0..nodes-1). The kernel renumbers
 * them internally for memory locality; nothing outside the kernel sees internal ids.
 */
export type KernelImpl = "wasm-simd" | "wasm" | "ts"

/** Sizes of the resident state; `reserve` lays it out once (docs/MODEL.md, wasm/assembly/layout.ts). */
export interface KernelCapacity {
  nodes: number
  edges: number
  /** Edges that may be added after a build before the engine must rebuild. */
  deltaEdges: number
  /** Reo slots: 0 is the viewer, the others hold community Reo. */
  slots: number
  /** Teleport entries per slot. */
  seedsPerSlot: number
  posts: number
  amplifications: number
}

/** A CSR graph by source in internal ids, with the renumbering (shared/engine/graph/build-csr.ts). */
export interface CsrGraph {
  nodes: number
  edges: number
  rowStart: Uint32Array
  col: Uint32Array
  weight: Float32Array
  /** caller id -> internal id */
  perm: Uint32Array
  /** internal id -> caller id */
  inv: Uint32Array
}

export interface KernelParams {
  /** Restart probability of the Reo walk (REO_RESTART). */
  alpha: number
  /** Charge half-life, seconds (CHARGE_HALF_LIFE_S). */
  chargeHalfLifeSec: number
  /** Time origin of stored charges, Unix seconds; rebased on every rebuild. */
  chargeEpochSec: number
  /** Residual push threshold per unit of degree (PUSH_EPSILON). */
  pushEpsilon: number
  /** Relative Reo (1 = average) an amplifier needs with the viewer for its AMPs to count (AMPLIFIER_REO_FLOOR). */
  amplifierReoFloor: number
}

export interface RankResult {
  /** Post indices (as returned by addPost), best first. */
  index: Uint32Array
  /** Their current, in Reo-relative charge units (see docs/MODEL.md). */
  current: Float64Array
}

export interface Kernel {
  readonly impl: KernelImpl
  /** The foundation slice's score; kept for callers of the first engine API. */
  scoreLinkPosts(createdAt: Float64Array, amps: Float64Array, nowSec: number): Float64Array

  /** Lays out resident memory for these sizes and empties graph and posts. Returns resident bytes. */
  reserve(cap: KernelCapacity): number
  configure(params: KernelParams): void
  /** Copies a built CSR in (n and m within the reserved capacity) and zeroes every Reo slot. */
  loadGraph(g: CsrGraph): void
  /** Appends identities up to `count` caller ids. False over capacity. */
  growNodes(count: number): boolean
  /** Adds dw engagement units to from->to, keeping every slot's push invariant. -1 when full, 0 for self. */
  addEdge(from: number, to: number, dw: number): number
  /** Sets a slot's teleport distribution (caller ids, masses >= 0, normalised by the kernel). */
  setSeeds(slot: number, nodes: Uint32Array, mass: Float64Array): boolean
  /** Full recompute: power iteration (at most maxIter sweeps, L1 tolerance tol), then exact residual. */
  reoRecompute(slot: number, maxIter: number, tol: number): number
  /** Settles queued residual; returns pushes done. */
  reoPush(slot: number): number
  reoOf(slot: number, node: number): number
  /** Reo of every caller id, length nodes. */
  reoVector(slot: number): Float64Array
  /** Sum of |residual|: the L1 bound on the error of the slot's estimate (times 1 - tau). */
  reoResidual(slot: number): number
  /** Reo of `target` from every identity's point of view (caller order), or null for an unknown target. */
  reoFromAll(target: number, maxIter: number, tol: number): Float64Array | null
  /** The viewer's flags (NODE_* in kernel/flags.ts) and dial for one source. */
  setNodeView(node: number, flags: number, dial: number): void

  /** Adds a post; returns its index, or -1 when the post capacity is full. */
  addPost(author: number, createdAt: number, capacity: number, hop: number, flags: number): number
  rechargePost(post: number, at: number, dq: number): void
  /** Raises capacity by dCap and refills; false when the amplification capacity is full. */
  amplifyPost(post: number, amplifier: number, at: number, dCap: number): boolean
  setPostFlags(post: number, flags: number): void
  postCharge(post: number, at: number): number
  /** The viewer's best k posts (excluding the viewer's own), allow = ALLOW_* mask. */
  rankStream(slot: number, viewer: number, allow: number, k: number, now: number): RankResult
  /** floor(Reo relative to average * 1e6) * attention[i], per viewer. */
  payoutWeights(slot: number, viewers: Uint32Array, attention: Uint32Array): BigInt64Array
  /** Label propagation; labels (one per caller id, in [0, labelSpace)) are updated in place. Returns sweeps. */
  labelCommunities(labels: Int32Array, labelSpace: number, maxIter: number): number

  nodeCount(): number
  edgeCount(): number
  postCount(): number
  /** Bytes of resident state (the arena), excluding per-call scratch. */
  residentBytes(): number
  /** Bytes of memory the kernel holds in total (WASM linear memory; the twin's typed arrays). */
  memoryBytes(): number
}
