// `npm run build:secp`: rebuilds wasm/secp256k1/secp256k1.wasm, the verifier's libsecp256k1, from
// the released 0.2.0 source (checked against its sha256) with clang-14 and wasm-ld, and rewrites
// the manifest beside it. The binary is committed: CI and `npm run build` have no clang and never
// run this. `npm run build:secp -- --check` rebuilds into a temporary directory and fails unless
// the result is byte-identical to the committed file and its manifest.
//
//   npm run build:secp [-- --source path/to/libsecp256k1_0.2.0.orig.tar.xz] [-- --check]
//   CLANG=/path/to/clang npm run build:secp   (default: Debian's clang-14)
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

import { COMMANDS, MANIFEST_HEAD, MANIFEST_PATH, readManifest, SECP_DIR, SECP_WASM, SOURCE, type SecpManifest } from "./manifest"

const ROOT = resolve(__dirname, "..", "..")
/** Where a downloaded tarball is kept between runs (gitignored). */
const CACHE = join(ROOT, ".tmp", "secp", SOURCE.file)
/** Our sources copied next to the extracted tree, so every path clang sees is relative. */
const OWN_FILES = ["wrapper.c", "shim.c", "include"]

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" })
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr}`)
  return r.stdout + r.stderr
}

async function sourceTarball(given: string | undefined): Promise<Buffer> {
  const path = given ?? CACHE
  if (!given && !existsSync(CACHE)) {
    console.log(`Downloading ${SOURCE.url}`)
    const res = await fetch(SOURCE.url)
    if (!res.ok) throw new Error(`${SOURCE.url}: HTTP ${res.status}`)
    mkdirSync(join(CACHE, ".."), { recursive: true })
    writeFileSync(CACHE, Buffer.from(await res.arrayBuffer()))
  }
  const bytes = readFileSync(path)
  const got = sha256(bytes)
  if (got !== SOURCE.sha256) throw new Error(`${path}: sha256 ${got}, expected ${SOURCE.sha256} (${SOURCE.sha256From})`)
  return bytes
}

function clangVersion(clang: string): string {
  const r = spawnSync(clang, ["--version"], { encoding: "utf8" })
  if (r.error || r.status !== 0) throw new Error(`${clang} not found: install clang-14 and lld-14 (Debian: apt-get install clang-14 lld-14) or set CLANG`)
  return r.stdout.split("\n")[0]!.trim()
}

/** Builds in a fresh temporary directory; returns the binary and what the manifest records. */
async function build(opts: { source?: string; clang: string }): Promise<{ wasm: Buffer; copying: Buffer; manifest: SecpManifest }> {
  const tarball = await sourceTarball(opts.source)
  const compiler = clangVersion(opts.clang)
  const dir = mkdtempSync(join(tmpdir(), "secp-build-"))
  try {
    writeFileSync(join(dir, SOURCE.file), tarball)
    run("tar", ["-xJf", SOURCE.file], dir)
    for (const f of OWN_FILES) cpSync(join(SECP_DIR, f), join(dir, f), { recursive: true })
    for (const args of COMMANDS) {
      const log = run(opts.clang, args, dir)
      if (log.trim()) throw new Error(`clang printed warnings; the build is meant to be clean:\n${log}`)
    }
    const wasm = readFileSync(join(dir, "secp256k1.wasm"))
    const copying = readFileSync(join(dir, SOURCE.tree, "COPYING"))
    const module = new WebAssembly.Module(wasm)
    const manifest: SecpManifest = {
      ...MANIFEST_HEAD,
      compiler,
      commands: COMMANDS.map((args) => ["clang", ...args]),
      output: {
        file: "secp256k1.wasm",
        bytes: wasm.length,
        sha256: sha256(wasm),
        exports: WebAssembly.Module.exports(module).map((e) => e.name),
        imports: WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`)
      }
    }
    return { wasm, copying, manifest }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const check = argv.includes("--check")
  const at = argv.indexOf("--source")
  const source = at >= 0 ? argv[at + 1] : undefined
  const clang = process.env.CLANG ?? "/usr/lib/llvm-14/bin/clang"
  const { wasm, copying, manifest } = await build({ source, clang })
  const line = `${manifest.output.file}: ${manifest.output.bytes.toLocaleString("en")} bytes, sha256 ${manifest.output.sha256} (${manifest.compiler})`
  if (check) {
    const committed = readManifest()
    const problems = [
      sha256(readFileSync(SECP_WASM)) !== manifest.output.sha256 && "the committed secp256k1.wasm differs from the rebuild",
      committed.output.sha256 !== manifest.output.sha256 && `the manifest records ${committed.output.sha256}`,
      committed.compiler !== manifest.compiler && `(the manifest's compiler: ${committed.compiler}; another clang gives other bytes)`,
      JSON.stringify(committed) !== JSON.stringify(manifest) && "secp256k1.wasm.json differs from what this build writes (flags or reasons edited in scripts/secp/manifest.ts?)",
      !readFileSync(join(SECP_DIR, "COPYING")).equals(copying) && "COPYING differs from the source's"
    ].filter(Boolean)
    console.log(`Rebuilt ${line}`)
    if (problems.length) throw new Error(`--check failed:\n  ${problems.join("\n  ")}`)
    console.log("--check: identical to the committed binary and manifest")
    return
  }
  writeFileSync(SECP_WASM, wasm)
  writeFileSync(join(SECP_DIR, "COPYING"), copying)
  writeFileSync(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + "\n")
  console.log(`Wrote ${line}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
