import { describe, expect, it } from "vitest"

import { formatStanding, standingTooltip } from "../../extension/features/stream/sidepanel/identity-label"
import { graphState, NO_GRAPH_WHY, UNRANKED_BADGE, unrankedWhy } from "../../extension/features/stream/sidepanel/ranking-state"

describe("why a card is unranked", () => {
  it("is loading until the graph feed has caught up and the engine was asked", () => {
    expect(graphState(false, 3)).toBe("loading")
    expect(graphState(true, undefined)).toBe("loading")
    expect(graphState(false, undefined)).toBe("loading")
  })

  it("tells a new person (no follows, likes or comments) that they have no graph yet", () => {
    expect(graphState(true, 0)).toBe("none")
    expect(unrankedWhy("none", undefined)).toBe(NO_GRAPH_WHY)
    expect(NO_GRAPH_WHY).toMatch(/^You don't follow or engage with anyone yet, so no one has standing from your point of view: posts are shown newest first\./)
    expect(NO_GRAPH_WHY).toMatch(/People to follow/)
    expect(UNRANKED_BADGE.none.text).toBe("not ranked yet")
    expect(UNRANKED_BADGE.none.tooltip).toMatch(/don't follow or engage with anyone yet/)
  })

  it("tells someone with a graph that the post's carriers have no standing with them", () => {
    expect(graphState(true, 2)).toBe("ready")
    expect(unrankedWhy("ready", 0)).toMatch(/^No one who brought this post \(its author or amplifiers\) has standing from your point of view/)
    expect(unrankedWhy("ready", undefined)).toBe(unrankedWhy("ready", 0))
    // A carrier with standing and still no ranking: settings or a post just in, not "no standing".
    expect(unrankedWhy("ready", 1)).toMatch(/has standing with you, but the engine has not ranked it/)
    expect(UNRANKED_BADGE.ready.text).toBe("no standing")
  })

  it("says the graph is loading while it replays, and never blames arrival order", () => {
    expect(unrankedWhy("loading", undefined)).toMatch(/still loading into the engine/)
    expect(UNRANKED_BADGE.loading.tooltip).toMatch(/still loading/)
    for (const g of ["loading", "none", "ready"] as const) {
      for (const n of [undefined, 0, 1]) expect(unrankedWhy(g, n)).not.toMatch(/arrived before its graph/)
    }
  })
})

describe("standing, as the card and Why? show it", () => {
  it("is a multiple of the average person's, with the tooltip saying so", () => {
    expect(formatStanding(40.2)).toBe("40×")
    expect(formatStanding(1.43)).toBe("1.4×")
    expect(formatStanding(0.0712)).toBe("0.071×")
    expect(formatStanding(0)).toBe("none")
    expect(formatStanding(Number.NaN)).toBe("none")
    expect(standingTooltip(40.2)).toBe("Their standing (Reo) from your point of view: 40× the average person's")
    expect(standingTooltip(0)).toMatch(/^No standing/)
  })
})
