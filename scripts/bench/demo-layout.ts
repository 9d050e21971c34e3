// The side panel reopened on the demo community, for a person who follows some of its people: how
// far the cards move after they paint (layout shift inside the list). Unlike first-paint's
// synthetic posts, the demo's have several amplifiers, notes, likes and comment threads, and the
// person's follows give the engine a ranking to apply, so everything that fills in late is there.
// `npm run bench -- demo-layout`; DEMO_LAYOUT_COMPARE=<build dir>[,…] measures other builds in the
// same run, reloads alternated. The demo's signed history is kept in .data/demo (made on first use,
// about a minute); the relay is a fresh one on a free port.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative, resolve } from "node:path"

import type { Page } from "puppeteer-core"

import { startRelay } from "../../relay"
import { EXTENSION_DIR, launchWithExtension, type ExtensionSession } from "../browser/launch-extension"
import { startDemo } from "../demo/run-demo"
import { median, printTable, type Benchmark } from "./harness"
import { listShift, type ListShift } from "./list-shift"

const FOLLOWS = 8
const RELOADS = Number(process.env.DEMO_LAYOUT_RELOADS ?? 5)
/** After the engine has ranked: its second ranking comes 1.2 s after opening (use-stream-model.ts). */
const SETTLE_MS = 3_000

interface Build {
  label: string
  session: ExtensionSession
  panel: Page
  shifts: ListShift[]
}

async function prepare(dir: string, relayUrl: string): Promise<Build> {
  const session = await launchWithExtension({ headless: true, extensionDir: dir })
  try {
    const panel = await session.openSidePanel()
    await panel.setViewport({ width: 360, height: 800 })
    await panel.evaluate((url) => chrome.runtime.sendMessage({ type: "sync/set-relays", payload: { relays: [{ url, read: true, write: true }] } }), relayUrl)
    await panel.waitForFunction(() => Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count")) >= 300, { timeout: 180_000, polling: 500 })
    return { label: relative(process.cwd(), dir) || dir, session, panel, shifts: [] }
  } catch (err) {
    await session.close()
    throw err
  }
}

/** The person follows the first authors their Stream shows: the engine then has a graph to rank by. */
async function follow(panel: Page): Promise<void> {
  const authors = await panel.$$eval("[data-testid=follow-button]", (bs) => [...new Set(bs.map((b) => b.getAttribute("data-pubkey")))])
  for (const pubkey of authors.slice(0, FOLLOWS)) await panel.evaluate((pk) => chrome.runtime.sendMessage({ type: "people/follow", payload: { pubkey: pk, on: true } }), pubkey)
}

async function reopen(panel: Page): Promise<ListShift> {
  await panel.reload()
  await panel.waitForFunction(() => !!document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel"), { timeout: 30_000 })
  await new Promise((r) => setTimeout(r, SETTLE_MS))
  return listShift(panel)
}

export const demoLayoutBenchmark: Benchmark = {
  name: "demo-layout",
  description: `side panel reopened on the demo community (person following ${FOLLOWS} of its people, 360 × 800): layout shift in the list of cards`,
  async run() {
    const dirs = [EXTENSION_DIR, ...(process.env.DEMO_LAYOUT_COMPARE ?? "").split(",").filter(Boolean).map((d) => resolve(d))]
    const relayDir = mkdtempSync(join(tmpdir(), "bench-demo-relay-"))
    const relay = await startRelay({ port: 0, dataDir: relayDir })
    const demo = await startDemo({ relayUrl: relay.url, dataDir: resolve(".data/demo"), live: false, log: () => {} })
    const builds: Build[] = []
    try {
      await demo.seeded
      for (const dir of dirs) builds.push(await prepare(dir, relay.url))
      for (const b of builds) await follow(b.panel)
      for (const b of builds) await reopen(b.panel) // warm-up: the follows reach the engine, a ranking is kept
      for (let round = 0; round < RELOADS; round++) {
        for (let k = 0; k < builds.length; k++) {
          const b = builds[(round + k) % builds.length]!
          const shift = await reopen(b.panel)
          b.shifts.push(shift)
          if (process.env.DEMO_LAYOUT_DEBUG) console.log(b.label, shift.moves.join("; "))
        }
      }
      printTable(
        "Layout shift in the list of cards after reopening (0 = no card moved)",
        ["build", "score per reload", "median score", "largest move (px)"],
        builds.map((b) => [b.label, b.shifts.map((x) => x.score.toFixed(3)).join(", "), median(b.shifts.map((x) => x.score).sort((x, y) => x - y)).toFixed(3), String(Math.round(Math.max(...b.shifts.map((x) => x.px))))])
      )
    } finally {
      for (const b of builds) await b.session.close()
      await demo.stop()
      await relay.close()
      rmSync(relayDir, { recursive: true, force: true })
    }
  }
}
