// The verifier's WebAssembly for Node callers: loadVerifier({ source: nodeSecpSource }).
// Resolved from this file, so it works from any working directory.
import { readFile } from "node:fs/promises"
import { join } from "node:path"

import type { SecpSource } from "../../shared/sync"

export const SECP_DIR = join(__dirname, "..", "..", "wasm", "secp256k1")
export const SECP_WASM = join(SECP_DIR, "secp256k1.wasm")

let compiled: Promise<WebAssembly.Module> | undefined

/** Compiles the committed binary once per process; each loadVerifier still gets its own instance. */
export const nodeSecpSource: SecpSource = () => (compiled ??= readFile(SECP_WASM).then((bytes) => WebAssembly.compile(bytes)))
