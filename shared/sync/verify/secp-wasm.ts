// The ABI of our libsecp256k1 build (wasm/secp256k1/: wrapper.c names the exports, the
// committed secp256k1.wasm and its manifest say how it was built). The module imports nothing;
// loadSecp refuses a binary whose exports differ, and the verifier runs known vectors at load,
// so a mismatched file falls back to JS instead of misbehaving.

/** The exports the verifier uses (pointers are byte offsets into `memory`). */
export interface SecpExports {
  memory: WebAssembly.Memory
  /** Bump allocation (16-byte aligned, never freed); may grow `memory`, detaching earlier views of it. */
  malloc(bytes: number): number
  sha256Initialize(hasher: number): void
  sha256Write(hasher: number, data: number, len: number): void
  sha256Finalize(hasher: number, out32: number): void
  /** libsecp256k1's static context after its self-test: all verification needs since 0.2.0. */
  contextVerify(): number
  /** 1 when the 32 bytes at `input32` are the x coordinate of a curve point; fills a 64-byte struct. */
  xonlyPubkeyParse(ctx: number, out64: number, input32: number): number
  /** 1 when the BIP-340 signature over the `msgLen` bytes at `msg` holds. */
  schnorrsigVerify(ctx: number, sig64: number, msg: number, msgLen: number, pubkey64: number): number
}

/** Export names, as wasm/secp256k1/wrapper.c and shim.c spell them. */
export const SECP_EXPORTS = {
  memory: "memory",
  malloc: "malloc",
  sha256Initialize: "sha256_initialize",
  sha256Write: "sha256_write",
  sha256Finalize: "sha256_finalize",
  contextVerify: "context_verify",
  xonlyPubkeyParse: "xonly_pubkey_parse",
  schnorrsigVerify: "schnorrsig_verify"
} as const satisfies Record<keyof SecpExports, string>

/** Bytes of libsecp256k1's opaque structs on wasm32 (wrapper.c asserts both at compile time). */
export const XONLY_PUBKEY_BYTES = 64
export const SHA256_STATE_BYTES = 104

export async function loadSecp(module: WebAssembly.Module): Promise<SecpExports> {
  const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name))
  const missing = Object.values(SECP_EXPORTS).filter((name) => !names.has(name))
  if (missing.length) throw new Error(`libsecp256k1 (WASM): exports ${missing.join(", ")} missing; not wasm/secp256k1's binary?`)
  if (WebAssembly.Module.imports(module).length) throw new Error("libsecp256k1 (WASM): the module imports something; not wasm/secp256k1's binary?")
  const raw = (await WebAssembly.instantiate(module, {})).exports
  const exports = Object.fromEntries(Object.entries(SECP_EXPORTS).map(([key, name]) => [key, raw[name]]))
  return exports as unknown as SecpExports
}
