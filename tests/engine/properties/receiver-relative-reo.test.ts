// Property 1: Reo is receiver-relative. Two people with different friends see different Reo for the
// same sender, and a sender your community attends to ranks higher for you than one only strangers attend to.
import { describe, expect, it } from "vitest"

import { createEngineService } from "../../../shared/engine/engine-service"
import type { GraphDelta } from "../../../shared/engine/engine-api"
import { createTsKernel } from "../../../shared/engine/kernel/ts-kernel"
import { NOW, network, pubkeyOf, simEngine } from "../sim-fixture"

const key = (n: number) => n.toString(16).padStart(64, "0")

describe("receiver-relative Reo", () => {
  it("each community's most attended member ranks higher for that community's members", async () => {
    // Community c's members are the identities i with i % 5 === c; the most attended one is identity c.
    const a = await simEngine("ts", 10) // community 0
    const b = await simEngine("ts", 11) // community 1
    const star0 = pubkeyOf(0)
    const star1 = pubkeyOf(1)
    expect(a.reo(star0).reo).toBeGreaterThan(2 * a.reo(star1).reo)
    expect(b.reo(star1).reo).toBeGreaterThan(2 * b.reo(star0).reo)
    // The same sender, two readings.
    expect(a.reo(star0).reo).not.toBe(b.reo(star0).reo)
    expect(network.identities[0]!.community).toBe(0)
  })

  it("a sender engaged by your friends outranks one engaged as much by strangers only", () => {
    const viewer = key(1)
    const friends = [key(2), key(3), key(4)]
    const strangers = [key(5), key(6), key(7)]
    const insider = key(8)
    const outsider = key(9)
    const other = key(10) // befriends the strangers
    const deltas: GraphDelta[] = []
    for (const f of friends) deltas.push({ type: "engagement", from: viewer, to: f, kind: "like", at: NOW - 60 })
    for (const s of strangers) deltas.push({ type: "engagement", from: other, to: s, kind: "like", at: NOW - 60 })
    for (let i = 0; i < 3; i++) {
      deltas.push({ type: "engagement", from: friends[i]!, to: insider, kind: "comment", at: NOW - 60 })
      deltas.push({ type: "engagement", from: strangers[i]!, to: outsider, kind: "comment", at: NOW - 60 })
    }
    const mine = createEngineService(createTsKernel())
    mine.setViewer(viewer, NOW)
    mine.applyDeltas(deltas, NOW)
    const theirs = createEngineService(createTsKernel())
    theirs.setViewer(other, NOW)
    theirs.applyDeltas(deltas, NOW)
    expect(mine.reo(insider).reo).toBeGreaterThan(0)
    expect(mine.reo(outsider).reo).toBe(0)
    expect(theirs.reo(outsider).reo).toBeGreaterThan(0)
    expect(theirs.reo(insider).reo).toBe(0)
  })
})
