import { describe, expect, it } from "vitest"

import { createEngineService } from "../../shared/engine/engine-service"
import type { EngineApi, GraphDelta, StreamSettings } from "../../shared/engine/engine-api"
import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import { BASE_UNITS_PER_AMP } from "../../shared/engine/model/constants"

const NOW = 1_800_000_000
const key = (n: number) => n.toString(16).padStart(64, "0")
const [ME, FRIEND, AUTHOR, ADVERTISER, STRANGER] = [1, 2, 3, 4, 5].map(key) as [string, string, string, string, string]

const settings = (s: Partial<StreamSettings>): StreamSettings => ({ allowAmplifiedFrom: [], communities: [], topics: [], blockedAdvertisers: [], dials: {}, ...s })

/** I follow FRIEND and like AUTHOR; ADVERTISER is liked by FRIEND, so it has some standing with me. */
function world(): EngineApi {
  const e = createEngineService(createTsKernel())
  e.setViewer(ME, NOW)
  const deltas: GraphDelta[] = [
    { type: "follow", from: ME, to: FRIEND, at: NOW - 100, on: true },
    { type: "engagement", from: ME, to: AUTHOR, kind: "like", at: NOW - 100 },
    { type: "engagement", from: FRIEND, to: ADVERTISER, kind: "comment", at: NOW - 100 },
    { type: "engagement", from: FRIEND, to: AUTHOR, kind: "like", at: NOW - 100 },
    { type: "post", id: "organic", author: AUTHOR, createdAt: NOW - 60, tags: ["Jazz"] },
    { type: "post", id: "quiet", author: STRANGER, createdAt: NOW - 60, tags: ["chess"] },
    { type: "amplification", post: "quiet", amplifier: ADVERTISER, amount: 50n * BASE_UNITS_PER_AMP, at: NOW - 30 }
  ]
  expect(e.applyDeltas(deltas, NOW).rejected).toEqual([])
  return e
}

const ids = (e: EngineApi) => e.rankStream({ nowSec: NOW }).map((p) => p.id)

