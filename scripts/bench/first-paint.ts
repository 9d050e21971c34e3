// The side panel's first paint with 10,000 stored posts: Chromium (headless) with the built
// extension, 10,000 posts and their graph deltas written into the extension's IndexedDB through
// its service worker, then the side panel reloaded 5 times; each time the time from navigation
// start to the first Stream card (`performance.mark("stream-first-card")` in PostCard) is read.
// `npm run bench -- first-paint` (build first: `npm run build`, or SYNEREO_EXTENSION_DIR=<build>).
import type { Page } from "puppeteer-core"

import { launchWithExtension } from "../browser/launch-extension"
import { fmtMs, median, printTable, type Benchmark } from "./harness"

const POSTS = 10_000
const PEERS = 200
const RELOADS = 5

/** Runs in the service worker: writes the posts and one graph-delta row per 1,000 posts. */
async function seed(count: number, peers: number, me: string): Promise<number> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const open = indexedDB.open("synereo-stream")
    open.onerror = () => reject(open.error)
    open.onsuccess = () => resolve(open.result)
  })
  const hex = (n: number) => n.toString(16).padStart(64, "0")
  const now = Math.floor(Date.now() / 1000)
  const tx = db.transaction(["posts", "graphDeltas"], "readwrite")
  const posts = tx.objectStore("posts")
  const deltas = tx.objectStore("graphDeltas")
  let batch: unknown[] = []
  for (let i = 0; i < count; i++) {
    const author = hex(1 + (i % peers))
    const url = `https://site${i % 97}.example/post/${i}`
    const at = now - (count - i) * 30
    posts.put({
      url,
      title: `Seeded post ${i}: what attention is worth`,
      description: "A seeded link post for the first-paint benchmark, with a sentence of description.",
      siteName: `site${i % 97}.example`,
      image: "",
      createdAt: at,
      updatedAt: at,
      amplifiers: [author],
      eventIds: { [author]: hex(1_000_000 + i) },
      amps: 0
    })
    batch.push({ type: "post", id: url, author, createdAt: at, tags: [`topic${i % 12}`], hops: 1 })
    if (batch.length === 1000) {
      deltas.add({ eventIds: [hex(2_000_000 + i)], at: Date.now(), deltas: batch })
      batch = []
    }
  }
  // The person attends to a fifth of the peers, so the engine has a Stream to rank.
  const follows = Array.from({ length: peers / 5 }, (_, k) => ({ type: "engagement", from: me, to: hex(1 + k * 5), kind: "like", at: now - 60 }))
  deltas.add({ eventIds: [hex(3_000_000)], at: Date.now(), deltas: [...batch, ...follows] })
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
  return count
}

async function firstCardMs(panel: Page): Promise<number> {
  await panel.reload()
  await panel.waitForFunction(() => performance.getEntriesByName("stream-first-card").length > 0, { timeout: 30_000 })
  if (process.env.FIRST_PAINT_DEBUG) {
    console.log(await panel.evaluate(() => JSON.stringify({ nav: performance.getEntriesByType("navigation").map((e) => [(e as PerformanceNavigationTiming).domContentLoadedEventEnd, (e as PerformanceNavigationTiming).loadEventEnd]), paint: performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]), marks: performance.getEntriesByType("mark").map((e) => [e.name, e.startTime]) })))
  }
  return panel.evaluate(() => performance.getEntriesByName("stream-first-card")[0]!.startTime)
}

export const firstPaintBenchmark: Benchmark = {
  name: "first-paint",
  description: `side panel, navigation start → first Stream card, ${POSTS.toLocaleString("en")} posts stored (median of ${RELOADS} reloads)`,
  async run() {
    const session = await launchWithExtension({ headless: true })
    try {
      const panel = await session.openSidePanel()
      await panel.setViewport({ width: 420, height: 900 })
      await panel.waitForSelector("[data-testid=stream-empty]", { timeout: 30_000 })
      const me = await panel.evaluate(async () => ((await chrome.runtime.sendMessage({ type: "identity/get", payload: {} })) as { pubkey: string }).pubkey)
      const sw = await session.serviceWorker()
      // tsx (esbuild keepNames) wraps named functions in __name(); give the worker a no-op one.
      await sw.evaluate("globalThis.__name ??= (f) => f")
      await sw.evaluate(seed, POSTS, PEERS, me)
      await firstCardMs(panel) // warm-up: the first load also replays 10,000 deltas into the engine
      const runs: number[] = []
      for (let i = 0; i < RELOADS; i++) runs.push(await firstCardMs(panel))
      await panel.waitForFunction((n) => Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count")) >= n, { timeout: 30_000 }, POSTS)
      const cards = await panel.$eval("[data-testid=stream]", (e) => Number(e.getAttribute("data-count")))
      const rendered = await panel.$$eval("[data-testid=post-card]", (cs) => cs.length)
      const sorted = [...runs].sort((a, b) => a - b)
      printTable("First Stream card", ["posts", "in the list", "cards in the DOM", "runs (ms)", "median"], [
        [POSTS.toLocaleString("en"), cards.toLocaleString("en"), String(rendered), runs.map((r) => r.toFixed(0)).join(", "), fmtMs(median(sorted))]
      ])
      console.log(`first-paint median: ${median(sorted).toFixed(0)} ms (budget 200 ms)`)
    } finally {
      await session.close()
    }
  }
}
