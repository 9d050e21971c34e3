import { simdSupported } from "./simd"
import { createTsKernel } from "./ts-kernel"
import type { Kernel } from "./types"
import { createWasmKernel } from "./wasm-kernel"

export type WasmVariant = "wasm-simd" | "wasm"

export interface LoadKernelOptions {
  /** Compiles one build of the kernel; the worker passes `compileStreaming(fetch(url))`. */
  compile(variant: WasmVariant): Promise<WebAssembly.Module>
  /** Where the fallback is reported; the worker passes `console`. */
  warn(message: string, cause?: unknown): void
  /** Overrides feature detection (tests, `?kernel=ts` for debugging). */
  prefer?: WasmVariant | "ts"
}

/**
 * Picks the fastest kernel this engine can run: the SIMD build when SIMD validates, the plain
 * build otherwise, and the TypeScript twin when WebAssembly is missing or fails to load (CSP,
 * corrupt file, old engine). A fallback is never silent.
 */
export async function loadKernel(opts: LoadKernelOptions): Promise<Kernel> {
  if (opts.prefer === "ts") return createTsKernel()
  if (typeof WebAssembly !== "object") {
    opts.warn("Synereo engine: WebAssembly is unavailable; using the TypeScript kernel")
    return createTsKernel()
  }
  const variant: WasmVariant = opts.prefer ?? (simdSupported() ? "wasm-simd" : "wasm")
  try {
    return await createWasmKernel(await opts.compile(variant), variant)
  } catch (err) {
    opts.warn(`Synereo engine: the ${variant} kernel failed to load; using the TypeScript kernel`, err)
    return createTsKernel()
  }
}
