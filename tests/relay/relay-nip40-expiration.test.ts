import { afterEach, describe, expect, it } from "vitest"
import { REJECT_EXPIRED } from "../../relay"
import { RelayFixture, STORAGE_MODES } from "./relay-fixture"
import { newAuthor, nowSeconds } from "./relay-test-client"

// Out of the box the library keeps serving an event after its NIP-40 expiration.
describe.each(STORAGE_MODES)("NIP-40 expiration (%s)", mode => {
  let fixture: RelayFixture | undefined
  afterEach(async () => {
    await fixture?.stop()
    fixture = undefined
  })

  it("refuses an event that has already expired", async () => {
    fixture = await RelayFixture.start(mode)
    const client = await fixture.client()
    const stale = newAuthor().sign({ tags: [["expiration", String(nowSeconds() - 1)]] })
    expect(await client.publish(stale)).toEqual(["OK", stale.id, false, REJECT_EXPIRED])
    expect(await client.fetch({ ids: [stale.id] })).toEqual([])
  })

  it("stops serving an event once it expires, then purges it from storage", async () => {
    let clockMs = Date.now()
    fixture = await RelayFixture.start(mode, { now: () => clockMs, limits: { purgeIntervalMs: 25 } })
    const client = await fixture.client()
    const alice = newAuthor()
    const expiring = alice.sign({ content: "soon gone", tags: [["expiration", String(nowSeconds() + 60)]] })
    const lasting = alice.sign({ content: "stays" })
    expect((await client.publish(expiring))[2]).toBe(true)
    expect((await client.publish(lasting))[2]).toBe(true)
    expect(await client.fetch({ authors: [alice.pubkey] })).toHaveLength(2)

    clockMs += 61_000
    expect(await client.fetch({ authors: [alice.pubkey] })).toEqual([lasting])
    await expect.poll(() => fixture!.relay.stats().expiredPurged, { timeout: 5000 }).toBe(1)
    expect(fixture.relay.stats().storedEvents).toBe(1)
    // and once gone it cannot come back either
    expect((await client.publish(expiring))[3]).toBe(REJECT_EXPIRED)
  })
})
