/**
 * The kernel's contract. Two implementations export exactly this shape:
 * `createTsKernel()` (plain TypeScript, always available) and `createWasmKernel()` (the
 * AssemblyScript build). Parity tests feed both the same inputs and compare the outputs.
 */
export type KernelImpl = "wasm-simd" | "wasm" | "ts"

export interface Kernel {
  readonly impl: KernelImpl
  /**
   * Scores link posts for the Stream.
   * @param createdAt post creation times, Unix seconds
   * @param amps AMPs staked per post, whole AMPs (ranking only)
   * @param nowSec the viewer's clock, Unix seconds
   * @returns one score per post; higher ranks first
   */
  scoreLinkPosts(createdAt: Float64Array, amps: Float64Array, nowSec: number): Float64Array
}
