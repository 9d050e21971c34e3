import { describe, expect, it } from "vitest"

import { siteHue, siteInitial } from "../../extension/features/stream/sidepanel/site-tile"

describe("the preview-image stand-in tile", () => {
  it("shows the site's first letter or digit, upper-cased", () => {
    expect(siteInitial("Test Gazette", "https://x.example/")).toBe("T")
    expect(siteInitial("  «élan»", "https://x.example/")).toBe("É")
    expect(siteInitial("", "https://www.bob.example/a")).toBe("B")
    expect(siteInitial("9to5", "https://x.example/")).toBe("9")
  })

  it("falls back to a dot when nothing is a letter", () => {
    expect(siteInitial("‮!!", "not a url")).toBe("•")
  })

  it("gives one stable hue per host", () => {
    expect(siteHue("https://a.example/1")).toBe(siteHue("https://a.example/2"))
    expect(siteHue("https://a.example/")).toBeGreaterThanOrEqual(0)
    expect(siteHue("https://a.example/")).toBeLessThan(360)
  })
})
