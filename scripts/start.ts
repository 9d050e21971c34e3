// `npm start`: the product against the embedded local network. The npm script builds the kernel
// and the extension first; this starts the local relay, then Chromium with the extension loaded
// and its side panel open. Headless (no display, or --headless) writes a screenshot of the panel.
import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"

import { startRelay } from "../relay"
import type { NostrEvent } from "../shared/ledger"
import { LOCAL_RELAY_PORT } from "../shared/network/local-relay"
import { launchWithExtension } from "./browser/launch-extension"
import { seedDemoLedger } from "./amp/demo"
import { startDemo, type DemoRun } from "./demo/run-demo"

const ROOT = resolve(__dirname, "..")
const DATA = join(ROOT, ".data")
const RELAY_DIR = join(DATA, "relay")
/** Headless, before the screenshot: how long to wait for the demo's posts in the side panel… */
const POSTS_WAIT_MS = 90_000
const POSTS_WANTED = 10
/** …then for the rest of its history (likes, comments) to be on the relay and in the panel. */
const HISTORY_WAIT_MS = 120_000
const SOCIAL_WAIT_MS = 30_000
/** The screenshot goes below the panel's window, down to this many CSS pixels, to show several cards. */
const SCREENSHOT_MAX_HEIGHT = 1600
/** The demo's AMP funding waits this long for the person's key before funding the community alone. */
const PERSON_WAIT_MS = 60_000

const USAGE = `Synereo Stream: run the extension against the embedded local network

Usage: npm start [-- options]

  --headless          run Chromium without a window (the default when there is no display)
  --once              exit after the side panel is up (and, headless, after the screenshot)
  --screenshot <png>  where to write the side-panel screenshot in headless mode
  --fresh-profile     use a throwaway Chromium profile instead of .data/chromium-profile
  --no-demo           do not seed the local relay with the demo community (README "The demo community")
  --help              show this text
`

/**
 * Posts in the side panel's Stream (runs in the page): the list's own count when it says it (a
 * windowed list keeps only the cards near the viewport in the DOM), else the cards shown.
 */
