// Loads each kernel build for the engine benchmark, from wasm/build (npm run bench builds it first).
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import type { Kernel, KernelImpl } from "../../shared/engine/kernel/types"
import { createWasmKernel } from "../../shared/engine/kernel/wasm-kernel"

const FILES = { "wasm-simd": "kernel-simd.wasm", wasm: "kernel.wasm" } as const

export const KERNEL_IMPLS: KernelImpl[] = ["wasm-simd", "wasm", "ts"]

/** A fresh instance: every graph size gets its own linear memory, so high-water marks don't carry over. */
export async function loadKernel(impl: KernelImpl): Promise<Kernel> {
  if (impl === "ts") return createTsKernel()
  const bytes = readFileSync(join(__dirname, "..", "..", "wasm", "build", FILES[impl]))
  return createWasmKernel(new WebAssembly.Module(bytes), impl)
}
