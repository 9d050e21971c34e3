import type { LinkScore, RankCandidate } from "../engine-api"
import type { Kernel } from "../kernel/types"

/** The foundation slice's ordering: the kernel's scoreLinkPosts, then a total order for ties. */
export function rankLinks(kernel: Kernel, candidates: RankCandidate[], nowSec: number): LinkScore[] {
  const n = candidates.length
  const createdAt = new Float64Array(n)
  const amps = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    createdAt[i] = candidates[i]!.createdAt
    amps[i] = candidates[i]!.amps
  }
  const scores = kernel.scoreLinkPosts(createdAt, amps, nowSec)
  const order = Array.from({ length: n }, (_, i) => i)
  // A total order, so every peer and both kernels list equal scores the same way.
  order.sort((a, b) => {
    const d = scores[b]! - scores[a]!
    if (d !== 0) return d
    const t = candidates[b]!.createdAt - candidates[a]!.createdAt
    if (t !== 0) return t
    return candidates[a]!.id < candidates[b]!.id ? -1 : candidates[a]!.id > candidates[b]!.id ? 1 : 0
  })
  return order.map((i) => ({ id: candidates[i]!.id, score: scores[i]! }))
}
