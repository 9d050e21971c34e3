import type { EngineApi, RankCandidate, RankedPost } from "./engine-api"
import type { Kernel } from "./kernel/types"

/** Builds the engine over a loaded kernel (WASM or its TypeScript twin). */
export function createEngineService(kernel: Kernel): EngineApi {
  return {
    kernel: () => kernel.impl,
    rankStream(candidates: RankCandidate[], nowSec: number): RankedPost[] {
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
  }
}
