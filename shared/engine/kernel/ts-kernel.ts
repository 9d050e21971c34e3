import { NONE } from "./flags"
import { propagate } from "./ts/communities"
import { addEdgeWeight, ensureNodes, loadGraph } from "./ts/graph"
import { weights } from "./ts/payout"
import { addPost, amplify, chargeAt, recharge } from "./ts/posts"
import { rankTopK } from "./ts/rank"
import { reoOfTargetFromAll } from "./ts/reach"
import { recompute } from "./ts/reo-full"
import { push, reoAt, residualMass } from "./ts/reo-push"
import { setSeeds } from "./ts/seeds"
import { newState, stateBytes, type TsState } from "./ts/state"
import { scoreLinkPosts } from "./stream-score"
import type { Kernel } from "./types"

const EMPTY = { nodes: 0, edges: 0, deltaEdges: 0, slots: 0, seedsPerSlot: 0, posts: 0, amplifications: 0 }

/**
 * The plain-TypeScript kernel: the reference, and the fallback when WebAssembly cannot load.
 * Each method forwards to the twin of the AssemblyScript function of the same name (kernel/ts/).
 */
export function createTsKernel(): Kernel {
  let st: TsState = newState(EMPTY)
  return {
    impl: "ts",
    scoreLinkPosts,
    reserve(cap) {
      st = newState(cap, st)
      return stateBytes(st)
    },
    configure(params) {
      st.alpha = params.alpha
      st.chargeHalfLife = params.chargeHalfLifeSec
      st.chargeEpoch = params.chargeEpochSec
      st.pushEps = params.pushEpsilon
      st.amplifierFloor = params.amplifierReoFloor
    },
    loadGraph: (g) => loadGraph(st, g),
    growNodes: (count) => ensureNodes(st, count),
    addEdge: (from, to, dw) => addEdgeWeight(st, from, to, dw),
    setSeeds: (slot, nodes, mass) => slot < st.slots.length && setSeeds(st, slot, nodes, mass),
    reoRecompute: (slot, maxIter, tol) => recompute(st, slot, maxIter, tol),
    reoPush: (slot) => push(st, slot),
    reoOf: (slot, v) => (v < st.nodes && slot < st.slots.length ? reoAt(st, slot, st.perm[v]!) : 0),
    reoVector(slot) {
      const out = new Float64Array(st.nodes)
      if (slot >= st.slots.length) return out
      for (let v = 0; v < st.nodes; v++) out[v] = reoAt(st, slot, st.perm[v]!)
      return out
    },
    reoResidual: (slot) => residualMass(st, slot),
    reoFromAll: (target, maxIter, tol) => reoOfTargetFromAll(st, target, maxIter, tol),
    setNodeView(v, flags, dial) {
      if (v >= st.nodes) return
      const i = st.perm[v]!
      st.nodeFlags[i] = flags
      st.dial[i] = dial
    },
    addPost(author, createdAt, capacity, hop, flags) {
      const i = addPost(st, author, createdAt, capacity, hop, flags)
      return i === NONE ? -1 : i
    },
    rechargePost: (post, at, dq) => recharge(st, post, at, dq),
    amplifyPost: (post, amplifier, at, dCap) => amplify(st, post, amplifier, at, dCap),
    setPostFlags(post, flags) {
      if (post < st.postsUsed) st.postFlags[post] = flags
    },
    postCharge: (post, at) => chargeAt(st, post, at),
    rankStream: (slot, viewer, allow, k, now) => rankTopK(st, slot, viewer, allow, k, now),
    payoutWeights: (slot, viewers, attention) => weights(st, slot, viewers, attention),
    labelCommunities: (labels, labelSpace, maxIter) => propagate(st, labels, labelSpace, maxIter),
    nodeCount: () => st.nodes,
    edgeCount: () => st.builtEdges + st.deltaUsed,
    postCount: () => st.postsUsed,
    residentBytes: () => stateBytes(st),
    memoryBytes: () => stateBytes(st)
  }
}
