import { describe, expect, it, vi } from "vitest"

import { newSecretKeyHex, publicKeyOf, signWith } from "../../shared/identity/secret-key"
import { amplifyLink, type AmplifyDeps } from "../../shared/posts/amplify-link"
import { KIND_WEB_BOOKMARK, parseLinkPostEvent } from "../../shared/posts/link-post-event"
import { freshDb } from "../support/fresh-db"

function deps(overrides: Partial<AmplifyDeps> = {}) {
  const sk = newSecretKeyHex()
  const sign = vi.fn(async (t: Parameters<AmplifyDeps["sign"]>[0]) => signWith(sk, t))
  const readMetadata = vi.fn(async () => ({ title: "Attention is scarce", description: "An essay.", image: "/img.png", siteName: "Gazette" }))
  const d: AmplifyDeps = { db: freshDb(), pubkey: async () => publicKeyOf(sk), sign, readMetadata, nowSec: () => 1_800_000_000, ...overrides }
  return { d, sign, readMetadata, sk }
}

describe("amplifyLink", () => {
  it("canonicalises, signs a NIP-B0 bookmark and stores one card", async () => {
    const { d } = deps()
    const r = await amplifyLink(d, "https://Example.com/essay?utm_source=tw&id=7#top")
    expect(r).toEqual({ ok: true, status: "created", url: "https://example.com/essay?id=7", title: "Attention is scarce" })
    const cards = await d.db.posts.toArray()
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({ url: "https://example.com/essay?id=7", image: "https://example.com/img.png", siteName: "Gazette" })
    const [stored] = await d.db.events.toArray()
    expect(stored!.kind).toBe(KIND_WEB_BOOKMARK)
    expect(parseLinkPostEvent(stored!.event).ok).toBe(true)
    expect(stored!.event.tags).toEqual(
      expect.arrayContaining([
        ["d", "example.com/essay?id=7"],
        ["i", "https://example.com/essay?id=7"],
        ["k", "web"],
        ["title", "Attention is scarce"]
      ])
    )
  })

  it("does not duplicate a URL the person already amplified, in any spelling", async () => {
    const { d, sign } = deps()
    await amplifyLink(d, "https://example.com/essay")
    const again = await amplifyLink(d, "HTTPS://EXAMPLE.com:443/essay?utm_medium=email#x")
    expect(again).toMatchObject({ ok: true, status: "already-amplified" })
    expect(sign).toHaveBeenCalledTimes(1)
    expect(await d.db.posts.count()).toBe(1)
    expect(await d.db.events.count()).toBe(1)
  })

  it.each(["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "chrome://settings", "about:blank"])(
    "refuses %s before reading, signing or storing anything",
    async (raw) => {
      const { d, sign, readMetadata } = deps()
      const r = await amplifyLink(d, raw)
      expect(r).toMatchObject({ ok: false, code: "unsupported-scheme" })
      if (!r.ok) expect(r.message).toMatch(/Only web pages/)
      expect(readMetadata).not.toHaveBeenCalled()
      expect(sign).not.toHaveBeenCalled()
      expect(await d.db.posts.count()).toBe(0)
      expect(await d.db.events.count()).toBe(0)
    }
  )

  it("amplifies with the host as title when the page cannot be read", async () => {
    const { d } = deps({ readMetadata: async () => Promise.reject(new Error("tab closed")) })
    const r = await amplifyLink(d, "https://example.org/x")
    expect(r).toMatchObject({ ok: true, title: "example.org" })
  })

  it("stores nothing when signing fails, and says why", async () => {
    const { d } = deps({ sign: async () => Promise.reject(new Error("locked")) })
    const r = await amplifyLink(d, "https://example.org/x")
    expect(r).toMatchObject({ ok: false, code: "signing-failed" })
    if (!r.ok) expect(r.message).toMatch(/locked/)
    expect(await d.db.posts.count()).toBe(0)
  })

  it("refuses an event its signer forged (self-check like a stranger's event)", async () => {
    const other = newSecretKeyHex()
    const { d } = deps()
    const r = await amplifyLink({ ...d, sign: async (t) => ({ ...signWith(other, t), content: "tampered" }) }, "https://example.org/y")
    expect(r).toMatchObject({ ok: false, code: "rejected-event" })
    expect(await d.db.events.count()).toBe(0)
  })
})
