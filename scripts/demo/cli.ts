// `npm run demo -- --relay ws://…`: the demo community against any relay (npm start runs it
// against its local relay by itself).
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"

import { checkRelayUrl } from "../../shared/nostr/kinds"
import { LOCAL_RELAY_URL } from "../../shared/network/local-relay"
import { seedDemoLedger } from "../amp/demo"
import { startDemo } from "./run-demo"

const USAGE = `Synereo Stream demo community: seeds a relay with simulated people and keeps them active

Usage: npm run demo -- [options]

  --relay <url>      the relay to publish to (default ${LOCAL_RELAY_URL}); wss:// anywhere, ws:// on loopback
  --seed <n>         another community (default: the one saved in the data dir, else 2015)
  --data-dir <dir>   state, demo keys and the signed history (default .data/demo)
  --seed-only        publish the history and exit, without live activity
  --interval <s>     seconds between live activities, e.g. 2-6 (default) or 1
  --no-amp           do not create demo AMPs (.data/amp-demo) nor stake the amplifications
  --help             show this text
`

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      relay: { type: "string" },
      seed: { type: "string" },
      "data-dir": { type: "string" },
      "seed-only": { type: "boolean" },
      interval: { type: "string" },
      "no-amp": { type: "boolean" },
      help: { type: "boolean", short: "h" }
    },
    strict: true,
    allowPositionals: false
  })
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const relay = checkRelayUrl(args.relay ?? LOCAL_RELAY_URL)
  if (!relay.ok) throw new Error(`--relay: ${relay.reason}`)
  const seed = args.seed === undefined ? undefined : Number(args.seed)
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) throw new Error(`--seed must be a non-negative integer, got ${args.seed}`)
  let interval: [number, number] | undefined
  if (args.interval !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(args.interval)
    if (!m) throw new Error(`--interval takes seconds like 3 or 2-6, got ${args.interval}`)
    const lo = Number(m[1]) * 1000
    const hi = m[2] ? Number(m[2]) * 1000 : lo
    if (lo < 100 || hi < lo) throw new Error("--interval: at least 0.1 s, and the first number not above the second")
    interval = [lo, hi]
  }
  // Relay URLs are normalised with a trailing slash; the relay lists name it as given.
  const relayUrl = (args.relay ?? LOCAL_RELAY_URL).trim()
  const dataDir = resolve(args["data-dir"] ?? join(__dirname, "..", "..", ".data", "demo"))

  const demo = await startDemo({
    relayUrl,
    dataDir,
    seed,
    live: !args["seed-only"],
    intervalMs: interval,
    ledger: args["no-amp"] ? undefined : async (a) => ({ genesis: (await seedDemoLedger(a)).genesis })
  })
  if (args["seed-only"]) {
    await demo.seeded
    await demo.settled
    await demo.stop()
    return
  }
  console.log("Running. Press Ctrl+C to stop.")
  await new Promise<void>((done) => {
    process.once("SIGINT", done)
    process.once("SIGTERM", done)
  })
  await demo.stop()
  const live = demo.liveCounts()
  console.log(`Demo stopped; ${Object.values(live).reduce((a, b) => a + b, 0)} live events this run.`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
)
