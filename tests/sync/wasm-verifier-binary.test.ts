// The committed libsecp256k1 binary (wasm/secp256k1/): it is what its manifest says (a stray
// edit or a rebuild without the manifest fails here, not in a browser), its exports are exactly
// what shared/sync/verify/secp-wasm.ts drives, and it gives BIP-340's own verdicts.
// bip340-vectors.csv is bitcoin/bips' bip-0340/test-vectors.csv (vectors 0-14), each checked
// against the copy in libsecp256k1 0.2.0's src/modules/schnorrsig/tests_impl.h.
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"

import { beforeAll, describe, expect, it } from "vitest"

import { readManifest, SECP_DIR, SECP_WASM } from "../../scripts/secp/manifest"
import { decodeHexInto } from "../../shared/sync/verify/hex"
import { loadSecp, SECP_EXPORTS, XONLY_PUBKEY_BYTES, type SecpExports } from "../../shared/sync/verify/secp-wasm"
import { secpSource } from "../../shared/sync/verify/wasm-source"

const manifest = readManifest()

describe("wasm/secp256k1: the committed binary", () => {
  it("matches its manifest's sha256 and size", () => {
    const bytes = readFileSync(SECP_WASM)
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(manifest.output.sha256)
    expect(bytes.length).toBe(manifest.output.bytes)
  })

  it("exports exactly what the glue drives, and imports nothing", async () => {
    const module = await secpSource()!()
    const exports = WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`)
    const expected = Object.entries(SECP_EXPORTS).map(([key, name]) => `${name}:${key === "memory" ? "memory" : "function"}`)
    expect(exports.sort()).toEqual(expected.sort())
    expect(WebAssembly.Module.imports(module)).toEqual([])
    expect(manifest.output.exports.sort()).toEqual(Object.values(SECP_EXPORTS).sort())
  })

  it("keeps libsecp256k1's licence beside it", () => {
    expect(existsSync(join(SECP_DIR, "COPYING"))).toBe(true)
    expect(readFileSync(join(SECP_DIR, "COPYING"), "utf8")).toMatch(/Permission is hereby granted, free of charge/)
  })
})

describe("wasm/secp256k1: BIP-340 test vectors", () => {
  const rows = readFileSync(join(__dirname, "bip340-vectors.csv"), "utf8").trim().split("\n").slice(1)
  const vectors = rows.map((line) => {
    const [index, , pubkey, , message, signature, result, comment] = line.split(",")
    return { index: Number(index), pubkey: pubkey!, message: message!, signature: signature!, valid: result === "TRUE", comment: comment || "" }
  })
  let secp: SecpExports
  let ctx: number
  let at: { key: number; parsed: number; msg: number; sig: number }

  beforeAll(async () => {
    secp = await loadSecp(await secpSource()!())
    ctx = secp.contextVerify()
    at = { key: secp.malloc(32), parsed: secp.malloc(XONLY_PUBKEY_BYTES), msg: secp.malloc(32), sig: secp.malloc(64) }
  })

  it("has all fifteen", () => {
    expect(vectors.map((v) => v.index)).toEqual([...Array(15).keys()])
  })

  it.each(vectors.map((v) => [`${v.index} ${v.valid ? "valid" : "invalid"}${v.comment ? `: ${v.comment}` : ""}`, v] as const))("%s", (_name, v) => {
    const heap = new Uint8Array(secp.memory.buffer)
    for (const [hex, bytes, to] of [[v.pubkey, 32, at.key], [v.message, 32, at.msg], [v.signature, 64, at.sig]] as const) {
      expect(decodeHexInto(hex, bytes, heap, to)).toBe(true)
    }
    const parsed = secp.xonlyPubkeyParse(ctx, at.parsed, at.key) === 1
    const verdict = parsed && secp.schnorrsigVerify(ctx, at.sig, at.msg, 32, at.parsed) === 1
    expect(verdict).toBe(v.valid)
    // the two vectors about the key itself are refused at the parse, as BIP-340's lift_x fails
    expect(parsed).toBe(!/public key/.test(v.comment))
  })
})
