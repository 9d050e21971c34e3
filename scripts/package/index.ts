// `npm run package`: builds the Chrome Web Store zip and the Firefox (AMO) zip, then checks each
// archive (permissions, CSP, no remote code, no eval) and prints where they are and how big.
//
//   npm run package                 build both, then check
//   npm run package -- --no-build   check the zips already in build/ (build only what is missing)
import { spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import { join, resolve } from "node:path"

import { checkPackage, type CheckReport } from "./checks"
import { TARGETS, type PackageTarget } from "./targets"
import { readZip } from "./zip-reader"

export const ROOT = resolve(__dirname, "..", "..")

export function buildTarget(target: PackageTarget): void {
  // --hoist: scope hoisting lets Parcel drop unused exports (zod locales, …): about half the bundle size.
  const args = ["plasmo", "build", "--src-path=extension", "--tag=store", "--zip", "--hoist"]
  if (target.plasmoTarget !== "chrome-mv3") args.push(`--target=${target.plasmoTarget}`)
  console.log(`\n> npx ${args.join(" ")}`)
  const r = spawnSync("npx", args, { cwd: ROOT, stdio: "inherit" })
  if (r.status !== 0) throw new Error(`plasmo build for ${target.plasmoTarget} failed (exit ${r.status})`)
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`
}

export interface PackageResult {
  target: PackageTarget
  zipPath: string
  zipBytes: number
  report: CheckReport
}

/** Builds (unless `reuse` and the zip exists) and checks every target. */
export function packageAll(opts: { reuse: boolean; log?: (line: string) => void }): PackageResult[] {
  const log = opts.log ?? console.log
  const results: PackageResult[] = []
  for (const target of TARGETS) {
    const zipPath = join(ROOT, target.zip)
    if (!opts.reuse || !existsSync(zipPath)) buildTarget(target)
    const report = checkPackage(readZip(zipPath), target)
    results.push({ target, zipPath, zipBytes: statSync(zipPath).size, report })
  }
  log("")
  for (const r of results) {
    log(`${r.target.name}: ${r.target.zip}  ${kib(r.zipBytes)} (${kib(r.report.unpackedBytes)} unpacked, ${r.report.fileCount} files)`)
    for (const p of r.report.passed) log(`  ✓ ${p}`)
    for (const n of r.report.notes) log(`  · ${n}`)
    for (const e of r.report.errors) log(`  ✗ ${e}`)
  }
  return results
}

if (require.main === module) {
  const reuse = process.argv.includes("--no-build")
  try {
    const results = packageAll({ reuse })
    const failed = results.filter((r) => r.report.errors.length > 0)
    if (failed.length) {
      console.error(`\nPackage checks failed for: ${failed.map((r) => r.target.name).join(", ")}`)
      process.exit(1)
    }
    console.log("\nBoth packages passed their checks. Upload steps: docs/store/description.md.")
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
}
