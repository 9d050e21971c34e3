import { startRelay } from "./relay"
import { startDemo } from "./scripts/demo/run-demo"
import { seedDemoLedger } from "./scripts/amp/demo"
async function main() {
  const relay = await startRelay({ port: 7791, inMemory: true, logger: { info() {}, warn: console.warn, error: console.error } })
  for (let round = 0; round < 2; round++) {
    const t = Date.now()
    const demo = await startDemo({ relayUrl: relay.url, dataDir: "/tmp/demo-b", intervalMs: [300, 600], ledger: async (a) => { const t0 = Date.now(); const r = await seedDemoLedger({ ...a, dataDir: "/tmp/amp-demo-b" }); console.log("seedDemoLedger took", Date.now() - t0, "ms; published", r.published); return { genesis: r.genesis } } })
    await demo.settled
    console.log("settled after", Date.now() - t)
    await new Promise((r) => setTimeout(r, 3000))
    await demo.stop()
  }
  await relay.close()
}
main()