describe("EngineApi", () => {
  it("rejects malformed deltas with a reason and applies the rest", () => {
    const e = createEngineService(createTsKernel())
    const report = e.applyDeltas(
      [
        { type: "engagement", from: "not-hex", to: AUTHOR, kind: "like", at: NOW },
        { type: "engagement", from: ME, to: AUTHOR, kind: "stare" as never, at: NOW },
        { type: "amplification", post: "nope", amplifier: ME, amount: 1n, at: NOW },
        { type: "post", id: "p", author: AUTHOR, createdAt: NOW, hops: 0 },
        { type: "post", id: "p", author: AUTHOR, createdAt: NOW },
        { type: "post", id: "p", author: AUTHOR, createdAt: NOW },
        { type: "amplification", post: "p", amplifier: ME, amount: 0n, at: NOW }
      ],
      NOW
    )
    expect(report.applied).toBe(1)
    expect(report.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 5, 6])
    expect(report.rejected.map((r) => r.reason).join("|")).toMatch(/hex pubkey.*kind.*unknown post.*hops.*duplicate.*positive/)
  })

  it("explains each post: charge, carriers with Reo and share, amplifications, the matching filter", () => {
    const e = world()
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["everyone"] }))
    const quiet = e.rankStream({ nowSec: NOW }).find((p) => p.id === "quiet")!
    expect(quiet.why.broughtBy).toBe(ADVERTISER)
    const amp = quiet.why.carriers.find((c) => c.role === "amplifier")!
    expect(amp).toMatchObject({ pubkey: ADVERTISER, filter: "everyone" })
    expect(amp.share).toBeCloseTo(50 / 51, 12)
    expect(quiet.why.amplifications).toEqual([{ amplifier: ADVERTISER, amount: 50n * BASE_UNITS_PER_AMP, at: NOW - 30 }])
    const sum = quiet.why.carriers.reduce((s, c) => s + c.current, 0)
    expect(sum).toBeCloseTo(quiet.current, 9)
    expect(quiet.why.carriers[0]).toMatchObject({ role: "author", pubkey: STRANGER, reo: 0 })
  })

  it("lets amplified content through only from the allowed sources, and never from blocked advertisers", () => {
    const e = world()
    e.setStreamSettings(settings({ allowAmplifiedFrom: [] }))
    expect(ids(e)).toEqual(["organic"])
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["friends"] }))
    expect(ids(e)).toEqual(["organic"])
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["topics"], topics: ["chess"] }))
    expect(ids(e)).toContain("quiet")
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["everyone"] }))
    expect(ids(e)).toContain("quiet")
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["everyone"], blockedAdvertisers: [ADVERTISER] }))
    expect(ids(e)).toEqual(["organic"])
    e.applyDeltas([{ type: "follow", from: ME, to: ADVERTISER, at: NOW, on: true }], NOW)
    e.setStreamSettings(settings({ allowAmplifiedFrom: ["friends"] }))
    expect(ids(e)).toContain("quiet")
  })

  it("scales a source's posts by its dial, and a dial of 0 mutes it", () => {
    const e = world()
    const organic = () => e.rankStream({ nowSec: NOW }).find((p) => p.id === "organic")!
    const base = organic()
    e.setStreamSettings(settings({ dials: { [AUTHOR]: 2 } }))
    const doubled = organic()
    expect(doubled.current / base.current).toBeCloseTo(2, 6)
    expect(doubled.why.carriers[0]!.dial).toBe(2)
    e.setStreamSettings(settings({ dials: { [AUTHOR]: 0 } }))
    expect(ids(e)).toEqual([])
  })

  it("counts the viewer's out-edges: 0 for a new person, who then follows or likes someone", () => {
    const e = createEngineService(createTsKernel())
    expect(e.viewerOutDegree()).toBe(0) // no viewer yet
    e.setViewer(ME, NOW)
    e.applyDeltas(
      [
        { type: "follow", from: FRIEND, to: AUTHOR, at: NOW - 100, on: true },
        { type: "post", id: "p", author: AUTHOR, createdAt: NOW - 60 }
      ],
      NOW
    )
    // Others' edges and posts give the new person no standing to rank by.
    expect(e.viewerOutDegree()).toBe(0)
    expect(ids(e)).toEqual([])
    e.applyDeltas([{ type: "engagement", from: ME, to: ME, kind: "like", at: NOW - 50 }], NOW)
    expect(e.viewerOutDegree()).toBe(0) // liking oneself is no edge to anyone
    e.applyDeltas([{ type: "follow", from: ME, to: FRIEND, at: NOW - 40, on: true }], NOW)
    expect(e.viewerOutDegree()).toBe(1)
    expect(ids(e)).toEqual(["p"])
    e.applyDeltas([{ type: "follow", from: ME, to: FRIEND, at: NOW - 30, on: false }], NOW)
    expect(e.viewerOutDegree()).toBe(0)
    expect(world().viewerOutDegree()).toBe(2)
  })

  it("reports Reo relative to the average identity, per person and per community", () => {
    const e = world()
    const friend = e.reo(FRIEND)
    expect(friend.known).toBe(true)
    expect(friend.reo).toBeCloseTo(friend.share * 5, 12)
    expect(e.reo(key(99))).toEqual({ pubkey: key(99), reo: 0, share: 0, known: false })
    expect(e.communities().map((c) => c.name)).toEqual(expect.arrayContaining(["#jazz", "#chess"]))
    expect(e.communityReo("#jazz", AUTHOR).reo).toBeGreaterThan(0)
    expect(e.communityReo("#nothing", AUTHOR).reo).toBe(0)
  })

  it("recomputes in full on schedule and reports how far the incremental path had drifted", () => {
    const e = world()
    const more: GraphDelta[] = [
      { type: "engagement", from: FRIEND, to: STRANGER, kind: "share", at: NOW + 10 },
      { type: "follow", from: ME, to: FRIEND, at: NOW + 20, on: false }
    ]
    e.applyDeltas(more, NOW + 30)
    const report = e.recompute(NOW + 3600)
    expect(report.identities).toBe(5)
    expect(report.drift).toBeLessThan(1e-6)
    expect(report.residual).toBeLessThan(1e-6)
    expect(report.sweeps).toBeGreaterThan(1)
  })

  it("keeps the foundation slice's link ranking", () => {
    const e = createEngineService(createTsKernel())
    const ranked = e.rankLinks(
      [
        { id: "old", createdAt: NOW - 48 * 3600, amps: 0 },
        { id: "new", createdAt: NOW, amps: 0 },
        { id: "boosted", createdAt: NOW - 48 * 3600, amps: 10 }
      ],
      NOW
    )
    // 11x the stake after two 24-hour half-lives: 2.75 against the fresh post's 1.
    expect(ranked.map((r) => r.id)).toEqual(["boosted", "new", "old"])
    expect(ranked[0]!.score).toBeCloseTo(2.75, 12)
  })
})

