// `npm start`: the product against the embedded local network. The npm script builds the kernel
// and the extension first; this starts the local relay, then Chromium with the extension loaded
// and its side panel open. Headless (no display, or --headless) writes a screenshot of the panel.
import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"

import { startRelay } from "../relay"
import { LOCAL_RELAY_PORT } from "../shared/network/local-relay"
import { launchWithExtension } from "./browser/launch-extension"

const ROOT = resolve(__dirname, "..")
const DATA = join(ROOT, ".data")

const USAGE = `Synereo Stream: run the extension against the embedded local network

Usage: npm start [-- options]

  --headless          run Chromium without a window (the default when there is no display)
  --once              exit after the side panel is up (and, headless, after the screenshot)
  --screenshot <png>  where to write the side-panel screenshot in headless mode
  --fresh-profile     use a throwaway Chromium profile instead of .data/chromium-profile
  --help              show this text
`

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      headless: { type: "boolean" },
      once: { type: "boolean" },
      screenshot: { type: "string" },
      "fresh-profile": { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }
  })
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const hasDisplay = process.platform !== "linux" || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY
  const headless = args.headless === true || !hasDisplay

  const relay = await startRelay({ port: LOCAL_RELAY_PORT, dataDir: join(DATA, "relay") }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new Error(`Port ${LOCAL_RELAY_PORT} is busy: is another \`npm start\` or \`npm run relay\` running?`)
    throw err
  })
  console.log(`Local relay: ${relay.url} (data in ${relay.storage})`)

  const profile = args["fresh-profile"] ? undefined : join(DATA, "chromium-profile")
  if (profile) mkdirSync(profile, { recursive: true })
  const session = await launchWithExtension({ headless, userDataDir: profile })
  console.log(`Chromium ${headless ? "(headless) " : ""}started with Synereo Stream (extension id ${session.extensionId})`)

  const panel = await session.openSidePanel()
  await panel.waitForFunction(() => !!document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel"), { timeout: 30_000 })
  console.log("Side panel open: the Stream is ranked on this device.")

  if (headless) {
    const shot = resolve(args.screenshot ?? join(DATA, "screenshots", "side-panel.png"))
    mkdirSync(join(shot, ".."), { recursive: true })
    await panel.screenshot({ path: shot })
    console.log(`No display: running headless. Screenshot of the side panel: ${shot}`)
  }

  const stop = async () => {
    await session.close()
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
