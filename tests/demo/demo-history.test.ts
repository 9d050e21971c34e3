import { afterAll, beforeAll, describe, expect, it } from "vitest"

import type { DemoCommunity } from "../../shared/demo"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { KIND_COMMENT, KIND_CONTACT_LIST, KIND_REACTION, KIND_RELAY_LIST, KIND_WEB_BOOKMARK, type KnownEvent } from "../../shared/nostr/kinds"
import { canonicalizeUrl } from "../../shared/url/canonical-url"
import { startRelay, type RunningRelay } from "../../relay"
import { RelayPublisher } from "../../scripts/demo/publisher"
import { RelayTestClient } from "../relay/relay-test-client"
import { checkEvent, demo, targetsOf, T_DEMO } from "./demo-fixture"

// The community `npm start` seeds (default sizes), signed once for this file: a few thousand
// events, a few hundred of them mined comments, so this takes tens of seconds.
let community: DemoCommunity
let events: SignedEvent[]
let known: KnownEvent[]

beforeAll(async () => {
  community = await demo()
  events = [...community.history()]
  known = events.map(checkEvent)
}, 600_000)

describe("the seed history", () => {
  it("has at least 200 people in at least five communities, and a sybil cluster", () => {
    const honest = community.identities.filter((p) => !p.sybil)
    const sybils = community.identities.filter((p) => p.sybil)
    expect(honest.length).toBeGreaterThanOrEqual(200)
    expect(community.communities.length).toBeGreaterThanOrEqual(5)
    expect(sybils.length).toBeGreaterThan(0)
    expect(new Set(community.identities.map((p) => p.pubkey)).size).toBe(community.identities.length)
    for (const tag of community.communities) expect(honest.filter((p) => p.communities[0] === tag).length).toBeGreaterThanOrEqual(20)
  })

  it("is a few thousand events of every kind the Stream reads, each valid per the project's parsers (PoW included)", () => {
    expect(events.length).toBe(community.historyLength)
    expect(events.length).toBeGreaterThan(2000)
    expect(events.length).toBeLessThan(5000)
    const counts: Record<number, number> = {}
    for (const e of events) counts[e.kind] = (counts[e.kind] ?? 0) + 1
    expect(counts).toEqual(community.historyCounts())
    for (const kind of [KIND_WEB_BOOKMARK, KIND_REACTION, KIND_COMMENT, KIND_CONTACT_LIST, KIND_RELAY_LIST]) expect(counts[kind]).toBeGreaterThan(100)
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
    // Bookmarks are addressable: one per author and URL, or a later one would replace an earlier one.
    const addresses = known.flatMap((k) => (k.type === "bookmark" ? [`${k.event.pubkey}|${k.value.url}`] : []))
    expect(new Set(addresses).size).toBe(addresses.length)
  })

  it("links to many plausible sites, tags each post with its community, and re-amplifies some links", () => {
    const posts = known.flatMap((k) => (k.type === "bookmark" ? [k] : []))
    const hosts = new Set(posts.map((p) => new URL(p.value.url).host))
    expect(hosts.size).toBeGreaterThanOrEqual(40)
    for (const p of posts) {
      expect(p.value.url.startsWith("https://")).toBe(true)
      expect(canonicalizeUrl(p.value.url)).toMatchObject({ ok: true, url: p.value.url })
      expect(p.value.title.length).toBeGreaterThan(10)
      expect(p.value.description.length).toBeGreaterThan(10)
      expect(p.value.image).toBe("")
      const topics = p.event.tags.filter((t) => t[0] === "t").map((t) => t[1])
      expect(topics).toHaveLength(1)
      expect(community.communities).toContain(topics[0])
    }
    const byUrl = new Map<string, number>()
    for (const p of posts) byUrl.set(p.value.url, (byUrl.get(p.value.url) ?? 0) + 1)
    expect([...byUrl.values()].filter((n) => n > 1).length).toBeGreaterThan(20)
    // Every honest link is a different article (the sybils repeat their clickbait).
    const sybil = new Set(community.identities.filter((p) => p.sybil).map((p) => p.pubkey))
    const honest = posts.filter((p) => !sybil.has(p.event.pubkey))
    expect(new Set(honest.map((p) => p.value.title)).size).toBe(new Set(honest.map((p) => p.value.url)).size)
  })

  it("is spread over the past days, every reaction and comment after what it answers", () => {
    const at = new Map(events.map((e) => [e.id, e.created_at]))
    for (const e of events) expect(e.created_at).toBeLessThanOrEqual(T_DEMO)
    const posts = events.filter((e) => e.kind === KIND_WEB_BOOKMARK).map((e) => e.created_at)
    expect(T_DEMO - Math.min(...posts)).toBeGreaterThan(3 * 86400)
    expect(T_DEMO - Math.max(...posts)).toBeLessThan(3600)
    const lastDay = posts.filter((t) => T_DEMO - t < 86400).length
    expect(lastDay).toBeGreaterThan(posts.length / 5)
    for (const k of known) {
      if (k.type === "reaction") expect(k.event.created_at).toBeGreaterThan(at.get(k.value.target)!)
      if (k.type === "comment" && k.value.parent.kind !== "web") expect(k.event.created_at).toBeGreaterThan(at.get(k.value.parent.id)!)
    }
  })

  it("has threads: some comments answer other comments of the history", () => {
    const ids = new Set(events.map((e) => e.id))
    const parents = known.flatMap((k) => (k.type === "comment" && k.value.parent.kind === "1111" ? [k.value.parent.id] : []))
    expect(parents.length).toBeGreaterThan(10)
    for (const id of parents) expect(ids.has(id)).toBe(true)
  })

  it("forms communities: most of what honest people engage with is in their own community", () => {
    const home = new Map(community.identities.filter((p) => !p.sybil).map((p) => [p.pubkey, p.communities]))
    let inside = 0
    let total = 0
    for (const k of known) {
      const mine = home.get(k.event.pubkey)
      if (!mine) continue
      for (const to of targetsOf(k)) {
        const theirs = home.get(to)
        if (!theirs) continue
        total++
        if (theirs.some((c) => mine.includes(c))) inside++
      }
    }
    expect(total).toBeGreaterThan(3000)
    expect(inside / total).toBeGreaterThan(0.7)
  })

  it("has a sybil cluster that engages only itself, and no honest person engages it", () => {
    const sybil = new Set(community.identities.filter((p) => p.sybil).map((p) => p.pubkey))
    let sybilEngagements = 0
    for (const k of known) {
      const targets = targetsOf(k)
      if (sybil.has(k.event.pubkey)) {
        sybilEngagements += targets.length
        for (const to of targets) expect(sybil.has(to)).toBe(true)
      } else for (const to of targets) expect(sybil.has(to)).toBe(false)
    }
    expect(sybilEngagements).toBeGreaterThan(sybil.size * 5)
    // The cluster claims an honest community's topic for its posts.
    const sybilPosts = known.filter((k) => k.type === "bookmark" && sybil.has(k.event.pubkey))
    expect(sybilPosts.length).toBeGreaterThan(0)
    for (const p of sybilPosts) expect(community.communities).toContain(p.event.tags.find((t) => t[0] === "t")![1])
    // …and amplifies itself heavily (the stakes wait for the ledger's demo seeding).
    const selfStakes = community.amplifications.filter((a) => sybil.has(a.pubkey))
    expect(selfStakes.length).toBe(sybilPosts.length)
    for (const a of selfStakes) expect(sybil.has(a.post.pubkey)).toBe(true)
  })

  it("names the relay in every NIP-65 list", () => {
    const lists = known.filter((k): k is Extract<KnownEvent, { type: "relays" }> => k.type === "relays")
    expect(lists).toHaveLength(community.identities.length)
    for (const l of lists) expect(l.value.relays.map((r) => r.url)).toEqual(["ws://127.0.0.1:7777/"])
  })

  it("gives every simulated person a kind-0 name, published before their posts", () => {
    const profiles = known.filter((k): k is Extract<KnownEvent, { type: "profile" }> => k.type === "profile")
    expect(new Map(profiles.map((p) => [p.event.pubkey, p.value.name]))).toEqual(new Map(community.identities.map((p) => [p.pubkey, p.name])))
    const firstPost = known.findIndex((k) => k.type === "bookmark")
    expect(Math.max(...profiles.map((p) => known.indexOf(p)))).toBeLessThan(firstPost)
  })
})

