import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"

import { afterAll, expect, it } from "vitest"

const run = promisify(execFile)
const ROOT = resolve(__dirname, "..", "..")
const dir = mkdtempSync(join(tmpdir(), "synereo-start-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The first start ever signs and mines the demo's history (about a minute on a busy machine, kept
// in .data/demo afterwards); start.ts bounds each of its waits, this bounds the whole run.
const RUN_TIMEOUT_MS = 300_000

it("npm start's script brings up the local relay and the side panel, and writes a screenshot headless", async () => {
  const shot = join(dir, "panel.png")
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/start.ts", "--headless", "--once", "--fresh-profile", "--screenshot", shot], {
    cwd: ROOT,
    timeout: RUN_TIMEOUT_MS
  })
  expect(stdout).toMatch(/Local relay: ws:\/\/127\.0\.0\.1:7777/)
  expect(stdout).toContain(`Screenshot of the side panel: ${shot}`)
  const png = readFileSync(shot)
  expect(png.subarray(1, 4).toString()).toBe("PNG")
  expect(png.length).toBeGreaterThan(5_000)

  // The demo community seeded the local relay, and the extension's Stream shows it (through the
  // sync from the local relay) before the screenshot: posts, with likes and comments.
  expect(stdout).toMatch(/Demo community \(seed \d+\): \d{3,} people in \d+ communities/)
  const shown = /Side panel shows (\d+) posts from the demo community/.exec(stdout)
  expect(shown, stdout).not.toBeNull()
  expect(Number(shown![1])).toBeGreaterThanOrEqual(10)
  expect(stdout).toMatch(/Side panel: \d+ posts, with the demo's likes and comments/)
  // The screenshot reaches below the panel's window, down to several cards (PNG IHDR height).
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(1200)
}, RUN_TIMEOUT_MS + 10_000)
