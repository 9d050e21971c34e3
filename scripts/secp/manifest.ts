// What wasm/secp256k1/secp256k1.wasm is built from and how: the data build.ts runs and writes into
// secp256k1.wasm.json, and tests/sync/wasm-verifier-binary.test.ts holds the committed file to.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { SECP_DIR } from "./node-source"

export const MANIFEST_PATH = join(SECP_DIR, "secp256k1.wasm.json")

export const SOURCE = {
  name: "libsecp256k1 0.2.0 (upstream release tarball, as Debian ships it)",
  url: "http://deb.debian.org/debian/pool/main/libs/libsecp256k1/libsecp256k1_0.2.0.orig.tar.xz",
  file: "libsecp256k1_0.2.0.orig.tar.xz",
  sha256: "07c1d76fc485936138c6572e94374df22ba41df06617926572b8a690fe8bc34b",
  sha256From: "Debian bookworm's signed libsecp256k1 0.2.0 .dsc",
  tree: "libsecp256k1-0.2.0"
} as const

const SRC = SOURCE.tree

/** Each flag with why it is there; the order is the command line's. */
export const FLAGS: [flag: string, why: string][] = [
  ["--target=wasm32", "plain wasm32: no WASI, no Emscripten runtime, so the module imports nothing"],
  ["-O3", "speed; size is dominated by the precomputed table, not code"],
  ["-nostdlib", "no libc: shim.c has the four functions libsecp256k1 needs"],
  ["-ffreestanding", "with include/, the only headers are clang's own and ours"],
  ["-mbulk-memory", "memcpy/memset as memory.copy/memory.fill (Chrome 75, Firefox 79; we need 116/128)"],
  ["-Iinclude", "stdlib.h, string.h, stdio.h stand-ins"],
  [`-I${SRC}/src`, "wrapper.c includes secp256k1.c, the library's single-file build"],
  [`-I${SRC}/include`, "the public headers"],
  ["-DUSE_FORCE_WIDEMUL_INT64", "the 10x26 field and 8x32 scalar: 32x32->64-bit products, native i64.mul in WASM; the default 5x52 needs 64x64->128-bit products that WASM only has as calls to __multi3 (2.6x slower, same source and flags otherwise)"],
  ["-DECMULT_WINDOW_SIZE=12", "tables of 2 x 1,024 points (128 KiB): 80 µs per verification vs 84 (window 8, 59 KB file), 82 (10, 84 KB) and 79 (15, 1.1 MB); 12 is where a larger table stops paying, and the file stays smaller than nostr-wasm's (218 KB). src/precomputed_ecmult.c holds window 15 behind #if per size, so any window <= 15 compiles from it unchanged"],
  ["-DUSE_EXTERNAL_DEFAULT_CALLBACKS", "the illegal-argument and error callbacks are shim.c's traps instead of fprintf + abort"],
  ["-DENABLE_MODULE_EXTRAKEYS", "secp256k1_xonly_pubkey_parse"],
  ["-DENABLE_MODULE_SCHNORRSIG", "secp256k1_schnorrsig_verify (BIP-340, 0.2.0's msglen API)"],
  ["-Wl,--no-entry", "a library: no _start"],
  ["-Wl,--stack-first", "the 64 KiB stack below the data, so an overflow traps instead of overwriting the tables"],
  ["-Wl,-z,stack-size=65536", "verification uses a few KiB of stack"],
  ["wrapper.c", "the exports"],
  [`${SRC}/src/precomputed_ecmult.c`, "the verification tables (ECMULT_GEN_PREC_BITS is not set: verify-only, the static context links no signing table)"],
  ["shim.c", "malloc, memcpy, memmove, memset, memcmp, the callbacks"]
]

export const CLANG_ARGS = FLAGS.map(([flag]) => flag)

export interface SecpManifest {
  about: string
  source: typeof SOURCE
  flags: Record<string, string>
  compiler: string
  command: string[]
  output: { file: string; bytes: number; sha256: string; exports: string[]; imports: string[] }
}

/** The part of the manifest that does not depend on the build's result. */
export const MANIFEST_HEAD = {
  about: "How secp256k1.wasm was built: `npm run build:secp` (scripts/secp/build.ts) writes this file; `npm run build:secp -- --check` rebuilds and compares. See README.md.",
  source: SOURCE,
  flags: Object.fromEntries(FLAGS)
}

export function readManifest(): SecpManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as SecpManifest
}
