import { describe, expect, it } from "vitest"

import { contactListFromEvent, editContactList, KIND_CONTACT_LIST } from "../../shared/nostr/kinds"
import { person } from "../sync/sync-fixture"

const T = 1_800_000_000
const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(64)) as [string, string, string]

describe("editing the follow list (NIP-02) from a Follow button", () => {
  const current = { tags: [["p", a, "wss://relay.a.example", "ann"], ["t", "jazz"], ["p", b, "wss://relay.b.example"]], content: '{"wss://relay.a.example":{"read":true}}' }

  it("adds a person and keeps every other entry, relay hint, petname, tag and the content", () => {
    const t = editContactList(current, c, true, T)!
    expect(t).toEqual({ kind: KIND_CONTACT_LIST, created_at: T, tags: [...current.tags, ["p", c]], content: current.content })
    const signed = person().sign(t)
    expect(contactListFromEvent(signed)).toMatchObject({ ok: true, value: { follows: [a, b, c] } })
  })

  it("removes only that person", () => {
    expect(editContactList(current, a, false, T)!.tags).toEqual([["t", "jazz"], ["p", b, "wss://relay.b.example"]])
  })

  it("starts a list when there is none, and signs nothing when nothing changes", () => {
    expect(editContactList(undefined, a, true, T)).toEqual({ kind: 3, created_at: T, tags: [["p", a]], content: "" })
    expect(editContactList(current, a, true, T)).toBeUndefined()
    expect(editContactList(current, c, false, T)).toBeUndefined()
    expect(editContactList(undefined, a, false, T)).toBeUndefined()
  })

  it("does not change the list it was given, and refuses what is not a pubkey or a list past the tag limit", () => {
    const before = JSON.stringify(current)
    editContactList(current, c, true, T)
    expect(JSON.stringify(current)).toBe(before)
    expect(() => editContactList(current, "npub1xyz", true, T)).toThrow(/hex pubkey/)
    const full = { tags: Array.from({ length: 600 }, (_, i) => ["p", i.toString(16).padStart(64, "0")]), content: "" }
    expect(() => editContactList(full, c, true, T)).toThrow(/at most 600/)
  })
})
