import { describe, expect, it } from "vitest"

import { checkIncoming } from "../../shared/sync"
import { KIND_METADATA, METADATA_LIMITS, metadataContent, metadataTemplate, parseKnownEvent, parseMetadata, profileLabel } from "../../shared/nostr/kinds"
import { person } from "../sync/sync-fixture"

const T = 1_800_000_000
const alice = person()
const profile = (content: unknown, createdAt = T) => alice.sign({ kind: KIND_METADATA, created_at: createdAt, tags: [], content: typeof content === "string" ? content : JSON.stringify(content) })

describe("NIP-01 kind-0 profiles", () => {
  it("keeps names, about and a well-formed nip05, and never reads pictures", () => {
    const r = parseMetadata(profile({ name: "alice", display_name: "Alice Liddell", about: "Down the rabbit hole.", nip05: "Alice@Example.com", picture: "https://tracker.example/a.png", banner: "https://tracker.example/b.png" }))
    expect(r).toEqual({ ok: true, value: { id: expect.any(String), pubkey: alice.pubkey, createdAt: T, name: "alice", displayName: "Alice Liddell", about: "Down the rabbit hole.", nip05: "alice@example.com" } })
    expect(JSON.stringify(r)).not.toContain("tracker.example")
    expect(profileLabel(r.ok ? r.value : undefined)).toBe("Alice Liddell")
  })

  it("falls back to name, and to the deprecated displayName spelling", () => {
    const byName = parseMetadata(profile({ name: "bob" }))
    expect(byName.ok && profileLabel(byName.value)).toBe("bob")
    const camel = parseMetadata(profile({ displayName: "Carol" }))
    expect(camel.ok && camel.value.displayName).toBe("Carol")
  })

  it("cleans a hostile name into plain, bounded text: controls and bidi overrides gone, markup kept as characters", () => {
    const hostile = `<img src=x onerror=alert(1)>\u202e\u0000evil\u200b${"A".repeat(10_000)}`
    // A 10 KB name (the content as a whole stays under the 16,384-character event limit).
    const r = parseMetadata(profile({ name: hostile, display_name: hostile.slice(0, 2000), about: hostile.slice(0, 2000) }))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    for (const [text, max] of [[r.value.name, METADATA_LIMITS.name], [r.value.displayName, METADATA_LIMITS.displayName], [r.value.about, METADATA_LIMITS.about]] as const) {
      expect([...text].length).toBeLessThanOrEqual(max)
      expect(text).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069\u200b]/)
      expect(text.endsWith("…")).toBe(true)
    }
    expect(r.value.name.startsWith("<img src=x onerror=alert(1)>")).toBe(true)
  })

  it("ignores fields of the wrong type and a nip05 that is not local@domain", () => {
    const r = parseMetadata(profile({ name: 42, display_name: ["x"], about: { a: 1 }, nip05: "not an address" }))
    expect(r).toMatchObject({ ok: true, value: { name: "", displayName: "", about: "", nip05: "" } })
  })

  it.each([
    ["content that is not JSON", "{name: alice", /metadata: content is not JSON/],
    ["a JSON array", "[1,2]", /not a JSON object/],
    ["JSON null", "null", /not a JSON object/],
    ["a JSON string", '"alice"', /not a JSON object/]
  ])("refuses %s with a reason", (_, content, reason) => {
    const r = parseMetadata(profile(content))
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(reason) })
    expect(parseKnownEvent(profile(content))).toEqual({ ok: false, reason: expect.stringMatching(reason) })
  })

  it("goes through the sync core's gate like every kind: size first, then the signature", () => {
    const good = profile({ name: "alice" })
    expect(checkIncoming(good, { verify: () => true, nowSec: T })).toMatchObject({ ok: true, known: { type: "profile", value: { name: "alice" } } })
    expect(checkIncoming(good, { verify: () => false, nowSec: T })).toEqual({ ok: false, reason: "bad id or signature" })
    const huge = { ...good, content: JSON.stringify({ name: "x".repeat(20_000) }) }
    expect(checkIncoming(huge, { verify: () => true, nowSec: T })).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed event/) })
  })

  it("builds a kind 0 over the previous content, keeping fields it does not edit", () => {
    const previous = metadataContent(profile({ name: "alice", picture: "https://a.example/p.png", lud16: "alice@wallet.example" }))
    const t = metadataTemplate({ display_name: "  Alice\u202e  " }, T + 1, previous)
    expect(t.kind).toBe(0)
    expect(JSON.parse(t.content)).toEqual({ name: "alice", picture: "https://a.example/p.png", lud16: "alice@wallet.example", display_name: "Alice" })
    expect(JSON.parse(metadataTemplate({ display_name: "" }, T + 2, JSON.parse(t.content) as Record<string, unknown>).content)).not.toHaveProperty("display_name")
    expect(metadataContent({ content: "not json" })).toEqual({})
  })
})
