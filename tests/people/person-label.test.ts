// How the side panel names a person: the name they chose, with the npub wherever a name could be
// mistaken for its owner (tooltips, accessible names of controls such as Mute and Reply).
import { describe, expect, it } from "vitest"

import { personAccessibleName, personLabel, personTooltip } from "../../extension/features/people/sidepanel/person-label"
import { fullNpub, shortNpub } from "../../extension/features/stream/sidepanel/identity-label"

const ALICE = "a".repeat(64)
const BOB = "b".repeat(64)
const ME = "c".repeat(64)
const names = new Map([[ALICE, "Alice"]])

describe("person labels", () => {
  it("shows the chosen name, else the short npub, and You for the person", () => {
    expect(personLabel(ALICE, ME, names)).toBe("Alice")
    expect(personLabel(BOB, ME, names)).toBe(shortNpub(BOB))
    expect(shortNpub(BOB)).toMatch(/^npub1[0-9a-z]{4}…[0-9a-z]{4}$/)
    expect(personLabel(ME, ME, new Map([[ME, "Me myself"]]))).toBe("You")
  })

  it("never lets a peer's chosen name pass for the person's own You", () => {
    for (const name of ["You", "you", " YOU ", "You.", "Y o u"]) {
      expect(personLabel(BOB, ME, new Map([[BOB, name]]))).toBe(`${name} (${shortNpub(BOB)})`)
    }
    expect(personLabel(BOB, ME, new Map([[BOB, "Yours truly"]]))).toBe("Yours truly")
  })

  it("puts the full npub in the tooltip, after the name when there is one", () => {
    expect(personTooltip(ALICE, names)).toBe(`Alice · ${fullNpub(ALICE)}`)
    expect(personTooltip(BOB, names)).toBe(fullNpub(BOB))
  })

  it("names controls with the name and the short npub: Mute Alice (npub1…)", () => {
    expect(`Mute ${personAccessibleName(ALICE, ME, names)}`).toBe(`Mute Alice (${shortNpub(ALICE)})`)
    expect(`Reply to ${personAccessibleName(BOB, ME, names)}`).toBe(`Reply to ${shortNpub(BOB)}`)
    expect(personAccessibleName(ME, ME, new Map([[ME, "Me myself"]]))).toBe("You")
  })
})
