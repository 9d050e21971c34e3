// seedDemoLedger: a demo network and funded accounts, idempotent across restarts of `npm start`.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { statSync } from "node:fs"
import { join } from "node:path"
import { npubEncode } from "nostr-tools/nip19"
import { bytesToHex } from "nostr-tools/utils"
import { getPublicKey } from "nostr-tools/pure"
import { sha256 } from "@noble/hashes/sha2.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"

import type { RunningRelay } from "../../relay"
import { audit, foldEvents, parseGenesis } from "../../shared/ledger"
import { DEMO_NETWORK, seedDemoLedger } from "../../scripts/amp/demo"
import { quietRelay, relayEvents, tempDir } from "./support"

const AMP = 100_000_000n
const peer = (i: number): Uint8Array => sha256(utf8ToBytes(`demo peer ${i}`))
const me = getPublicKey(sha256(utf8ToBytes("the person")))

let relay: RunningRelay
let tmp: ReturnType<typeof tempDir>
beforeEach(async () => {
  relay = await quietRelay()
  tmp = tempDir("amp-demo-")
})
afterEach(async () => {
  await relay.close()
  tmp.remove()
})

async function balances(genesisId: string, genesis: Parameters<typeof foldEvents>[1]["genesis"]) {
  const state = foldEvents(await relayEvents(relay, genesisId), { genesis })
  expect(audit(state).ok).toBe(true)
  return state
}

describe("seedDemoLedger", () => {
  it("creates the demo network and funds peers (secret keys) and the person (npub), keys kept with mode 600", async () => {
    const demo = await seedDemoLedger({ relayUrl: relay.url, identities: [peer(1), bytesToHex(peer(2))], pubkeys: [npubEncode(me)], dataDir: tmp.dir })
    expect(parseGenesis(demo.genesis).network).toBe(DEMO_NETWORK)
    expect(demo.funded).toEqual([getPublicKey(peer(1)), getPublicKey(peer(2)), me])
    expect(demo.published).toBe(3)
    for (const f of ["issuer.key", "upkeep.key"]) expect(statSync(join(tmp.dir, f)).mode & 0o777).toBe(0o600)
    const state = await balances(demo.genesis.id, demo.genesis)
    for (const a of demo.funded) expect(state.accounts.get(a)!.balance).toBe(1000n * AMP)
  })

  it("is idempotent across restarts: same network, nothing paid twice; new accounts are paid once", async () => {
    const args = { relayUrl: relay.url, identities: [peer(1), peer(2)], pubkeys: [me], dataDir: tmp.dir, amountEach: "250.5" }
    const first = await seedDemoLedger(args)
    const stored = relay.stats().storedEvents
    const again = await seedDemoLedger(args)
    expect(again.genesis).toEqual(first.genesis)
    expect(again.published).toBe(0)
    expect(relay.stats().storedEvents).toBe(stored)

    const more = await seedDemoLedger({ ...args, identities: [peer(1), peer(2), peer(3)] })
    expect(more.published).toBe(1)
    const state = await balances(first.genesis.id, first.genesis)
    for (const a of more.funded) expect(state.accounts.get(a)!.balance).toBe(25_050_000_000n)
    expect(state.accounts.get(first.issuer)!.balance).toBe(2_000_000_000n * AMP - 4n * 25_050_000_000n)
  })

  it("takes the demo community's shape: { secretKey } identities and the funds each one needs", async () => {
    const identities = [1, 2].map((i) => ({ secretKey: bytesToHex(peer(i)), name: `peer ${i}` }))
    const funds = new Map([[getPublicKey(peer(2)), 1500n * AMP + 1n]])
    const seeder = async (a: { relayUrl: string; identities: { secretKey: string }[]; funds: Map<string, bigint> }) =>
      ({ genesisId: (await seedDemoLedger({ ...a, dataDir: tmp.dir })).genesis.id })
    const { genesisId } = await seeder({ relayUrl: relay.url, identities, funds })
    const demo = await seedDemoLedger({ relayUrl: relay.url, identities, dataDir: tmp.dir })
    expect(demo.genesis.id).toBe(genesisId)
    const state = await balances(genesisId, demo.genesis)
    expect(state.accounts.get(getPublicKey(peer(1)))!.balance).toBe(1000n * AMP)
    expect(state.accounts.get(getPublicKey(peer(2)))!.balance).toBe(1500n * AMP + 1n)
  })

  it("restores the whole history on a wiped relay from its journals (the same signed events)", async () => {
    const args = { relayUrl: relay.url, identities: [peer(1)], pubkeys: [me], dataDir: tmp.dir }
    await seedDemoLedger(args)
    await seedDemoLedger({ ...args, identities: [peer(1), peer(4)] })
    const before = (await relayEvents(relay, (await seedDemoLedger(args)).genesis.id)).map((e) => e.id).sort()
    await relay.close()
    relay = await quietRelay() // an in-memory relay restarted empty
    const demo = await seedDemoLedger({ ...args, relayUrl: relay.url })
    expect((await relayEvents(relay, demo.genesis.id)).map((e) => e.id).sort()).toEqual(before)
    const state = await balances(demo.genesis.id, demo.genesis)
    for (const a of [getPublicKey(peer(1)), getPublicKey(peer(4)), me]) expect(state.accounts.get(a)!.balance).toBe(1000n * AMP)
  })
})
