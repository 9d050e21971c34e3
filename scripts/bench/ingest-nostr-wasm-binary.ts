// The ingest benchmark's "old" verifier: our glue (shared/sync/verify/wasm-verifier.ts) over the
// libsecp256k1 that nostr-wasm 0.1.0 ships (an Emscripten build with the 5x52 field, whose
// 128-bit products WASM runs as __multi3 calls), so that the A/B against our own build
// (wasm/secp256k1/) differs in the binary only. This ABI mapping was the verifier's until
// November 2026; it lives here now, for the benchmark alone.
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

import type { VerifyFn } from "../../shared/sync"
import type { SecpExports } from "../../shared/sync/verify/secp-wasm"
import { createWasmVerify } from "../../shared/sync/verify/wasm-verifier"

/** Its minified export names, from nostr-wasm's generated glue (dist/nostr.js). */
const NAMES = { memory: "g", init: "h", malloc: "i", sha256Initialize: "l", sha256Write: "m", sha256Finalize: "n", contextCreate: "o", xonlyPubkeyParse: "p", schnorrsigVerify: "u" } as const
/** SECP256K1_CONTEXT_VERIFY (a pre-0.2 build: it still needs a context built for verification). */
const CONTEXT_VERIFY = 257

function imports(heap: () => Uint8Array): WebAssembly.Imports {
  const fail = (what: string) => () => {
    throw new Error(`nostr-wasm's libsecp256k1: ${what}`)
  }
  // abort, emscripten_memcpy_js, resize_heap (a fixed 1 MiB heap), fd_close, fd_seek, fd_write
  return { a: { a: fail("abort"), f: (dst: number, src: number, n: number) => heap().copyWithin(dst, src, src + n), d: fail("out of memory"), e: () => 52, c: () => 70, b: fail("wrote to stdout/stderr") } }
}

export async function loadNostrWasmBinaryVerify(): Promise<VerifyFn> {
  // nostr-wasm's "exports" hide public/, but its main entry is dist/main.js beside it
  const main = createRequire(__filename).resolve("nostr-wasm")
  const module = await WebAssembly.compile(await readFile(join(dirname(main), "..", "public", "out", "secp256k1.wasm")))
  let heap: Uint8Array | undefined
  const raw = (await WebAssembly.instantiate(module, imports(() => heap!))).exports as Record<string, (...args: number[]) => number>
  const memory = raw[NAMES.memory] as unknown as WebAssembly.Memory
  heap = new Uint8Array(memory.buffer)
  raw[NAMES.init]!()
  const secp: SecpExports = {
    memory,
    malloc: raw[NAMES.malloc]!,
    sha256Initialize: raw[NAMES.sha256Initialize]!,
    sha256Write: raw[NAMES.sha256Write]!,
    sha256Finalize: raw[NAMES.sha256Finalize]!,
    contextVerify: () => raw[NAMES.contextCreate]!(CONTEXT_VERIFY),
    xonlyPubkeyParse: raw[NAMES.xonlyPubkeyParse]!,
    schnorrsigVerify: raw[NAMES.schnorrsigVerify]!
  }
  return createWasmVerify(secp)
}
