// Where the verifier's WebAssembly comes from: wasm/secp256k1/secp256k1.wasm, our libsecp256k1
// build, as a file (never inlined). The extension's service worker registers a `url:` import
// (extension/background/index.ts: Parcel copies the file into the build; compileStreaming under
// 'wasm-unsafe-eval'); Node (tests, benchmarks, scripts) reads the file beside this module's
// repository path. Callers may also pass their own to loadVerifier({ source }).

export type SecpSource = () => Promise<WebAssembly.Module>

let registered: SecpSource | undefined

/** Called once by the extension's service worker entry, before the first verification. */
export function setSecpSource(source: SecpSource): void {
  registered = source
}

interface NodeProcess {
  getBuiltinModule?(id: string): unknown
}

/**
 * Node's copy, read through `process.getBuiltinModule` (Node >= 20.16) rather than an import, so
 * Parcel neither bundles nor polyfills node:fs for the browser; found from this module's own
 * directory (tsx and vitest both define __dirname), so the working directory does not matter.
 */
function nodeSource(): SecpSource | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process
  if (typeof proc?.getBuiltinModule !== "function" || typeof __dirname !== "string") return undefined
  const { readFile } = proc.getBuiltinModule("node:fs/promises") as typeof import("node:fs/promises")
  const { join } = proc.getBuiltinModule("node:path") as typeof import("node:path")
  const file = join(__dirname, "..", "..", "..", "wasm", "secp256k1", "secp256k1.wasm")
  return async () => WebAssembly.compile(await readFile(file))
}

/** The registered source, else Node's; undefined where neither exists (the JS verifier is used). */
export function secpSource(): SecpSource | undefined {
  return registered ?? nodeSource()
}