describe("estimateReach for the amplify dialog (docs/MODEL.md §6)", () => {
  const AMOUNTS = [1n, 5n, 10n, 25n, 100n].map((a) => a * BASE_UNITS_PER_AMP)
  const viewer = (n: number) => key(100 + n)

  it("a newcomer nobody follows or engages reaches no one at any amount", () => {
    const e = world()
    const NEWCOMER = key(99)
    e.applyDeltas([{ type: "follow", from: NEWCOMER, to: FRIEND, at: NOW - 50, on: true }], NOW)
    expect(e.estimateReach({ promoter: NEWCOMER, amounts: AMOUNTS }).reach.map((r) => r.people)).toEqual([0, 0, 0, 0, 0])
  })

  it("a promoter followed by some viewers reaches people, more (never fewer) as the amount grows", () => {
    const e = world()
    const PROMOTER = key(42)
    // Rings around the promoter: 6 follow (and like) it, 18 follow one of those, 54 follow one of
    // those. Each ring gives it less standing, so larger amounts reach further out.
    const deltas: GraphDelta[] = []
    for (let i = 0; i < 6; i++) {
      deltas.push({ type: "follow", from: viewer(i), to: PROMOTER, at: NOW - 80, on: true })
      deltas.push({ type: "engagement", from: viewer(i), to: PROMOTER, kind: "like", at: NOW - 70 })
    }
    for (let i = 6; i < 78; i++) deltas.push({ type: "follow", from: viewer(i), to: viewer(i < 24 ? i % 6 : 6 + (i % 18)), at: NOW - 80, on: true })
    // Everyone also follows ten of forty other accounts, which follow each other: attention
    // spreads as it does in a real network instead of pooling on the promoter.
    const hub = (j: number) => key(1000 + (j % 40))
    for (let i = 0; i < 78; i++) for (let j = 0; j < 10; j++) deltas.push({ type: "follow", from: viewer(i), to: hub(i * 7 + j), at: NOW - 80, on: true })
    for (let j = 0; j < 40; j++) deltas.push({ type: "follow", from: hub(j), to: hub(j + 1), at: NOW - 80, on: true })
    expect(e.applyDeltas(deltas, NOW).rejected).toEqual([])
    const people = e.estimateReach({ promoter: PROMOTER, amounts: AMOUNTS }).reach.map((r) => r.people)
    expect(people[people.length - 1]).toBeGreaterThan(0)
    for (let i = 1; i < people.length; i++) expect(people[i]).toBeGreaterThanOrEqual(people[i - 1]!)
    // 1 AMP reaches the direct followers; 10 AMP (the floor) the ring that follows them too.
    expect(people[0]).toBeGreaterThanOrEqual(6)
    expect(people[0]).toBeLessThan(people[people.length - 1]!)
  })
  it("labels emergent communities again once engagements have changed the graph, without a rebuild", () => {
    const e = createEngineService(createTsKernel())
    e.setViewer(ME, NOW)
    const fans = Array.from({ length: 8 }, (_, i) => key(100 + i))
    expect(e.applyDeltas(fans.map((author, i) => ({ type: "post", id: `jazz-${i}`, author, createdAt: NOW - 600, tags: ["jazz"] })), NOW).rejected).toEqual([])
    expect(e.communities().filter((c) => c.kind === "emergent")).toEqual([]) // labelled: no edges yet
    const likes: GraphDelta[] = fans.flatMap((from, i) => fans.filter((_, j) => j !== i).map((to) => ({ type: "engagement" as const, from, to, kind: "like" as const, at: NOW - 60 })))
    const report = e.applyDeltas(likes, NOW)
    expect(report.rebuilt).toBe(false) // the relabel must come from the changes, not from a rebuild
    expect(e.communities()).toContainEqual({ name: "~jazz", kind: "emergent", members: 8 })
  })
})
