import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { bookmarkIdentifier, canonicalizeUrl } from "../../shared/url/canonical-url"

const ok = (raw: string) => {
  const r = canonicalizeUrl(raw)
  if (!r.ok) throw new Error(`expected ${raw} to be accepted: ${r.message}`)
  return r.url
}

describe("canonicalizeUrl", () => {
  it.each([
    ["HTTPS://Example.COM:443/a/./b/../c?utm_source=x&b=2&a=1#section", "https://example.com/a/c?a=1&b=2"],
    ["http://example.com:80", "http://example.com/"],
    ["http://example.com:8080/x", "http://example.com:8080/x"],
    ["https://user:secret@example.com/private", "https://example.com/private"],
    ["https://example.com./path", "https://example.com/path"],
    ["https://example.com/?fbclid=abc&gclid=def&UTM_Campaign=z", "https://example.com/"],
    ["https://example.com/?q=1&q=0&a=x", "https://example.com/?a=x&q=1&q=0"],
    ["https://app.example.com/#/inbox/42", "https://app.example.com/#/inbox/42"],
    ["https://example.com/#!page", "https://example.com/#!page"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    ["  https://example.com/trim  ", "https://example.com/trim"]
  ])("%s → %s", (raw, expected) => {
    expect(ok(raw)).toBe(expected)
  })

  it.each(["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "chrome://settings", "about:blank", "blob:https://example.com/uuid", "chrome-extension://abc/page.html", "ftp://example.com/file"])(
    "refuses %s with a clear scheme message",
    (raw) => {
      const r = canonicalizeUrl(raw)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.code).toBe("unsupported-scheme")
        expect(r.message).toMatch(/Only web pages \(http or https\) can be amplified/)
      }
    }
  )

  it.each(["", "not a url", "/relative/path", "http://"])("refuses %j as invalid", (raw) => {
    const r = canonicalizeUrl(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.code).toBe("invalid-url")
  })

  it("refuses addresses longer than 2048 characters", () => {
    const r = canonicalizeUrl("https://example.com/" + "a".repeat(3000))
    expect(r).toMatchObject({ ok: false, code: "too-long" })
  })

  it("is idempotent and never yields a non-http(s) URL", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => {
        const first = canonicalizeUrl(raw)
        if (!first.ok) return
        expect(first.url).toMatch(/^https?:\/\//)
        const second = canonicalizeUrl(first.url)
        expect(second).toEqual(first)
      }),
      { numRuns: 500 }
    )
  })

  it("gives the NIP-B0 identifier without the scheme", () => {
    expect(bookmarkIdentifier("https://example.com/a?b=1")).toBe("example.com/a?b=1")
  })
})
