import { scoreLinkPosts } from "./stream-score"
import type { Kernel } from "./types"

/** The plain-TypeScript kernel: the reference, and the fallback when WebAssembly cannot load. */
export function createTsKernel(): Kernel {
  return { impl: "ts", scoreLinkPosts }
}
