import { afterEach, describe, expect, it } from "vitest"

import { startRelay } from "../../relay"
import { KIND_METADATA } from "../../shared/nostr/kinds"
import { PROFILE_RETRY_MS } from "../../shared/sync"
import { sanitizeMetadata } from "../../shared/posts/link-metadata"
import { linkPostTemplate } from "../../shared/posts/link-post-event"
import { RelayTestClient } from "../relay/relay-test-client"
import { freshDb, nowSec, person, syncCore, type Person } from "../sync/sync-fixture"

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const post = (p: Person, url: string) => p.sign(linkPostTemplate(url, sanitizeMetadata({ title: url }, url), nowSec()))
const profile = (p: Person, content: string, at = nowSec()) => p.sign({ kind: KIND_METADATA, created_at: at, tags: [], content })

describe("profiles through the sync core", () => {
  it("asks relays for the kind 0 of authors we hold posts from, never for everyone, and checks each before storing", async () => {
    const relay = await startRelay({ port: 0, inMemory: true })
    cleanups.push(() => relay.close())
    const writer = await RelayTestClient.connect(relay.url)
    cleanups.push(() => writer.close())
    const [alice, bob, stranger, dave, me] = [person(), person(), person(), person(), person()]
    for (const e of [
      post(alice, "https://alice.example/"),
      profile(alice, JSON.stringify({ name: "alice", display_name: "Alice" }), nowSec() - 10),
      post(bob, "https://bob.example/"),
      profile(bob, "{not json"), // the relay takes it; our gate does not
      profile(stranger, JSON.stringify({ name: "stranger" })),
      profile(dave, JSON.stringify({ name: "dave" }))
    ])
      expect((await writer.publish(e))[2]).toBe(true)

    const db = freshDb()
    const core = await syncCore(db, [relay.url], { me: async () => me.pubkey })
    cleanups.push(() => core.stop())
    await core.start()
    await expect.poll(() => db.profiles.get(alice.pubkey), { timeout: 10_000 }).toMatchObject({ name: "alice", displayName: "Alice" })
    // Dave posts while we are live: his profile is asked for when his first post arrives.
    expect((await writer.publish(post(dave, "https://dave.example/")))[2]).toBe(true)
    await expect.poll(() => db.profiles.get(dave.pubkey), { timeout: 10_000 }).toMatchObject({ name: "dave" })
    // A newer profile of Alice replaces hers on the next connection.
    expect((await writer.publish(profile(alice, JSON.stringify({ name: "alice2" }))))[2]).toBe(true)
    await core.stop()
    await core.start()
    await expect.poll(() => db.profiles.get(alice.pubkey), { timeout: 10_000 }).toMatchObject({ name: "alice2", displayName: "" })

    expect(await db.profiles.get(bob.pubkey)).toBeUndefined()
    expect(await db.profiles.get(stranger.pubkey)).toBeUndefined()
    await core.status() // flushes the relay counters
    const [stats] = await db.relayStats.toArray()
    expect(stats?.invalidByReason["metadata"]).toBeGreaterThanOrEqual(1)
  })

  it("asks again, on the periodic tick, for an author whose profile reached the relay after their post", async () => {
    const relay = await startRelay({ port: 0, inMemory: true })
    cleanups.push(() => relay.close())
    const writer = await RelayTestClient.connect(relay.url)
    cleanups.push(() => writer.close())
    const erin = person()
    let skewMs = 0
    const db = freshDb()
    const core = await syncCore(db, [relay.url], { me: async () => person().pubkey, clock: { nowMs: () => Date.now() + skewMs } })
    cleanups.push(() => core.stop())
    await core.start()
    expect((await writer.publish(post(erin, "https://erin.example/")))[2]).toBe(true)
    await expect.poll(() => db.posts.get("https://erin.example/"), { timeout: 10_000 }).toBeDefined()
    expect((await writer.publish(profile(erin, JSON.stringify({ name: "erin" }))))[2]).toBe(true)
    await core.tick() // asked moments ago: not again yet
    await new Promise((r) => setTimeout(r, 300))
    expect(await db.profiles.get(erin.pubkey)).toBeUndefined()
    skewMs = PROFILE_RETRY_MS
    await core.tick()
    await expect.poll(() => db.profiles.get(erin.pubkey), { timeout: 10_000 }).toMatchObject({ name: "erin" })
  })
})
