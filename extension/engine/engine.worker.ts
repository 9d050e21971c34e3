// The engine's Web Worker: loads the kernel (SIMD build when supported, the plain build, or the
// TypeScript twin as a last resort) and serves EngineApi through Comlink.
import * as Comlink from "comlink"
import kernelUrl from "url:../../wasm/build/kernel.wasm"
import kernelSimdUrl from "url:../../wasm/build/kernel-simd.wasm"

import type { EngineApi } from "../../shared/engine/engine-api"
import { createEngineService } from "../../shared/engine/engine-service"
import { loadKernel } from "../../shared/engine/kernel/load-kernel"
import { exposeWhenReady } from "./expose-when-ready"

const urls = { wasm: kernelUrl, "wasm-simd": kernelSimdUrl } as const
const ready: Promise<EngineApi> = loadKernel({
  compile: (variant) => WebAssembly.compileStreaming(fetch(urls[variant])),
  warn: (message, cause) => console.warn(message, cause ?? "")
}).then(createEngineService)

Comlink.expose(exposeWhenReady(ready))
