import type { Kernel, KernelImpl } from "./types"
import { kernelImports, type KernelExports } from "./wasm-exports"

/**
 * Instantiates the AssemblyScript kernel from a compiled module. The caller compiles the module
 * (`WebAssembly.compileStreaming(fetch(url))` in the browser, `new WebAssembly.Module(bytes)` in
 * Node), so this file needs neither `fetch` nor `fs`.
 */
export async function createWasmKernel(module: WebAssembly.Module, impl: Exclude<KernelImpl, "ts">): Promise<Kernel> {
  const instance = await WebAssembly.instantiate(module, kernelImports())
  const x = instance.exports as unknown as KernelExports

  // Views must be re-created after every alloc: growing memory detaches the old ArrayBuffer.
  const f64 = (ptr: number, n: number) => new Float64Array(x.memory.buffer, ptr, n)

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
    }
  }
}
