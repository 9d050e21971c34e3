import type { KernelImpl } from "./kernel/types"

/** A post as the engine sees it: identifiers and numbers only, never page content. */
export interface RankCandidate {
  id: string
  createdAt: number
  /** AMPs staked on the post, whole AMPs (ranking only). */
  amps: number
}

export interface RankedPost {
  id: string
  score: number
}

/**
 * The engine's API, declared once. The engine worker exposes it through Comlink
 * (extension/engine/); Node tests and benchmarks call the same object directly.
 */
export interface EngineApi {
  /** Which kernel is running: "wasm-simd", "wasm" or the "ts" fallback. */
  kernel(): KernelImpl
  /** Orders candidates for the Stream, best first; ties break by newer first, then by id. */
  rankStream(candidates: RankCandidate[], nowSec: number): RankedPost[]
}
