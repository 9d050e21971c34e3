// The side panel's first paint with 10,000 stored posts: Chromium (headless) with the built
// extension, 10,000 posts and their graph deltas written into the extension's IndexedDB through
// its service worker, then the side panel reloaded; each time the time from navigation start to
// the first Stream card (`performance.mark("stream-first-card")` in PostCard) is read.
// `npm run bench -- first-paint` (build first: `npm run build`, or SYNEREO_EXTENSION_DIR=<build>).
//
// FIRST_PAINT_COMPARE=<build dir>[,<build dir>…] measures those builds in the same run, one
// browser each, reloads alternated between them (each round starting with a different build), so
// a busy machine slows every build alike and the ratio of medians stays meaningful. Before each
// reload every panel has finished its post-paint work (keys, ranking), so none competes with another.
// FIRST_PAINT_RELOADS sets the reloads per build (default 5, or 9 when comparing). After each
// reload it also reads how far cards moved once painted (layout shift inside the list); with
// FIRST_PAINT_DEBUG it prints what moved.
import { relative, resolve } from "node:path"

import type { Page } from "puppeteer-core"

import { EXTENSION_DIR, launchWithExtension, type ExtensionSession } from "../browser/launch-extension"
import { seed } from "./first-paint-seed"
import { fmtMs, fmtRatio, median, printTable, type Benchmark } from "./harness"
import { listShift, type ListShift } from "./list-shift"

const POSTS = 10_000
const PEERS = 200
/** The Stream ranks again 1.2 s after it opens (use-stream-model.ts); a bit beyond that it is idle. */
const QUIET_MS = 1_500

interface Reading {
  card: number
  domContentLoaded: number
  /** Layout shift inside the list of cards from navigation to quiet (see listShift). */
  shift?: ListShift
}

interface Build {
  label: string
  session: ExtensionSession
  panel: Page
  readings: Reading[]
}

function buildDirs(): string[] {
  const others = (process.env.FIRST_PAINT_COMPARE ?? "").split(",").filter(Boolean)
  return [EXTENSION_DIR, ...others.map((d) => resolve(d))]
}

async function measure(panel: Page): Promise<Reading> {
  await panel.reload()
  await panel.waitForFunction(() => performance.getEntriesByName("stream-first-card").length > 0, { timeout: 30_000 })
  if (process.env.FIRST_PAINT_DEBUG) {
    console.log(await panel.evaluate(() => JSON.stringify({ nav: performance.getEntriesByType("navigation").map((e) => [(e as PerformanceNavigationTiming).domContentLoadedEventEnd, (e as PerformanceNavigationTiming).loadEventEnd]), paint: performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]), marks: performance.getEntriesByType("mark").map((e) => [e.name, e.startTime]) })))
  }
  return panel.evaluate(() => ({
    card: performance.getEntriesByName("stream-first-card")[0]!.startTime,
    domContentLoaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd
  }))
}

/**
 * Waits until the panel has done what follows the first paint (all keys read, ranked, the second
 * ranking): otherwise, when builds alternate, one build's leftover work runs during the other's
 * measurement.
 */
async function quiet(panel: Page): Promise<void> {
  await panel.waitForFunction((n) => Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count")) >= n && Number(document.querySelector("[data-testid=engine-status]")?.getAttribute("data-ranked")) > 0, { timeout: 30_000 }, POSTS)
  await new Promise((r) => setTimeout(r, QUIET_MS))
}

/** A browser with the build loaded, 10,000 posts stored, and one warm-up load done. */
async function prepare(dir: string): Promise<Build> {
  const session = await launchWithExtension({ headless: true, extensionDir: dir })
  try {
    const panel = await session.openSidePanel()
    await panel.setViewport({ width: 420, height: 900 })
    await panel.waitForSelector("[data-testid=stream-empty]", { timeout: 30_000 })
    const me = await panel.evaluate(async () => ((await chrome.runtime.sendMessage({ type: "identity/get", payload: {} })) as { pubkey: string }).pubkey)
    const sw = await session.serviceWorker()
    // tsx (esbuild keepNames) wraps named functions in __name(); give the worker a no-op one.
    await sw.evaluate("globalThis.__name ??= (f) => f")
    await sw.evaluate(seed, POSTS, PEERS, me)
    await measure(panel) // warm-up: the first load also replays 10,000 deltas into the engine
    await quiet(panel)
    return { label: relative(process.cwd(), dir) || dir, session, panel, readings: [] }
  } catch (err) {
    await session.close()
    throw err
  }
}

/** Every build must still list all the posts with a windowed DOM; printed next to the timings. */
async function listShape(panel: Page): Promise<string> {
  await panel.waitForFunction((n) => Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count")) >= n, { timeout: 30_000 }, POSTS)
  const inList = await panel.$eval("[data-testid=stream]", (e) => Number(e.getAttribute("data-count")))
  const inDom = await panel.$$eval("[data-testid=post-card]", (cs) => cs.length)
  return `${inList.toLocaleString("en")} / ${inDom}`
}

const medianOf = (xs: number[]) => median([...xs].sort((a, b) => a - b))

export const firstPaintBenchmark: Benchmark = {
  name: "first-paint",
  description: `side panel, navigation start → first Stream card, ${POSTS.toLocaleString("en")} posts stored (median of the reloads)`,
  async run() {
    const dirs = buildDirs()
    const reloads = Number(process.env.FIRST_PAINT_RELOADS ?? (dirs.length > 1 ? 9 : 5))
    const builds: Build[] = []
    try {
      for (const dir of dirs) builds.push(await prepare(dir))
      for (let round = 0; round < reloads; round++) {
        for (let k = 0; k < builds.length; k++) {
          const b = builds[(round + k) % builds.length]!
          const reading = await measure(b.panel)
          await quiet(b.panel)
          reading.shift = await listShift(b.panel)
          if (process.env.FIRST_PAINT_DEBUG) console.log(b.label, reading.shift.moves.join("; "))
          b.readings.push(reading)
        }
      }
      const base = medianOf(builds[0]!.readings.map((r) => r.card))
      const rows: string[][] = []
      for (const b of builds) {
        const cards = b.readings.map((r) => r.card)
        rows.push([b.label, await listShape(b.panel), cards.map((r) => r.toFixed(0)).join(", "), fmtMs(medianOf(cards)), fmtMs(medianOf(b.readings.map((r) => r.domContentLoaded))), fmtRatio(medianOf(cards) / base)])
      }
      printTable("First Stream card (ms from navigation start)", ["build", "in the list / cards in the DOM", "runs (ms)", "median", "median DOMContentLoaded", "vs first build"], rows)
      printTable(
        "Layout shift in the list of cards, navigation to quiet (0 = no card moved)",
        ["build", "score per reload", "median score", "largest move (px)"],
        builds.map((b) => {
          const shifts = b.readings.map((r) => r.shift!)
          return [b.label, shifts.map((x) => x.score.toFixed(3)).join(", "), medianOf(shifts.map((x) => x.score)).toFixed(3), String(Math.round(Math.max(...shifts.map((x) => x.px))))]
        })
      )
      for (const b of builds) console.log(`first-paint median ${b.label}: ${medianOf(b.readings.map((r) => r.card)).toFixed(0)} ms (budget 200 ms)`)
    } finally {
      for (const b of builds) await b.session.close()
    }
  }
}
