// What wasm/secp256k1/secp256k1.wasm is built from and how: the data build.ts runs and writes into
// secp256k1.wasm.json, and tests/sync/wasm-verifier-binary.test.ts holds the committed file to.
import { readFileSync } from "node:fs"
import { join } from "node:path"

/** The committed build, its sources and licence (shared/sync/verify/wasm-source.ts reads the .wasm in Node). */
export const SECP_DIR = join(__dirname, "..", "..", "wasm", "secp256k1")
export const SECP_WASM = join(SECP_DIR, "secp256k1.wasm")
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

/** Compile flags, each with why it is there; the order is the command line's. */
const COMPILE: [flag: string, why: string][] = [
  ["--target=wasm32", "plain wasm32: no WASI, no Emscripten runtime, so the module imports nothing"],
  ["-O3", "speed; size is dominated by the precomputed table, not code"],
  ["-ffreestanding", "with include/, the only headers are clang's own and ours (no libc: shim.c has what libsecp256k1 needs)"],
  ["-mbulk-memory", "memcpy/memset as memory.copy/memory.fill (Chrome 75, Firefox 79; the extension needs 116/128)"],
  ["-Iinclude", "stdlib.h, string.h, stdio.h stand-ins"],
  [`-I${SRC}/src`, "wrapper.c includes secp256k1.c, the library's single-file build"],
  [`-I${SRC}/include`, "the public headers"],
  ["-DUSE_FORCE_WIDEMUL_INT64", "the 10x26 field and 8x32 scalar: 32x32->64-bit products, native i64.mul in WASM; the default 5x52 needs 64x64->128-bit products that WASM only has as calls to __multi3 (2.6x slower with the same source and flags otherwise)"],
  ["-DECMULT_WINDOW_SIZE=12", "tables of 2 x 1,024 points (128 KiB): 79-80 µs per event vs 84 (window 8, 59 KB file), 82 (10, 84 KB) and 79-80 (15, 1.1 MB); past 12 a larger table stops paying, and the file stays smaller than nostr-wasm's (218 KB). src/precomputed_ecmult.c holds window 15 behind an #if per size, so any window <= 15 compiles from it unchanged"],
  ["-DUSE_EXTERNAL_DEFAULT_CALLBACKS", "the illegal-argument and error callbacks are shim.c's traps instead of fprintf + abort"],
  ["-DENABLE_MODULE_EXTRAKEYS", "secp256k1_xonly_pubkey_parse"],
  ["-DENABLE_MODULE_SCHNORRSIG", "secp256k1_schnorrsig_verify (BIP-340, 0.2.0's msglen API)"]
]

/** Compiled one by one (ECMULT_GEN_PREC_BITS is not set: verify-only, the static context links no signing table). */
const SOURCES: [file: string, why: string][] = [
  ["wrapper.c", "the exports, over secp256k1.c"],
  [`${SRC}/src/precomputed_ecmult.c`, "the verification tables"],
  ["shim.c", "malloc, memcpy, memmove, memset, memcmp, the callbacks"]
]

/** Link flags. No -O here: clang 14 then runs whatever wasm-opt is on PATH (npm puts binaryen's there), so the bytes would depend on PATH. */
const LINK: [flag: string, why: string][] = [
  ["--target=wasm32", "wasm-ld"],
  ["-nostdlib", "no libc, no compiler-rt: the 10x26 arithmetic needs no __multi3"],
  ["-Wl,--no-entry", "a library: no _start"],
  ["-Wl,--stack-first", "the 64 KiB stack below the data, so an overflow traps instead of overwriting the tables"],
  ["-Wl,-z,stack-size=65536", "verification uses a few KiB of stack"]
]

const object = (file: string) => file.replace(/^.*\//, "").replace(/\.c$/, ".o")

/** The clang command lines, in order, run in a directory holding the extracted source and our files. */
export const COMMANDS: string[][] = [
  ...SOURCES.map(([file]) => [...COMPILE.map(([flag]) => flag), "-c", file, "-o", object(file)]),
  [...LINK.map(([flag]) => flag), ...SOURCES.map(([file]) => object(file)), "-o", "secp256k1.wasm"]
]

export interface SecpManifest {
  about: string
  source: typeof SOURCE
  why: { compile: Record<string, string>; sources: Record<string, string>; link: Record<string, string> }
  compiler: string
  commands: string[][]
  output: { file: string; bytes: number; sha256: string; exports: string[]; imports: string[] }
}

/** The part of the manifest that does not depend on the build's result. */
export const MANIFEST_HEAD = {
  about: "How secp256k1.wasm was built: `npm run build:secp` (scripts/secp/build.ts) writes this file; `npm run build:secp -- --check` rebuilds and compares. See README.md.",
  source: SOURCE,
  why: { compile: Object.fromEntries(COMPILE), sources: Object.fromEntries(SOURCES), link: Object.fromEntries(LINK) }
}

export function readManifest(): SecpManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as SecpManifest
}