function postsInStream(): number {
  const listed = Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count"))
  return Math.max(Number.isFinite(listed) ? listed : 0, document.querySelectorAll("[data-testid=post-card]").length)
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      headless: { type: "boolean" },
      once: { type: "boolean" },
      screenshot: { type: "string" },
      "fresh-profile": { type: "boolean" },
      "no-demo": { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }
  })
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const hasDisplay = process.platform !== "linux" || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY
  const headless = args.headless === true || !hasDisplay

  const relay = await startRelay({ port: LOCAL_RELAY_PORT, dataDir: RELAY_DIR }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new Error(`Port ${LOCAL_RELAY_PORT} is busy: is another \`npm start\` or \`npm run relay\` running?`)
    throw err
  })
  console.log(`Local relay: ${relay.url} (data in ${relay.storage})`)

  // The person's own key, once the extension runs: it gets demo AMPs along with the community.
  let personKnown: (pubkey: string | undefined) => void = () => {}
  const person = new Promise<string | undefined>((done) => (personKnown = done))
  let networkKnown: (genesis: NostrEvent) => void = () => {}
  const demoNetwork = new Promise<NostrEvent>((done) => (networkKnown = done))

  // Seeded in the background (bookmarks first), so Chromium starts at once; then kept active.
  let demo: DemoRun | undefined
  if (!args["no-demo"]) {
    demo = await startDemo({
      relayUrl: relay.url,
      dataDir: join(DATA, "demo"),
      // A re-dated or re-formatted demo history replaces the old one on the relay (relay-generation.ts).
      relayStore: { dataDir: RELAY_DIR, deleteAuthoredBy: relay.deleteAuthoredBy },
      // Demo AMPs (.data/amp-demo): the community's amplifications become stakes once it is funded.
      ledger: async (a) => {
        const me = await Promise.race([
          person,
          new Promise<undefined>((done) => {
            const timer: NodeJS.Timeout = setTimeout(() => done(undefined), PERSON_WAIT_MS)
            timer.unref()
          })
        ])
        const seeded = await seedDemoLedger({ ...a, pubkeys: me ? [me] : [] })
        networkKnown(seeded.genesis)
        return { genesis: seeded.genesis }
      }
    }).catch((err: unknown) => {
      console.warn(`The demo community could not start: ${err instanceof Error ? err.message : String(err)}`)
      return undefined
    })
  }

  const profile = args["fresh-profile"] ? undefined : join(DATA, "chromium-profile")
  if (profile) mkdirSync(profile, { recursive: true })
  const session = await launchWithExtension({ headless, userDataDir: profile })
  console.log(`Chromium ${headless ? "(headless) " : ""}started with Synereo Stream (extension id ${session.extensionId})`)

  const panel = await session.openSidePanel()
  await panel.waitForFunction(() => !!document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel"), { timeout: 30_000 })
  console.log("Side panel open: the Stream is ranked on this device.")
  if (demo) {
    const identity = (await panel.evaluate(() => chrome.runtime.sendMessage({ type: "identity/get", payload: {} })).catch(() => undefined)) as { pubkey?: unknown } | undefined
    personKnown(typeof identity?.pubkey === "string" ? identity.pubkey : undefined)
    // The wallet follows the demo AMP network, so the demo's amplifications and AMPs show.
    void demoNetwork.then(async (genesis) => {
      const answer = (await panel.evaluate((g) => chrome.runtime.sendMessage({ type: "wallet/pin-network", payload: { genesis: g } }), genesis).catch((err: unknown) => ({ ok: false, message: String(err) }))) as { ok?: boolean; message?: string }
      if (answer?.ok) console.log(`AMP: the wallet follows the demo network ${genesis.id.slice(0, 12)}…; your key has demo AMPs to amplify with.`)
      else console.warn(`AMP: the wallet could not be pinned to the demo network: ${answer?.message ?? "no answer"}`)
    })
  }

  if (headless && demo) {
    // The Stream fills as the extension syncs the demo from the local relay: wait (bounded) for it.
    const waitStarted = Date.now()
    const shown = await panel
      .waitForFunction(`(${postsInStream})() >= ${POSTS_WANTED}`, { timeout: POSTS_WAIT_MS, polling: 500 })
      .then(() => panel.evaluate(postsInStream))
      .catch(() => undefined)
    if (shown !== undefined) {
      console.log(`Side panel shows ${shown} posts from the demo community (after ${((Date.now() - waitStarted) / 1000).toFixed(1)} s).`)
      // A first start signs and mines the history (about a minute); later starts read it from .data/demo.
      let timer: NodeJS.Timeout | undefined
      const seeded = await Promise.race([
        demo.seeded.then(() => true, () => false),
        new Promise<boolean>((done) => (timer = setTimeout(() => done(false), HISTORY_WAIT_MS)))
      ])
      clearTimeout(timer)
      const social = await panel
        .waitForFunction(
          () => {
            const cards = [...document.querySelectorAll("[data-testid=card-social]")]
            return cards.filter((c) => Number(c.getAttribute("data-likes")) > 0).length >= 3 && cards.some((c) => Number(c.getAttribute("data-comments")) > 0)
          },
          { timeout: SOCIAL_WAIT_MS, polling: 500 }
        )
        .then(() => true, () => false)
      console.log(
        `Side panel: ${await panel.evaluate(postsInStream)} posts` +
          (seeded && social ? ", with the demo's likes and comments" : `; the demo's history is ${seeded ? "seeded but its likes and comments are not shown yet" : "still being seeded"}`) +
          ` (${((Date.now() - waitStarted) / 1000).toFixed(1)} s).`
      )
    } else {
      const count = await panel.evaluate(postsInStream).catch(() => 0)
      console.warn(`The side panel shows ${count} posts after ${POSTS_WAIT_MS / 1000} s: the extension is not receiving the demo's events from ${relay.url}.`)
    }
  }

  if (headless) {
    const shot = resolve(args.screenshot ?? join(DATA, "screenshots", "side-panel.png"))
    mkdirSync(join(shot, ".."), { recursive: true })
    // The panel as a person would scroll it: its top, down to a few cards of the Stream.
    const size = await panel.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight, view: window.innerHeight }))
    const height = Math.max(size.view, Math.min(size.height, SCREENSHOT_MAX_HEIGHT))
    await panel.screenshot({ path: shot, clip: { x: 0, y: 0, width: size.width, height }, captureBeyondViewport: true })
    console.log(`No display: running headless. Screenshot of the side panel: ${shot}`)
  }

  const stop = async () => {
    await session.close()
    await demo?.stop()
    await relay.close()
  }
  if (args.once) {
    await stop()
    return
  }
  console.log("Running. Press Ctrl+C to stop.")
  await new Promise<void>((done) => {
    process.once("SIGINT", done)
    process.once("SIGTERM", done)
    session.browser.once("disconnected", done)
  })
  await stop()
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
)
