import { describe, expect, it } from "vitest"

import { DEFAULT_STREAM_SETTINGS, engineSettings, formatAmps, joinStreamOrder, matchesFilter, mergeArrivals } from "../../extension/features/stream/sidepanel/stream-order"
import type { Carrier, RankedPost } from "../../shared/engine/engine-api"

const A = "a".repeat(64)
const B = "b".repeat(64)

function ranked(id: string, opts: { tags?: string[]; carriers?: Partial<Carrier>[]; broughtBy?: string } = {}): RankedPost {
  const carriers = (opts.carriers ?? [{ pubkey: A }]).map((c) => ({ pubkey: A, role: "author", reo: 1, dial: 1, share: 1, filter: "organic", current: 1, ...c }) as Carrier)
  return { id, current: 1, why: { charge: 1, capacity: 1, hops: 1, hopFactor: 1, broughtBy: opts.broughtBy ?? carriers[0]!.pubkey, carriers, amplifications: [], tags: opts.tags ?? [] } }
}

const none = new Set<string>()

describe("joinStreamOrder", () => {
  it("puts the engine's order first, then every unranked stored post newest first, never hiding one", () => {
    const order = joinStreamOrder({ ranked: [ranked("u3"), ranked("u1")], newestFirst: ["u5", "u4", "u3", "u2", "u1"], hidden: none, mutedPosts: none })
    expect(order).toEqual(["u3", "u1", "u5", "u4", "u2"])
  })

  it("drops ranked ids that are not stored (yet), duplicates, hidden and muted posts", () => {
    const order = joinStreamOrder({ ranked: [ranked("ghost"), ranked("u2"), ranked("u2"), ranked("u1")], newestFirst: ["u3", "u2", "u1"], hidden: new Set(["u1"]), mutedPosts: new Set(["u3"]) })
    expect(order).toEqual(["u2"])
  })

  it("with a topic chip keeps only ranked posts carrying the tag", () => {
    const order = joinStreamOrder({
      ranked: [ranked("u1", { tags: ["jazz"] }), ranked("u2", { tags: ["rust"] })],
      newestFirst: ["u3", "u2", "u1"],
      hidden: none,
      mutedPosts: none,
      filter: { community: "#jazz", kind: "topic" }
    })
    expect(order).toEqual(["u1"])
  })

  it("with an emergent community chip keeps posts carried (with current) by its members", () => {
    const r1 = ranked("u1", { carriers: [{ pubkey: A }, { pubkey: B, role: "amplifier", current: 0, filter: "filtered" }] })
    const r2 = ranked("u2", { carriers: [{ pubkey: B, current: 2 }] })
    const members = new Set([B])
    expect(matchesFilter(r1, { community: "~b", kind: "emergent" }, members)).toBe(false)
    expect(matchesFilter(r2, { community: "~b", kind: "emergent" }, members)).toBe(true)
    expect(joinStreamOrder({ ranked: [r1, r2], newestFirst: ["u1", "u2"], hidden: none, mutedPosts: none, filter: { community: "~b", kind: "emergent" }, members })).toEqual(["u2"])
  })

  it("until the panel's first ranking, leads with the last ranked top that is still stored, visible and unfiltered", () => {
    const base = { newestFirst: ["u5", "u4", "u3", "u2", "u1"], hidden: new Set(["u2"]), mutedPosts: none, lastRankedTop: ["u1", "gone", "u2", "u3"] }
    expect(joinStreamOrder({ ...base, ranked: [] })).toEqual(["u1", "u3", "u5", "u4"])
    // once this panel has its own ranking, the last one no longer leads
    expect(joinStreamOrder({ ...base, ranked: [ranked("u4")] })).toEqual(["u4", "u5", "u3", "u1"])
    // a chip shows only what the engine matched: never the old top
    expect(joinStreamOrder({ ...base, ranked: [], filter: { community: "#jazz", kind: "topic" } })).toEqual([])
  })

  it("orders 10,000 posts in a few milliseconds", () => {
    const urls = Array.from({ length: 10_000 }, (_, i) => `https://e.com/${i}`)
    const t = performance.now()
    const order = joinStreamOrder({ ranked: urls.slice(0, 1000).reverse().map((u) => ranked(u)), newestFirst: urls, hidden: none, mutedPosts: none })
    expect(performance.now() - t).toBeLessThan(100)
    expect(order).toHaveLength(10_000)
    expect(order[0]).toBe("https://e.com/999")
    expect(order[1000]).toBe("https://e.com/1000")
  })
})

describe("mergeArrivals", () => {
  it("at the top shows the new order as it is", () => {
    expect(mergeArrivals({ shown: ["a", "b"], pending: [] }, ["c", "b", "a"], false)).toEqual({ shown: ["c", "b", "a"], pending: [] })
  })

  it("while reading keeps what is on screen in place and holds arrivals back", () => {
    const s = mergeArrivals({ shown: ["a", "b", "c"], pending: [] }, ["x", "c", "a", "y", "b"], true)
    expect(s).toEqual({ shown: ["a", "b", "c"], pending: ["x", "y"] })
  })

  it("removals (hide, mute) apply at once even while reading", () => {
    expect(mergeArrivals({ shown: ["a", "b", "c"], pending: [] }, ["a", "c"], true)).toEqual({ shown: ["a", "c"], pending: [] })
  })

  it("the first order is shown straight away", () => {
    expect(mergeArrivals({ shown: [], pending: [] }, ["a"], true)).toEqual({ shown: ["a"], pending: [] })
  })
})

describe("engine settings and formatting", () => {
  it("dials muted authors to 0 on top of the stored settings", () => {
    const s = engineSettings({ ...DEFAULT_STREAM_SETTINGS, dials: { [A]: 3 }, topics: ["jazz"] }, [B])
    expect(s).toEqual({ allowAmplifiedFrom: ["everyone"], communities: [], topics: ["jazz"], blockedAdvertisers: [], dials: { [A]: 3, [B]: 0 } })
  })

  it("formats AMP base units", () => {
    expect(formatAmps(0n)).toBe("0")
    expect(formatAmps(1_200_000_000n)).toBe("12")
    expect(formatAmps(150_000_000n)).toBe("1.5")
    expect(formatAmps(105_000_000n)).toBe("1.05")
  })
})
