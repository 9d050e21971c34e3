import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startRelay } from "./relay"
import { startDemo } from "./scripts/demo/run-demo"
async function main() {
  const relay = await startRelay({ port: 7791, inMemory: true, logger: { info() {}, warn: console.warn, error: console.error } })
  const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), "demo-"))
  const t = Date.now()
  const demo = await startDemo({ relayUrl: relay.url, dataDir: dir, intervalMs: [200, 400] })
  console.log("startDemo returned after", Date.now() - t, "ms; dir", dir)
  await demo.postsSeeded
  console.log("posts after", Date.now() - t)
  await demo.seeded
  await demo.settled
  await new Promise((r) => setTimeout(r, 5000))
  console.log("live", demo.liveCounts(), relay.stats())
  await demo.stop()
  await relay.close()
}
main()
