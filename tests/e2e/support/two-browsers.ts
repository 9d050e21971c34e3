import { mkdirSync } from "node:fs"
import { join } from "node:path"

import type { Page, WebWorker } from "puppeteer-core"

import type { ExtensionSession } from "../../../scripts/browser/launch-extension"

/**
 * Rows of any store in the extension's IndexedDB, counted from one of its pages (the side panel:
 * same origin, same database, and unlike the worker it does not come and go) or its worker.
 */
export async function countStore(page: Page | WebWorker, store: string): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("synereo-stream")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction(store).objectStore(store).count()
          req.onsuccess = () => {
            open.result.close()
            resolve(req.result)
          }
          req.onerror = () => reject(req.error)
        }
      }),
    store
  )
}

/** Every value of one store (small stores only), read from an extension page. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open("synereo-stream")
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction(store).objectStore(store).getAll()
          req.onsuccess = () => {
            open.result.close()
            resolve(req.result as unknown[])
          }
          req.onerror = () => reject(req.error)
        }
      }),
    store
  ) as Promise<T[]>
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle or under memory
 * pressure: DevTools closes the worker's target (not `runtime.reload`, which restarts the whole
 * extension). Chrome starts it again on the next event (here: the side panel's status poll).
 * Puppeteer attached to the worker at launch, so the restarted worker waits for a debugger: a
 * fresh DevTools session tells it to run. Resolves once the old worker is stopped.
 */
export async function killServiceWorker(session: ExtensionSession, panel: Page): Promise<void> {
  const browserCdp = await session.browser.target().createCDPSession()
  const pageCdp = await panel.createCDPSession()
  const states: string[] = []
  pageCdp.on("ServiceWorker.workerVersionUpdated", (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${session.extensionId}/`)) states.push(v.runningStatus)
  })
  await pageCdp.send("ServiceWorker.enable")
  const { targetInfos } = (await browserCdp.send("Target.getTargets")) as { targetInfos: { targetId: string; type: string; url: string }[] }
  const worker = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${session.extensionId}/`))
  if (!worker) throw new Error("the extension's service worker is not running")
  await browserCdp.send("Target.closeTarget", { targetId: worker.targetId })
  const deadline = Date.now() + 10_000
  while (!states.includes("stopped")) {
    if (Date.now() > deadline) throw new Error(`the worker did not stop (states: ${states.join(", ")})`)
    await new Promise((r) => setTimeout(r, 20))
  }
  const target = session.browser.targets().find((t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${session.extensionId}/`))
  if (target) {
    const resume = await target.createCDPSession()
    // Answers once the worker has started again; not awaited.
    void resume.send("Runtime.runIfWaitingForDebugger").catch(() => undefined)
  }
  await pageCdp.send("ServiceWorker.disable").catch(() => undefined)
  await pageCdp.detach().catch(() => undefined)
  await browserCdp.detach().catch(() => undefined)
}

/** Chooses the relays in the side panel's "Relays" section, as a person would, and waits for the connection. */
export async function chooseRelay(panel: Page, url: string): Promise<void> {
  await panel.click(".sync-details summary")
  await panel.waitForSelector("[data-testid=relay-list]", { visible: true })
  await panel.focus("[data-testid=relay-list]")
  await panel.keyboard.down("Control")
  await panel.keyboard.press("a")
  await panel.keyboard.up("Control")
  await panel.keyboard.press("Backspace")
  await panel.type("[data-testid=relay-list]", url)
  await panel.click("[data-testid=relay-save]")
  await panel.waitForFunction(() => document.querySelector("[data-testid=relay-save-status]")?.textContent?.startsWith("Saved"), { timeout: 10_000 })
  await panel.waitForFunction(
    (u) => {
      const rows = [...document.querySelectorAll("[data-testid=relay-row]")]
      return rows.length === 1 && rows[0]!.getAttribute("data-state") === "open" && rows[0]!.textContent!.includes(u)
    },
    { timeout: 10_000 },
    url
  )
  await panel.click(".sync-details summary")
}

export function cardSelector(url: string): string {
  return `[data-testid=post-card][data-url="${url}"]`
}

export async function cardSocial(panel: Page, url: string): Promise<{ likes: number; comments: number; texts: string[] }> {
  return panel.$eval(cardSelector(url), (card) => {
    const social = card.querySelector("[data-testid=card-social]")!
    return {
      likes: Number(social.getAttribute("data-likes")),
      comments: Number(social.getAttribute("data-comments")),
      texts: [...social.querySelectorAll("[data-testid=comment] .comment-text")].map((c) => c.textContent ?? "")
    }
  })
}

/** Where a screenshot named `name` goes: tests/e2e/screenshots/<name>.png. */
export function screenshotPath(name: string): string {
  const dir = join(__dirname, "..", "screenshots")
  mkdirSync(dir, { recursive: true })
  return join(dir, `${name}.png`)
}

/** A full-page screenshot (the side panel is taller than its viewport), or the viewport with `fullPage: false`. */
export async function fullScreenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  const path = screenshotPath(name)
  await page.screenshot({ path, fullPage: opts.fullPage ?? true })
  return path
}
