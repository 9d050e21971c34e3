import { describe, expect, it } from "vitest"

import { cardPeople } from "../../extension/features/stream/sidepanel/card-people"

describe("cardPeople: whose names a card asks for, in one query", () => {
  it("lists who brought it, whom Mute mutes and every comment author (replies too), each once", () => {
    const comments = [{ author: "carol" }, { author: "bob" }, { author: "carol" }, { author: "dave" }]
    expect(cardPeople(["alice", "bob"], comments)).toEqual(["alice", "bob", "carol", "dave"])
  })

  it("leaves out an unknown bringer (a card no one brought yet)", () => {
    expect(cardPeople(["", ""], [])).toEqual([])
  })
})
