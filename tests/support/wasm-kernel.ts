import { readFileSync } from "node:fs"
import { join } from "node:path"

import { createWasmKernel } from "../../shared/engine/kernel/wasm-kernel"
import type { WasmVariant } from "../../shared/engine/kernel/load-kernel"

const FILES: Record<WasmVariant, string> = { "wasm-simd": "kernel-simd.wasm", wasm: "kernel.wasm" }

/** Compiles a kernel build from wasm/build (run `npm run build:wasm` first; `npm test` does). */
export function compileKernelModule(variant: WasmVariant): WebAssembly.Module {
  const path = join(__dirname, "..", "..", "wasm", "build", FILES[variant])
  return new WebAssembly.Module(readFileSync(path))
}

export function loadWasmKernel(variant: WasmVariant) {
  return createWasmKernel(compileKernelModule(variant), variant)
}
