import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

import puppeteer, { type Browser, type Page, type Target, type WebWorker } from "puppeteer-core"

import { findChromium } from "./find-chromium"

// SYNEREO_EXTENSION_DIR lets a developer test a build made elsewhere (`plasmo build --build-path=…`).
export const EXTENSION_DIR = resolve(process.env.SYNEREO_EXTENSION_DIR ?? resolve(__dirname, "..", "..", "build", "chrome-mv3-prod"))

export interface LaunchOptions {
  headless: boolean
  extensionDir?: string
  /** Keep the profile between runs (npm start); tests use a fresh one each time. */
  userDataDir?: string
}

export interface ExtensionSession {
  browser: Browser
  extensionId: string
  /** The extension's service worker, re-acquired if Chrome restarted it. */
  serviceWorker(): Promise<WebWorker>
  /**
   * Clicks the toolbar button on `page` through DevTools (Extensions.triggerAction): Chrome grants
   * activeTab for that tab as for a person's click, and the extension opens its amplify dialog.
   */
  grantActiveTab(page: Page): Promise<void>
  /** Opens the real side panel by clicking "Open the Stream" on the welcome page, and returns its page. */
  openSidePanel(): Promise<Page>
  /** The side panel's page, once open. */
  sidePanel(): Promise<Page>
  close(): Promise<void>
}

// Flags that keep Chromium from calling home on a machine with no network (and from waiting on it).
const QUIET_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-sync",
  "--disable-quic",
  "--disable-features=Translate,MediaRouter,OptimizationHints"
]

export async function launchWithExtension(opts: LaunchOptions): Promise<ExtensionSession> {
  const extensionDir = resolve(opts.extensionDir ?? EXTENSION_DIR)
  const ownProfile = !opts.userDataDir
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), "synereo-chromium-"))
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: opts.headless,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    defaultViewport: null,
    args: QUIET_ARGS
  })

  const isOurWorker = (t: Target) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://") && t.url().endsWith("/static/background/index.js")
  const swTarget = await browser.waitForTarget(isOurWorker, { timeout: 20_000 })
  const extensionId = new URL(swTarget.url()).host

  async function serviceWorker(): Promise<WebWorker> {
    const target = browser.targets().find(isOurWorker) ?? (await browser.waitForTarget(isOurWorker, { timeout: 20_000 }))
    const worker = await target.worker()
    if (!worker) throw new Error("The extension's service worker is not running")
    // The first evaluations right after start can fail while the worker boots: retry briefly.
    for (let i = 0; ; i++) {
      try {
        await worker.evaluate(() => typeof chrome.runtime.id)
        return worker
      } catch (err) {
        if (i >= 20) throw err
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }

  async function sidePanel(): Promise<Page> {
    const url = `chrome-extension://${extensionId}/sidepanel.html`
    const target = await browser.waitForTarget((t) => t.url() === url, { timeout: 20_000 })
    const page = await target.asPage()
    await page.waitForSelector(".panel", { timeout: 20_000 })
    return page
  }

  async function grantActiveTab(page: Page): Promise<void> {
    const ext = (await browser.extensions()).get(extensionId)
    if (!ext) throw new Error(`Extension ${extensionId} is not loaded`)
    await page.bringToFront()
    await page.triggerExtensionAction(ext)
  }

  async function openSidePanel(): Promise<Page> {
    const welcomeUrl = `chrome-extension://${extensionId}/tabs/welcome.html`
    // The extension opens its welcome page on install; use that one rather than racing it.
    const existing = await browser.waitForTarget((t) => t.url() === welcomeUrl, { timeout: 5_000 }).catch(() => undefined)
    const welcome = existing ? await existing.asPage() : await browser.newPage()
    if (!existing) await welcome.goto(welcomeUrl)
    await welcome.bringToFront()
    const button = await welcome.waitForSelector("[data-testid=open-stream]", { timeout: 20_000 })
    await button!.click()
    return sidePanel()
  }

  return {
    browser,
    extensionId,
    serviceWorker,
    grantActiveTab,
    openSidePanel,
    sidePanel,
    async close() {
      await browser.close().catch(() => {})
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}
