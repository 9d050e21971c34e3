import { mkdirSync } from "node:fs"
import { join } from "node:path"

import type { Page } from "puppeteer-core"

import { launchWithExtension, type ExtensionSession } from "../../../scripts/browser/launch-extension"
import { countStore } from "./two-browsers"

export const SCREENSHOT_DIR = join(__dirname, "..", "screenshots")

/** Every e2e file gets a fresh Chromium profile with the built extension (`npm run build` first). */
export async function startExtension(): Promise<ExtensionSession> {
  return launchWithExtension({ headless: true })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Runs a context-menu click through the real listeners (headless Chromium has no native menu). */
export async function clickMenu(session: ExtensionSession, info: { menuItemId: string; pageUrl: string; linkUrl?: string }, tabUrl: string): Promise<void> {
  const sw = await session.serviceWorker()
  await sw.evaluate(
    async (info, tabUrl) => {
      const tabs = await chrome.tabs.query({})
      const tab = tabs.find((t) => t.url === tabUrl) ?? tabs.find((t) => t.active)
      // dispatch() exists on Chrome's event objects but is not in the public typings.
      ;(chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch({ editable: false, ...info }, tab)
    },
    info,
    tabUrl
  )
}

/**
 * `grantActiveTab` is a toolbar click, which also opens the amplify dialog on top of the Stream;
 * a test that amplifies through the context menu closes it again, as a person would.
 */
export async function dismissAmplifyDialog(panel: Page): Promise<void> {
  const cancel = await panel.waitForSelector("[data-testid=amplify-dialog] [data-testid=amplify-cancel]", { timeout: 5_000 }).catch(() => null)
  if (!cancel) return
  await cancel.click()
  await panel.waitForSelector("[data-testid=amplify-dialog]", { hidden: true, timeout: 5_000 })
}

/** Counts rows in the extension's IndexedDB from the service worker (the browser's real IndexedDB). */
export async function countRows(session: ExtensionSession, store: "events" | "posts"): Promise<number> {
  return countStore(await session.serviceWorker(), store)
}

export async function cardTexts(panel: Page): Promise<{ url: string; title: string }[]> {
  return panel.$$eval("[data-testid=post-card]", (cards) =>
    cards.map((c) => ({ url: c.getAttribute("data-url") ?? "", title: c.querySelector("[data-testid=post-title]")?.textContent ?? "" }))
  )
}
