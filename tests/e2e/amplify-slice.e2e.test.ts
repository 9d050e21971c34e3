import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { cardTexts, clickMenu, countRows, screenshot, startExtension } from "./support/extension-session"
import { HOSTILE_TITLE, startTestSite, type TestSite } from "./support/test-site"

let site: TestSite
let session: ExtensionSession
let panel: Page
let article: Page

const ARTICLE_RAW = () => site.url("/article.html?utm_source=newsletter&b=2&a=1#comments")
const ARTICLE_CANONICAL = () => site.url("/article.html?a=1&b=2")

async function statusText(): Promise<string> {
  return panel.$eval("[data-testid=amplify-status]", (e) => e.textContent ?? "")
}

beforeAll(async () => {
  site = await startTestSite()
  session = await startExtension()
  panel = await session.openSidePanel()
  article = await session.browser.newPage()
  await article.goto(ARTICLE_RAW())
})

afterAll(async () => {
  await session?.close()
  await site?.close()
})

describe("the foundation slice in real Chromium", () => {
  it("opens the real side panel, with the WASM kernel loaded in its worker", async () => {
    expect(panel.url()).toBe(`chrome-extension://${session.extensionId}/sidepanel.html`)
    await panel.waitForSelector("[data-testid=stream-empty]")
    await panel.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel") === "wasm-simd")
    await screenshot(panel, "01-empty-stream")
  })

  it("amplifies a page from the context menu: Open Graph title, canonical URL, shown in the Stream", async () => {
    await session.grantActiveTab(article) // what the person's right-click grants
    await clickMenu(session, { menuItemId: "synereo-amplify-page", pageUrl: article.url() }, article.url())
    await panel.waitForSelector("[data-testid=post-card]")
    expect(await cardTexts(panel)).toEqual([{ url: ARTICLE_CANONICAL(), title: "Attention is the scarce good" }])
    expect(await statusText()).toBe("Amplified “Attention is the scarce good”.")
    expect(await countRows(session, "events")).toBe(1)
    await screenshot(panel, "02-amplified-from-menu")
  })

  it("keeps the post after the side panel reloads", async () => {
    await panel.reload()
    await panel.waitForSelector("[data-testid=post-card]")
    expect(await cardTexts(panel)).toEqual([{ url: ARTICLE_CANONICAL(), title: "Attention is the scarce good" }])
  })

  it("does not duplicate the same URL amplified again, from the menu or the panel button", async () => {
    await clickMenu(session, { menuItemId: "synereo-amplify-page", pageUrl: article.url() }, article.url())
    await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-status]")?.textContent?.startsWith("You already amplified"))
    await article.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-button]")?.getAttribute("aria-busy") === "false")
    expect(await statusText()).toMatch(/^You already amplified/)
    expect(await cardTexts(panel)).toHaveLength(1)
    expect(await countRows(session, "posts")).toBe(1)
    expect(await countRows(session, "events")).toBe(1)
  })

  it("amplifies a same-origin link with the linked page's own metadata", async () => {
    const links = await session.browser.newPage()
    await links.goto(site.url("/links.html"))
    await session.grantActiveTab(links)
    await clickMenu(session, { menuItemId: "synereo-amplify-link", pageUrl: links.url(), linkUrl: site.url("/linked.html") }, links.url())
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=post-card]").length === 2)
    expect(await cardTexts(panel)).toContainEqual({ url: site.url("/linked.html"), title: "The linked page's own title" })
  })

  it("refuses javascript: and data: links with a clear message, storing and signing nothing", async () => {
    const before = await countRows(session, "events")
    const links = (await session.browser.pages()).find((p) => p.url().endsWith("/links.html"))!
    for (const linkUrl of ["javascript:alert(1)", "data:text/html,hi"]) {
      await clickMenu(session, { menuItemId: "synereo-amplify-link", pageUrl: links.url(), linkUrl }, links.url())
      await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-status]")?.classList.contains("error"))
      expect(await statusText()).toMatch(/Only web pages \(http or https\) can be amplified/)
    }
    expect(await countRows(session, "events")).toBe(before)
    expect(await cardTexts(panel)).toHaveLength(2)
    await screenshot(panel, "03-refused-javascript-link")
  })

  it("explains, rather than guesses, when it was not invoked on the tab", async () => {
    const plain = await session.browser.newPage()
    await plain.goto(site.url("/plain.html"))
    await plain.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-status]")?.textContent?.includes("toolbar"))
    await session.grantActiveTab(plain)
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=post-card]").length === 3)
    expect(await cardTexts(panel)).toContainEqual({ url: site.url("/plain.html"), title: "A page without Open Graph" })
  })

  it("shows a hostile page title as text: no element injected, no script run", async () => {
    const hostile = await session.browser.newPage()
    await hostile.goto(site.url("/hostile.html"))
    await session.grantActiveTab(hostile)
    await clickMenu(session, { menuItemId: "synereo-amplify-page", pageUrl: hostile.url() }, hostile.url())
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=post-card]").length === 4)
    const card = await panel.$(`[data-testid=post-card][data-url="${site.url("/hostile.html")}"]`)
    const found = await card!.evaluate((c) => ({
      title: c.querySelector("[data-testid=post-title]")!.textContent,
      injected: c.querySelectorAll("img[src=x], script, b, i").length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null
    }))
    expect(found).toEqual({ title: HOSTILE_TITLE, injected: 0, pwned: null })
    await screenshot(panel, "04-hostile-title-as-text")
  })

  it("clears a stale refusal when a dialog opens for another page, and lets the person dismiss one", async () => {
    const welcome = (await session.browser.pages()).find((p) => p.url().startsWith(`chrome-extension://${session.extensionId}/`) && p !== panel) ?? (await session.browser.newPage())
    if (!welcome.url().startsWith("chrome-extension:")) await welcome.goto(`chrome-extension://${session.extensionId}/tabs/welcome.html`)
    await welcome.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    // A refusal ("…this is a "chrome-extension:" address", or how to invoke it on a page).
    await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-status]")?.classList.contains("error"))
    await screenshot(panel, "05-refused-extension-page")
    await session.grantActiveTab(article) // the toolbar button on a web page: a dialog for that page
    await panel.waitForSelector("[data-testid=amplify-dialog][open]")
    await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-status]")?.textContent === "")
    await screenshot(panel, "06-dialog-without-stale-error")
    await panel.click("[data-testid=amplify-cancel]")
    await panel.waitForSelector("[data-testid=amplify-dialog]", { hidden: true })

    await welcome.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForSelector("[data-testid=amplify-status-dismiss]")
    await panel.click("[data-testid=amplify-status-dismiss]")
    expect(await statusText()).toBe("")
    expect(await panel.$("[data-testid=amplify-status-dismiss]")).toBeNull()
  })
})