describe("published to a real relay", () => {
  let relay: RunningRelay
  let client: RelayTestClient

  beforeAll(async () => {
    relay = await startRelay({ port: 0, inMemory: true, logger: { info: () => undefined, warn: () => undefined, error: console.error } })
  })
  afterAll(async () => {
    await client?.close()
    await relay?.close()
  })

  /** Every stored event of a kind, paging back with `until` (the relay serves at most 1,000 a query). */
  async function all(kind: number): Promise<Set<string>> {
    const ids = new Set<string>()
    let until: number | undefined
    for (;;) {
      const page = await client.fetch({ kinds: [kind], limit: 1000, ...(until !== undefined ? { until } : {}) })
      const before = ids.size
      for (const e of page) ids.add(e.id)
      if (page.length < 1000 || ids.size === before) return ids
      until = Math.min(...page.map((e) => e.created_at))
    }
  }

  it("stores the whole history, and a second run only finds duplicates", async () => {
    const first = new RelayPublisher(relay.url, { concurrency: 16 })
    await first.publishAll(events)
    await first.close()
    expect(first.tally).toMatchObject({ accepted: events.length, duplicates: 0, refused: 0 })

    client = await RelayTestClient.connect(relay.url)
    for (const [kind, count] of Object.entries(community.historyCounts())) {
      const stored = await all(Number(kind))
      expect({ kind: Number(kind), stored: stored.size }).toEqual({ kind: Number(kind), stored: count })
      for (const e of events) if (e.kind === Number(kind)) expect(stored.has(e.id)).toBe(true)
    }

    const again = new RelayPublisher(relay.url, { concurrency: 16 })
    await again.publishAll(events)
    await again.close()
    expect(again.tally).toMatchObject({ accepted: 0, duplicates: events.length, refused: 0 })
    expect(relay.stats().storedEvents).toBe(events.length)
  }, 300_000)
})
