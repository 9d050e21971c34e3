import type { KernelCapacity } from "../kernel/types"
import { COMMUNITY_SEEDS, COMMUNITY_SLOTS } from "../model/constants"

/**
 * Sizes for a rebuild with room to grow: a capacity that runs out forces another rebuild (a full
 * recompute), so the headroom trades memory for fewer of those. Deltas get half the edges (at
 * least 4,096), so a graph that keeps growing is rebuilt a logarithmic number of times.
 */
export function capacityFor(identities: number, edges: number, posts: number, amplifications: number): KernelCapacity {
  return {
    nodes: Math.ceil(identities * 1.25) + 64,
    edges,
    deltaEdges: Math.max(4096, Math.ceil(edges / 2)),
    slots: 1 + COMMUNITY_SLOTS,
    seedsPerSlot: COMMUNITY_SEEDS,
    posts: Math.ceil(posts * 1.5) + 256,
    amplifications: Math.ceil(amplifications * 1.5) + 64
  }
}
