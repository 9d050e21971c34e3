import { createDemoCommunity, pureDemoCrypto } from "./shared/demo"
import { nodeDemoCrypto } from "./scripts/demo/node-crypto"
async function main() {
  for (const [name, crypto] of [["node (nostr-wasm)", await nodeDemoCrypto()], ["pure JS", pureDemoCrypto]] as const) {
    let t = performance.now()
    const c = createDemoCommunity({ seed: 2015, now: 1_763_700_000, crypto })
    const plan = performance.now() - t
    t = performance.now()
    const ms: Record<number, number> = {}
    let last = performance.now()
    for (const e of c.history()) { const n = performance.now(); ms[e.kind] = (ms[e.kind] ?? 0) + n - last; last = n }
    console.log(name, "plan", plan.toFixed(0), "ms; sign+mine", ((performance.now() - t) / 1000).toFixed(1), "s", Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, (v / 1000).toFixed(1) + " s"])), c.historyCounts())
  }
}
main()
