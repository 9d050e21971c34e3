import { describe, expect, it } from "vitest"

import { createDemoCommunity, createRng, mineTemplate, pureDemoCrypto, type DemoCommunity } from "../../shared/demo"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { mineEvent } from "../../shared/nostr/kinds"
import { checkEvent, demo, targetsOf, T_DEMO } from "./demo-fixture"

// A small community with light proof of work signs in a second or two; the full-size one, with the
// protocol's proof of work, is checked in demo-history.test.ts, and live steps below use it too.
const SMALL = { identities: 30, communities: ["privacy", "music", "gardening"], sybils: 4, days: 2 }
const LIGHT = { ...SMALL, pow: { comment: 8, reaction: 8 } }

describe("determinism", () => {
  it("gives the same keys and the same events (ids and, with the Node signer, signatures) for a seed", async () => {
    const a = await demo(LIGHT)
    const b = await demo(LIGHT)
    expect(a.identities.map((p) => [p.secretKey, p.pubkey, p.name])).toEqual(b.identities.map((p) => [p.secretKey, p.pubkey, p.name]))
    const ea = [...a.history()]
    const eb = [...b.history()]
    expect(ea.length).toBe(a.historyLength)
    expect(eb).toEqual(ea)
    // The pure-JS signer draws random BIP-340 auxiliary data: other signatures, the same ids.
    const c = createDemoCommunity({ seed: 4242, now: T_DEMO, ...LIGHT, crypto: pureDemoCrypto })
    expect([...c.history()].map((e) => e.id)).toEqual(ea.map((e) => e.id))
  }, 120_000)

  it("plans the full-size community identically, and another seed is another community", async () => {
    const a = await demo()
    const b = await demo()
    expect(b.posts.map((p) => p.id)).toEqual(a.posts.map((p) => p.id))
    expect(b.amplifications.map((x) => [x.pubkey, x.post.id, x.amount, x.createdAt])).toEqual(a.amplifications.map((x) => [x.pubkey, x.post.id, x.amount, x.createdAt]))
    const other = await demo({ ...SMALL, seed: 4243 })
    const small = await demo(SMALL)
    expect(other.identities[0]!.pubkey).not.toBe(small.identities[0]!.pubkey)
    expect(other.posts.map((p) => p.id)).not.toEqual(small.posts.map((p) => p.id))
  })

  it("resumes from a partial cache without signing again what it holds", async () => {
    const a = await demo(LIGHT)
    const full = [...a.history()]
    const half = new Map(full.slice(0, Math.floor(full.length / 2)).map((e, i) => [i, e]))
    let signed = 0
    const b = createDemoCommunity({
      seed: 4242,
      now: T_DEMO,
      ...LIGHT,
      crypto: { mine: mineTemplate, sign: (t, k) => (signed++, pureDemoCrypto.sign(t, k)) }
    })
    const resumed = [...b.history({ cached: (i) => half.get(i) })]
    expect(resumed.map((e) => e.id)).toEqual(full.map((e) => e.id))
    expect(signed).toBe(full.length - half.size)
    // A cached event that does not match the plan is signed again, not trusted.
    const wrong = new Map([[0, { ...full[1]! }]])
    const c = createDemoCommunity({ seed: 4242, now: T_DEMO, ...LIGHT, crypto: pureDemoCrypto })
    expect([...c.history({ cached: (i) => wrong.get(i) })][0]!.id).toBe(full[0]!.id)
  }, 120_000)

  it("mines the same nonce as the protocol's own miner (shared/nostr/kinds/pow.ts)", async () => {
    const pubkey = "f7ea0da86608747a4b67b624c0958c97fde7139d4cc3143258ddc8c8844c4573"
    for (const content of ["+", "Ünïcode, \"quotes\" and \\ backslashes " + "x".repeat(70), "y".repeat(300)]) {
      const t = { kind: 1111, created_at: T_DEMO, tags: [["I", "https://example.org/"], ["K", "web"], ["nonce", "5", "1"]], content }
      const fast = mineTemplate(t, pubkey, 10)
      const reference = await mineEvent({ ...t, pubkey }, 10)
      expect(fast.tags).toEqual(reference.tags)
      expect(fast.created_at).toBe(T_DEMO)
    }
  })
})

describe("live activity (step)", () => {
  function run(c: DemoCommunity, seed: number, steps: number): SignedEvent[] {
    const rng = createRng(seed)
    const out: SignedEvent[] = []
    for (let i = 0; i < steps; i++) out.push(...c.step(rng, T_DEMO + 60 + i * 4))
    return out
  }

  it("produces valid posts, likes and comments dated now, following the community structure", async () => {
    const c = await demo(SMALL)
    const events = run(c, 99, 120)
    expect(events.length).toBeGreaterThanOrEqual(120)
    const sybil = new Set(c.identities.filter((p) => p.sybil).map((p) => p.pubkey))
    const posts = new Set([...c.posts.map((p) => p.id), ...events.filter((e) => e.kind === 39701).map((e) => e.id)])
    const kinds = new Set<number>()
    for (const e of events) {
      const k = checkEvent(e)
      kinds.add(e.kind)
      expect(e.created_at).toBeGreaterThanOrEqual(T_DEMO + 60)
      expect(e.created_at).toBeLessThanOrEqual(T_DEMO + 60 + 120 * 4)
      if (k.type === "reaction") expect(posts.has(k.value.target)).toBe(true)
      // The sybil cluster keeps to itself; honest people never engage it.
      for (const to of targetsOf(k)) expect(sybil.has(to)).toBe(sybil.has(e.pubkey))
      if (k.type === "bookmark") expect(c.communities).toContain(e.tags.find((t) => t[0] === "t")![1])
    }
    expect([...kinds].sort((x, y) => x - y)).toEqual([7, 1111, 39701])
    // No one likes the same post twice.
    const likes = events.filter((e) => e.kind === 7).map((e) => `${e.pubkey}|${e.tags.find((t) => t[0] === "e")![1]}`)
    expect(new Set(likes).size).toBe(likes.length)
    // Comments answer bookmarks, and now and then another live comment.
    expect(events.some((e) => e.kind === 1111 && e.tags.some((t) => t[0] === "k" && t[1] === "1111"))).toBe(true)
  }, 120_000)

  it("is deterministic for the same rng and clock", async () => {
    const a = run(await demo(LIGHT), 7, 25)
    const b = run(await demo(LIGHT), 7, 25)
    expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id))
  })
})
