import { describe, expect, it } from "vitest"

import { suggestPeople, type SuggestionInput } from "../../extension/features/people/sidepanel/suggest-people"

const pk = (c: string) => c.repeat(64)
const [A, B, C, D, E, F, ME] = ["a", "b", "c", "d", "e", "f", "9"].map(pk) as string[] as [string, string, string, string, string, string, string]
const fans = (to: string, n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ from: `${prefix}${i}`.padEnd(64, "0"), to }))

function input(over: Partial<SuggestionInput> = {}): SuggestionInput {
  return {
    bookmarks: [
      { author: A, tags: ["jazz"] },
      { author: B, tags: ["jazz"] },
      { author: C, tags: ["rust"] },
      { author: D, tags: [] },
      { author: ME, tags: ["jazz"] }
    ],
    cards: [{ amplifiers: [C, E, F] }],
    engagements: [...fans(A, 5, "1"), ...fans(B, 2, "2"), ...fans(D, 9, "3"), ...fans(ME, 20, "4")],
    communities: [
      { name: "#rust", kind: "topic", members: 3 },
      { name: "#jazz", kind: "topic", members: 10 },
      { name: "founder-x", kind: "emergent", members: 50 }
    ],
    exclude: new Set([ME]),
    ...over
  }
}

describe("People to follow", () => {
  it("picks per topic community, largest first, the authors the most distinct people engaged", () => {
    expect(suggestPeople(input())).toEqual([
      { community: "#jazz", people: [{ pubkey: A, engagers: 5 }, { pubkey: B, engagers: 2 }] },
      { community: "#rust", people: [{ pubkey: C, engagers: 2 }] } // two re-amplifications of C's link
    ])
  })

  it("counts people, not events: one fan liking a hundred times is one", () => {
    const spam = Array.from({ length: 100 }, () => ({ from: pk("7"), to: B }))
    const groups = suggestPeople(input({ engagements: [...fans(A, 2, "1"), ...spam] }))
    expect(groups[0]!.people).toEqual([{ pubkey: A, engagers: 2 }, { pubkey: B, engagers: 1 }])
  })

  it("never suggests the viewer or people excluded (followed or muted), nor counts their engagement or self-engagement", () => {
    const groups = suggestPeople(
      input({
        bookmarks: [{ author: A, tags: ["jazz", "rust"] }, { author: B, tags: ["jazz"] }, { author: ME, tags: ["jazz"] }],
        engagements: [...fans(A, 3, "1"), ...fans(B, 3, "2"), { from: B, to: B }, ...fans(ME, 9, "3"), { from: ME, to: A }, { from: B, to: A }],
        exclude: new Set([ME, B])
      })
    )
    expect(groups).toEqual([{ community: "#jazz", people: [{ pubkey: A, engagers: 3 }] }])
  })

  it("limits groups and people, with a stable order on ties", () => {
    const many = ["1", "2", "3", "4", "5"].map(pk)
    const groups = suggestPeople(
      input({ bookmarks: many.map((author) => ({ author, tags: ["jazz"] })), engagements: many.flatMap((to, i) => fans(to, 2, `x${i}`)), communities: [{ name: "#jazz", kind: "topic", members: 1 }] }),
      { communities: 1, perCommunity: 2 }
    )
    expect(groups).toEqual([{ community: "#jazz", people: [{ pubkey: many[0], engagers: 2 }, { pubkey: many[1], engagers: 2 }] }])
  })

  it("falls back to everyone when no topic has candidates, and to nothing when nobody was engaged", () => {
    expect(suggestPeople(input({ communities: [] }))).toEqual([{ community: "", people: [{ pubkey: D, engagers: 9 }, { pubkey: A, engagers: 5 }] }])
    expect(suggestPeople(input({ engagements: [], cards: [] }))).toEqual([])
  })
})
