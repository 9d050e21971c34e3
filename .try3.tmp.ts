import { createDemoCommunity } from "./shared/demo"
import { nodeDemoCrypto } from "./scripts/demo/node-crypto"
import { verifyEvent } from "nostr-tools/pure"
async function main() {
  const crypto = await nodeDemoCrypto()
  let t = performance.now()
  const c = createDemoCommunity({ seed: 7, now: 1_763_700_000, crypto })
  console.log("plan ms", performance.now() - t)
  t = performance.now()
  let n = 0
  const evs = []
  for (const e of c.history()) { evs.push(e); if (++n === 1048) break }
  console.log("first 1048 ms", performance.now() - t)
  t = performance.now()
  for (const e of evs.slice(0, 200)) verifyEvent({ ...e })
  console.log("verify ms/event", (performance.now() - t) / 200)
}
main()
