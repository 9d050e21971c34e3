// Passive earning in real Chromium: the Earning view, the permission grant, and that browsing
// other pages writes nothing to IndexedDB or extension storage.
// NOT DONE (see the report): seeding an amplified post with an open stake and watching the badge.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Page } from "puppeteer-core"

import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { startExtension } from "./support/extension-session"
import { startTestSite, type TestSite } from "./support/test-site"
import { fullScreenshot } from "./support/two-browsers"

let session: ExtensionSession
let panel: Page
let site: TestSite

/** Row counts of every object store, and every key of storage.local and storage.session. */
async function footprint(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const out: Record<string, unknown> = {}
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("synereo-stream")
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    for (const name of [...db.objectStoreNames]) {
      out[`db:${name}`] = await new Promise((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).count()
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
    }
    db.close()
    out["storage.local"] = Object.keys(await chrome.storage.local.get(null)).sort()
    out["storage.session"] = Object.keys(await chrome.storage.session.get(null)).sort()
    return out
  })
}

beforeAll(async () => {
  site = await startTestSite()
  session = await startExtension()
  panel = await session.openSidePanel()
})
afterAll(async () => {
  await session?.close()
  await site?.close()
})

describe("earning (real Chromium)", () => {
  it("shows the Earning view, off by default, saying what it publishes", async () => {
    await panel.click("#tab-earning")
    await panel.waitForSelector("[data-testid=earning-view]")
    expect(await panel.$eval("[data-testid=earning-state]", (e) => e.getAttribute("data-on"))).toBe("false")
    const text = await panel.$eval("[data-testid=earning-view]", (e) => e.textContent ?? "")
    expect(text).toContain("one signed receipt")
    await fullScreenshot(panel, "earning-view-off")
  })

  it("with earning off, visiting pages writes nothing", async () => {
    await new Promise((r) => setTimeout(r, 1500))
    const before = await footprint(panel)
    const page = await session.browser.newPage()
    for (const p of ["/article.html", "/plain.html", "/links.html"]) {
      await page.goto(site.url(p))
      await page.bringToFront()
      await new Promise((r) => setTimeout(r, 500))
    }
    await page.close()
    expect(await footprint(panel)).toEqual(before)
  })

  it("the optional permissions are declared and not granted until the person turns earning on", async () => {
    const sw = await session.serviceWorker()
    const manifest = await sw.evaluate(() => chrome.runtime.getManifest())
    expect(manifest.optional_permissions).toEqual(["tabs", "idle"])
    expect(await sw.evaluate(() => chrome.permissions.contains({ permissions: ["tabs", "idle"] }))).toBe(false)
  })
})
