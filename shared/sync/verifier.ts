import { verifyEvent as pureVerifyEvent } from "nostr-tools/pure"

import type { SignedEvent } from "../nostr/event-schema"
import { loadSecp } from "./verify/secp-wasm"
import { secpSource, type SecpSource } from "./verify/wasm-source"
import { createWasmVerify } from "./verify/wasm-verifier"

export { setSecpSource, type SecpSource } from "./verify/wasm-source"

export interface Verifier {
  /** "wasm" (libsecp256k1 0.2.0, our build in wasm/secp256k1/) or "js" (nostr-tools' pure verifier, about 17x slower). */
  impl: "wasm" | "js"
  /** Id (sha256 of the NIP-01 serialisation) and BIP-340 signature; false, never a throw, for anything else. */
  verify(event: SignedEvent): boolean
}

export interface LoadVerifierOptions {
  /** Where a fallback is reported; never silent. */
  warn?: (message: string, cause?: unknown) => void
  /** Force the pure-JS verifier (tests, debugging). */
  prefer?: "js"
  /** Overrides where the WASM comes from (default: the one the service worker registered, or Node's file). */
  source?: SecpSource
}

let wasmReady: Promise<Verifier["verify"]> | undefined

const jsVerifier: Verifier = {
  impl: "js",
  // A fresh object: nostr-tools caches a verdict on the event under a symbol.
  verify: (event) => pureVerifyEvent({ ...event })
}

async function loadWasmVerify(source: SecpSource): Promise<Verifier["verify"]> {
  const check = createWasmVerify(await loadSecp(await source()))
  return (event) => {
    try {
      return check(event)
    } catch {
      // only a hostile object (a throwing getter, a cycle in tags) gets here
      return false
    }
  }
}

/**
 * The WASM verifier when WebAssembly can load (an extension page or service worker needs
 * `'wasm-unsafe-eval'` in its CSP; Node always can), else the pure-JS one with a warning.
 * Loads once per context. Why our own libsecp256k1 build (wasm/secp256k1/): its 32-bit limb
 * arithmetic is native in WASM, about 3x faster per signature than nostr-wasm's (docs/PERFORMANCE.md,
 * "Sync ingest"); why our own glue: it keeps each author's parsed key and decodes hex straight
 * into WASM memory.
 */
export async function loadVerifier(opts: LoadVerifierOptions = {}): Promise<Verifier> {
  const warn = opts.warn ?? ((m: string, c?: unknown) => console.warn(m, c ?? ""))
  if (opts.prefer === "js") return jsVerifier
  const source = opts.source ?? secpSource()
  if (!source) {
    warn("Synereo sync: no WebAssembly source for signature verification here; using the slower JavaScript verifier")
    return jsVerifier
  }
  try {
    const pending = opts.source ? loadWasmVerify(source) : (wasmReady ??= loadWasmVerify(source))
    return { impl: "wasm", verify: await pending }
  } catch (err) {
    if (!opts.source) wasmReady = undefined
    warn("Synereo sync: WebAssembly signature verification could not load; using the slower JavaScript verifier", err)
    return jsVerifier
  }
}
