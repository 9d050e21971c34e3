import { describe, expect, it } from "vitest"

import { newSecretKeyHex, signWith } from "../../shared/identity/secret-key"
import { EVENT_LIMITS } from "../../shared/nostr/event-schema"
import { KIND_WEB_BOOKMARK, linkPostTemplate, parseLinkPostEvent } from "../../shared/posts/link-post-event"

const meta = { title: "T", description: "D", siteName: "S", image: "" }
const sk = newSecretKeyHex()
const good = signWith(sk, linkPostTemplate("https://example.com/a", meta, 1_700_000_000))

describe("parseLinkPostEvent", () => {
  it("accepts a genuine bookmark", () => {
    const r = parseLinkPostEvent(good)
    expect(r.ok && r.post).toMatchObject({ url: "https://example.com/a", title: "T", description: "D", author: good.pubkey })
  })

  it.each([
    ["not an object", "hello"],
    ["missing fields", { kind: KIND_WEB_BOOKMARK }],
    ["uppercase hex id", { ...good, id: good.id.toUpperCase() }],
    ["huge content", { ...good, content: "x".repeat(20_000) }],
    ["too many tags", { ...good, tags: Array.from({ length: EVENT_LIMITS.tags + 1 }, () => ["t", "x"]) }]
  ])("refuses %s as malformed", (_label, input) => {
    const r = parseLinkPostEvent(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/^malformed event/)
  })

  it("refuses a forged signature and a tampered body", () => {
    const other = signWith(newSecretKeyHex(), linkPostTemplate("https://example.com/a", meta, 1_700_000_000))
    expect(parseLinkPostEvent({ ...good, sig: other.sig })).toEqual({ ok: false, reason: "bad id or signature" })
    expect(parseLinkPostEvent({ ...good, content: "changed" })).toEqual({ ok: false, reason: "bad id or signature" })
  })

  it("refuses other kinds and bookmarks of non-web URLs", () => {
    expect(parseLinkPostEvent(signWith(sk, { kind: 1, created_at: 1, tags: [], content: "" }))).toMatchObject({ ok: false, reason: "not a web bookmark (kind 1)" })
    const js = signWith(sk, { kind: KIND_WEB_BOOKMARK, created_at: 1, tags: [["d", "alert(1)"], ["i", "javascript:alert(1)"]], content: "" })
    expect(parseLinkPostEvent(js)).toMatchObject({ ok: false })
    const mismatch = signWith(sk, { kind: KIND_WEB_BOOKMARK, created_at: 1, tags: [["d", "evil.com/"], ["i", "https://example.com/"]], content: "" })
    expect(parseLinkPostEvent(mismatch)).toEqual({ ok: false, reason: "d tag does not match the URL" })
  })
})
