// Property 2: a cluster of 500 fresh identities that only engage each other (plus 5 careless honest
// likes: attack edges) gains next to no Reo from an honest person's point of view, never reaches
// their top 50 although every sybil post carries 1,000 AMPs, and earns next to nothing from a stake.
import { beforeAll, describe, expect, it } from "vitest"

import type { EngineApi } from "../../../shared/engine/engine-api"
import { BASE_UNITS_PER_AMP } from "../../../shared/engine/model/constants"
import { HONEST_VIEWER, NOW, authorIndexOfPost, isSybilPubkey, network, pubkeyOf, simEngine } from "../sim-fixture"

let engine: EngineApi

beforeAll(async () => {
  engine = await simEngine("ts", HONEST_VIEWER)
})

describe("sybil resistance", () => {
  it("the sybil cluster holds under 0.1 % of the honest viewer's Reo", () => {
    let sybil = 0
    for (const p of network.identities) if (p.sybil) sybil += engine.reo(p.pubkey).share
    expect(network.identities.filter((p) => p.sybil)).toHaveLength(500)
    expect(sybil).toBeLessThan(0.001)
  })

  it("puts 0 sybil posts in the honest viewer's top 50, with amplified content allowed from everyone", () => {
    engine.setStreamSettings({ allowAmplifiedFrom: ["everyone"], communities: [], topics: [], blockedAdvertisers: [], dials: {} })
    const top = engine.rankStream({ nowSec: NOW, limit: 50 })
    expect(top).toHaveLength(50)
    expect(top.filter((p) => network.identities[authorIndexOfPost(p.id)]!.sybil)).toHaveLength(0)
  })

  it("pays the sybils under 1 % of a stake whose exposed viewers are all 500 sybils and 500 honest people", () => {
    const viewers = network.identities
      .filter((p, i) => p.sybil || (i % 4 === 1 && i !== HONEST_VIEWER))
      .map((p) => ({ pubkey: p.pubkey, dwellSec: 30, foreground: true, idle: false }))
    expect(viewers.filter((v) => !isSybilPubkey(v.pubkey))).toHaveLength(500)
    const stake = 100n * BASE_UNITS_PER_AMP
    const split = engine.settleStake({ stake, originator: pubkeyOf(3), promoter: pubkeyOf(3), viewers })
    let toSybils = 0n
    for (const [pk, units] of split.viewers) if (isSybilPubkey(pk)) toSybils += units
    expect(toSybils * 100n).toBeLessThan(stake)
  })
})
