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

it("npm start's script brings up the local relay and the side panel, and writes a screenshot headless", async () => {
  const shot = join(dir, "panel.png")
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/start.ts", "--headless", "--once", "--fresh-profile", "--screenshot", shot], {
    cwd: ROOT,
    timeout: 90_000
  })
  expect(stdout).toMatch(/Local relay: ws:\/\/127\.0\.0\.1:7777/)
  expect(stdout).toContain(`Screenshot of the side panel: ${shot}`)
  const png = readFileSync(shot)
  expect(png.subarray(1, 4).toString()).toBe("PNG")
  expect(png.length).toBeGreaterThan(5_000)
})
