// Where the verifier's WebAssembly comes from: wasm/secp256k1/secp256k1.wasm, a file, never
// inlined. The runtime decides how to reach it, so this module needs neither a bundler's `url:`
// scheme nor Node's fs: the extension's service worker registers a `url:` import (Parcel copies
// the file into the build; compileStreaming under 'wasm-unsafe-eval'), and Node callers (tests,
// benchmarks, scripts) pass scripts/secp/node-source.ts's reader to loadVerifier({ source }).

export type SecpSource = () => Promise<WebAssembly.Module>

let registered: SecpSource | undefined

/** Called once by the extension's service worker entry, before the first verification. */
export function setSecpSource(source: SecpSource): void {
  registered = source
}

/** The registered source; undefined where none is (the JS verifier is used, with a warning). */
export function secpSource(): SecpSource | undefined {
  return registered
}
