// The amplify dialog's topic/community list and reach advice, and the background's checks that a
// ~community never becomes a `t` tag (docs/MODEL.md §3, §6).
import { describe, expect, it } from "vitest"

import { createAmplifySubmit } from "../../extension/features/amplify/background/amplify-submit"
import type { AmplifyRequest } from "../../extension/features/amplify/background/amplifier"
import { NO_STANDING_TEXT, buysNoReach, reachAdvice, reachExplanation } from "../../extension/features/amplify/sidepanel/reach-advice"
import { targetGroups, targetOf } from "../../extension/features/amplify/sidepanel/targets"
import type { StreamDb } from "../../shared/db/database"
import type { CommunityInfo } from "../../shared/engine/engine-api"
import { amplifySubmit } from "../../shared/messages/catalog"
import { topicTag } from "../../shared/posts/topic"

const AMP = 100_000_000n

describe("topics and communities in the amplify dialog", () => {
  const engineList: CommunityInfo[] = [
    { name: "#privacy", kind: "topic", members: 140 },
    { name: "~design", kind: "emergent", members: 12 },
    { name: "#jazz", kind: "topic", members: 1 },
    { name: "~3f2a1b0c", kind: "emergent", members: 3 }
  ]

  it("shows topics with one # and communities with their ~, in separate groups", () => {
    const g = targetGroups(engineList)
    expect(g.topics.map((o) => o.label)).toEqual(["#privacy · 140 members", "#jazz · 1 member"])
    expect(g.communities.map((o) => o.label)).toEqual(["~design · 12 members", "~3f2a1b0c · 3 members"])
    expect([...g.topics, ...g.communities].every((o) => !o.label.startsWith("##"))).toBe(true)
  })

  it("a topic is published as its bare tag; a community publishes no tag", () => {
    expect(targetOf("#privacy")).toEqual({ kind: "topic", name: "#privacy", tag: "privacy" })
    expect(targetOf("~design")).toEqual({ kind: "community", name: "~design" })
    expect(targetOf("")).toEqual({ kind: "none" })
  })

  it("topicTag refuses what cannot be a `t` tag", () => {
    expect(topicTag("#Privacy")).toBe("privacy")
    for (const bad of ["~design", "##privacy", "#~design", "", " # ", "two words", "x".repeat(65)]) expect(topicTag(bad), bad).toBeUndefined()
  })

  it("the message guard refuses a ~community topic before any handler runs", () => {
    const base = { url: "https://example.com/", amount: "0" }
    expect(amplifySubmit.request.safeParse({ ...base, topic: "privacy" }).success).toBe(true)
    expect(amplifySubmit.request.safeParse({ ...base, topic: "~design" }).success).toBe(false)
    expect(amplifySubmit.request.safeParse({ ...base, topic: "##privacy" }).success).toBe(false)
  })

  it("the background refuses a ~community topic too, signing nothing", async () => {
    const calls: AmplifyRequest[] = []
    const submit = createAmplifySubmit({
      db: { posts: { get: async () => ({ amplifiers: ["me"], eventIds: { me: "e1" } }) } } as unknown as StreamDb,
      amplify: async (req) => {
        calls.push(req)
        return { ok: true, status: "created", url: req.url, title: "T" } as never
      },
      pubkey: async () => "me",
      wallet: async () => {
        throw new Error("no network")
      }
    })
    expect(await submit({ url: "https://example.com/", amount: "0", topic: "~design" })).toMatchObject({ ok: false, code: "bad-topic" })
    expect(calls).toEqual([])
    expect(await submit({ url: "https://example.com/", amount: "0", topic: "#Privacy" })).toMatchObject({ ok: true })
    expect(calls.map((c) => c.topic)).toEqual(["privacy"])
  })
})

describe("reach advice", () => {
  const nobody = [0n, 1n, 5n, 10n, 25n].map((a) => ({ amount: a * AMP, people: 0 }))

  it("a promoter nobody follows or engages is told AMPs reach no one, and must confirm explicitly", () => {
    const advice = reachAdvice(nobody, 5n * AMP)
    expect(advice).toEqual({ kind: "no-standing" })
    expect(reachExplanation(advice)).toBe(NO_STANDING_TEXT)
    expect(buysNoReach(advice)).toBe(true)
  })

  it("an amount too small for the promoter's standing is told a larger one would reach some", () => {
    const some = nobody.map((r) => (r.amount >= 10n * AMP ? { ...r, people: 3 } : r))
    expect(reachAdvice(some, 1n * AMP)).toEqual({ kind: "too-small" })
    expect(reachAdvice(some, 25n * AMP)).toEqual({ kind: "reaches", people: 3 })
    expect(buysNoReach(reachAdvice(some, 25n * AMP))).toBe(false)
  })

  it("free has no paid reach to warn about; an amount not yet estimated is estimating", () => {
    expect(reachAdvice(nobody, 0n)).toEqual({ kind: "free" })
    expect(buysNoReach(reachAdvice(nobody, 0n))).toBe(false)
    expect(reachAdvice(undefined, 5n * AMP)).toEqual({ kind: "estimating" })
    expect(reachAdvice(nobody, 7n)).toEqual({ kind: "estimating" })
  })
})
