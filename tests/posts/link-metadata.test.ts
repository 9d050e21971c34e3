import { describe, expect, it } from "vitest"

import { LIMITS, cleanImageUrl, sanitizeMetadata } from "../../shared/posts/link-metadata"

const URL_ = "https://example.com/article"

describe("sanitizeMetadata", () => {
  it("keeps markup as literal text: the UI renders text, never HTML", () => {
    const m = sanitizeMetadata({ title: "<script>alert(1)</script><b>Bold</b>" }, URL_)
    expect(m.title).toBe("<script>alert(1)</script><b>Bold</b>")
  })

  it("removes control and bidi-override characters and folds whitespace", () => {
    const m = sanitizeMetadata({ title: "Safe\u202Egnp.exe\u0000\n\t title", description: "a\u200B\u200Bb" }, URL_)
    expect(m.title).toBe("Safe gnp.exe title")
    expect(m.description).toBe("a b")
  })

  it("bounds every field", () => {
    const m = sanitizeMetadata({ title: "t".repeat(10_000), description: "d".repeat(10_000), siteName: "s".repeat(1000) }, URL_)
    expect(Array.from(m.title).length).toBeLessThanOrEqual(LIMITS.title)
    expect(Array.from(m.description).length).toBeLessThanOrEqual(LIMITS.description)
    expect(Array.from(m.siteName).length).toBeLessThanOrEqual(LIMITS.siteName)
    expect(m.title.endsWith("…")).toBe(true)
  })

  it("accepts only https images, resolved against the page", () => {
    expect(sanitizeMetadata({ image: "/cover.png" }, URL_).image).toBe("https://example.com/cover.png")
    expect(sanitizeMetadata({ image: "javascript:alert(1)" }, URL_).image).toBe("")
    expect(sanitizeMetadata({ image: "data:image/png;base64,AAAA" }, URL_).image).toBe("")
  })

  it("falls back to the host when the page gives nothing usable", () => {
    for (const raw of [undefined, null, 42, "title", { title: 7 }, { title: "   " }]) {
      const m = sanitizeMetadata(raw, URL_)
      expect(m.title).toBe("example.com")
      expect(m.siteName).toBe("example.com")
    }
  })
})

describe("cleanImageUrl: the only images a card may ever load", () => {
  it("refuses plain http, also when a relative image resolves against an http page", () => {
    expect(cleanImageUrl("http://cdn.example/pixel.gif", URL_)).toBe("")
    expect(cleanImageUrl("/cover.png", "http://example.com/article")).toBe("")
    expect(cleanImageUrl("//cdn.example/a.png", "http://example.com/article")).toBe("")
  })

  it("keeps https, protocol-relative under an https page, and strips credentials", () => {
    expect(cleanImageUrl("//cdn.example/a.png", URL_)).toBe("https://cdn.example/a.png")
    expect(cleanImageUrl(" https://user:pw@cdn.example/a.png ", "http://example.com/")).toBe("https://cdn.example/a.png")
  })

  it("refuses every other scheme, non-strings and over-long addresses", () => {
    for (const v of ["ftp://x.example/a.png", "blob:https://x.example/1", "file:///etc/passwd", "chrome-extension://abc/x.png", "", 7, null, undefined]) expect(cleanImageUrl(v, URL_)).toBe("")
    expect(cleanImageUrl(`https://x.example/${"a".repeat(LIMITS.imageUrl)}`, URL_)).toBe("")
  })
})
