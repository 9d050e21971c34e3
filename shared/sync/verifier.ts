import { initNostrWasm, type Nostr } from "nostr-wasm"
import { verifyEvent as pureVerifyEvent } from "nostr-tools/pure"
import { setNostrWasm } from "nostr-tools/wasm"

import type { SignedEvent } from "../nostr/event-schema"

export interface Verifier {
  /** "wasm" (libsecp256k1 through nostr-wasm) or "js" (nostr-tools' pure verifier, about 5x slower). */
  impl: "wasm" | "js"
  /** Id (sha256 of the NIP-01 serialisation) and BIP-340 signature. */
  verify(event: SignedEvent): boolean
}

export interface LoadVerifierOptions {
  /** Where a fallback is reported; never silent. */
  warn?: (message: string, cause?: unknown) => void
  /** Force the pure-JS verifier (tests, debugging). */
  prefer?: "js"
}

let wasmReady: Promise<Nostr> | undefined

const jsVerifier: Verifier = {
  impl: "js",
  // A fresh object: nostr-tools caches a verdict on the event under a symbol.
  verify: (event) => pureVerifyEvent({ ...event })
}

/**
 * nostr-wasm's check, as nostr-tools/wasm's verifyEvent makes it but without its verdict cache
 * (a symbol written on the event, which made us copy every event first): the id is hashed once,
 * in WASM, and compared, then the BIP-340 signature is verified. It throws on any failure.
 */
function wasmVerify(nw: Nostr, event: SignedEvent): boolean {
  try {
    nw.verifyEvent(event)
    return true
  } catch {
    return false
  }
}

/**
 * The WASM verifier when WebAssembly can load (an extension page or service worker needs
 * `'wasm-unsafe-eval'` in its CSP; Node always can), else the pure-JS one with a warning.
 * Loads once per context.
 */
export async function loadVerifier(opts: LoadVerifierOptions = {}): Promise<Verifier> {
  const warn = opts.warn ?? ((m: string, c?: unknown) => console.warn(m, c ?? ""))
  if (opts.prefer === "js") return jsVerifier
  try {
    wasmReady ??= initNostrWasm().then((nw) => {
      setNostrWasm(nw)
      return nw
    })
    const nw = await wasmReady
    return { impl: "wasm", verify: (event) => wasmVerify(nw, event) }
  } catch (err) {
    wasmReady = undefined
    warn("Synereo sync: WebAssembly signature verification could not load; using the slower JavaScript verifier", err)
    return jsVerifier
  }
}
