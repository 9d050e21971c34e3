import { readFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"

import { decrypt as nip49Decrypt } from "nostr-tools/nip49"
import { decode, npubEncode, nsecEncode } from "nostr-tools/nip19"
import { generateSecretKey, getPublicKey } from "nostr-tools/pure"
import type { Page, SerializedAXNode } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { countRows, SCREENSHOT_DIR, startExtension } from "./support/extension-session"

const LOCK_PASS = "violet harbour lantern"
const BACKUP_PASS = "seven quiet pebbles"
const LOCKED_MESSAGE = "Your key is locked — unlock it in Settings."

/**
 * A tiny web site for this file: an article to amplify, and a page with a NIP-07 signer in its
 * main world (nostr-tools' browser bundle, served from node_modules) standing in for nos2x/Alby.
 */
async function startSite(): Promise<{ url(p: string): string; close(): Promise<void> }> {
  const bundle = readFileSync(join(__dirname, "..", "..", "node_modules", "nostr-tools", "lib", "nostr.bundle.js"))
  const pages: Record<string, [string, string | Buffer]> = {
    "/article.html": [
      "text/html; charset=utf-8",
      `<!doctype html><html><head><meta charset="utf-8"><title>Locks and keys</title><meta property="og:title" content="Locks and keys"></head><body><p>An article.</p></body></html>`
    ],
    "/signer.html": [
      "text/html; charset=utf-8",
      `<!doctype html><html><head><meta charset="utf-8"><title>A page with a signer</title></head><body><p>Signer page.</p>
<script src="/nostr.bundle.js"></script>
<script>
  const sk = NostrTools.generateSecretKey();
  window.__signerPubkey = NostrTools.getPublicKey(sk);
  window.__signed = 0;
  window.nostr = {
    async getPublicKey() { return NostrTools.getPublicKey(sk) },
    async signEvent(t) { window.__signed++; return NostrTools.finalizeEvent(t, sk) }
  };
</script></body></html>`
    ],
    "/nostr.bundle.js": ["text/javascript", bundle]
  }
  const server: Server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? "/", "http://x").pathname]
    if (!page) return void res.writeHead(404).end()
    res.writeHead(200, { "content-type": page[0] }).end(page[1])
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url: (p) => origin + p, close: () => new Promise((r) => server.close(() => r())) }
}

let site: Awaited<ReturnType<typeof startSite>>
let session: ExtensionSession
let panel: Page
let settings: Page
let article: Page

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage })
}

async function badgeNpub(): Promise<string | null> {
  return panel.$eval("[data-testid=identity]", (e) => e.getAttribute("title")).catch(() => null)
}

async function lockState(): Promise<string | null> {
  return settings.$eval("[data-testid=lock-state]", (e) => e.getAttribute("data-lock"))
}

async function type(page: Page, testid: string, text: string) {
  const el = await page.waitForSelector(`[data-testid=${testid}]`)
  await el!.click({ count: 3 })
  await el!.type(text)
}

async function storage(): Promise<{ local: Record<string, unknown>; session: Record<string, unknown> }> {
  const sw = await session.serviceWorker()
  return sw.evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }))
}

async function amplifyStatus(): Promise<string> {
  await panel.waitForFunction(() => document.querySelector("[data-testid=amplify-button]")?.getAttribute("aria-busy") === "false")
  return panel.$eval("[data-testid=amplify-status]", (e) => e.textContent ?? "")
}

/** Every focusable control, each with an accessible name, each reached by Tab in order. */
async function checkKeyboardAndLabels(page: Page, label: string) {
  const snapshot = await page.accessibility.snapshot({ interestingOnly: true })
  const unnamed: string[] = []
  const walk = (n: SerializedAXNode | null | undefined) => {
    if (!n) return
    if (["button", "textbox", "checkbox", "radio", "link", "combobox", "spinbutton", "DisclosureTriangle"].includes(n.role) && !n.name?.trim()) unnamed.push(`${n.role}`)
    n.children?.forEach(walk)
  }
  walk(snapshot)
  expect(unnamed, `${label}: controls without an accessible name`).toEqual([])

  const expected = await page.$$eval("button:not([disabled]), input:not([disabled]), textarea, summary, a[href]", (els) =>
    els
      .filter((e) => e.checkVisibility() && !e.closest("dialog:not([open])"))
      .map((e, i) => {
        // A radio group and a tab list are each one Tab stop (arrow keys move inside, WAI-ARIA):
        // key radios by their group and tabs by their tab list.
        const tablist = e.getAttribute("role") === "tab" ? e.closest("[role=tablist]") : null
        const key = e instanceof HTMLInputElement && e.type === "radio" ? `radio:${e.name}` : tablist ? `tablist:${tablist.getAttribute("aria-label")}` : String(i)
        ;(e as HTMLElement).dataset.kbd = key
        return key
      })
      .filter((k, i, all) => all.indexOf(k) === i)
  )
  await page.evaluate(() => {
    ;(document.activeElement as HTMLElement | null)?.blur()
    window.scrollTo(0, 0)
  })
  const reached = new Set<string>()
  for (let i = 0; i < expected.length + 5; i++) {
    await page.keyboard.press("Tab")
    const k = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd ?? null)
    if (k) reached.add(k)
  }
  expect(expected.filter((k) => !reached.has(k)), `${label}: controls Tab does not reach`).toEqual([])
  expect(expected.length).toBeGreaterThan(1)
}

beforeAll(async () => {
  site = await startSite()
  session = await startExtension()
  panel = await session.openSidePanel()
  article = await session.browser.newPage()
  await article.goto(site.url("/article.html"))
})

afterAll(async () => {
  await session?.close()
  await site?.close()
})

describe("identity and settings in real Chromium", () => {
  it("the welcome page offers create-or-import, nudges to back up, and states the privacy rules", async () => {
    // A fresh tab: puppeteer loses track of the install-time welcome tab once the side panel opened from it.
    const welcome = await session.browser.newPage()
    await welcome.setViewport({ width: 760, height: 900 })
    await welcome.goto(`chrome-extension://${session.extensionId}/tabs/welcome.html`)
    await welcome.waitForSelector("[data-testid=identity-choice]", { timeout: 10_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\nwelcome page says: ${await welcome.evaluate(() => document.body.innerText)}`)
    })
    expect(await welcome.$eval("[data-testid=choice-new]", (e) => (e as HTMLInputElement).checked)).toBe(true)
    await welcome.waitForSelector("[data-testid=backup-nudge]")
    // The statement names what is published (not only amplifications) and what never leaves.
    const privacy = await welcome.$eval("[data-testid=privacy-statement]", (e) => e.textContent ?? "")
    expect(privacy).toMatch(/likes, comments, follows, mutes, your display name, your Stream settings, your relay list/)
    expect(privacy).toMatch(/no analytics/)
    expect(privacy).not.toMatch(/Nothing is published unless you amplify/)
    await welcome.click("[data-testid=choice-import]")
    await welcome.waitForSelector("[data-testid=import-secret]")
    await shot(welcome, "identity-01-welcome", true)
    await checkKeyboardAndLabels(welcome, "welcome page")
    await welcome.click("[data-testid=choice-new]")
  })

  it("opens Settings from the side panel, showing the same identity as the panel", async () => {
    await panel.waitForSelector("[data-testid=identity]")
    const optionsUrl = `chrome-extension://${session.extensionId}/options.html`
    await panel.click("[data-testid=open-settings]")
    const target = await session.browser.waitForTarget((t) => t.url() === optionsUrl, { timeout: 20_000 })
    settings = (await target.asPage())!
    await settings.setViewport({ width: 900, height: 900 })
    await settings.waitForSelector("[data-testid=settings-npub]")
    expect(await settings.$eval("[data-testid=settings-npub]", (e) => e.textContent)).toBe(await badgeNpub())
    expect(await lockState()).toBe("off")
    await shot(settings, "identity-02-settings", true)
    await checkKeyboardAndLabels(settings, "settings page")
    await checkKeyboardAndLabels(panel, "side panel")
  })

  it("backs up the key as an ncryptsec that opens with the typed passphrase", async () => {
    await type(settings, "backup-passphrase", BACKUP_PASS)
    await type(settings, "backup-confirm", BACKUP_PASS)
    await settings.click("[data-testid=backup-encrypted]")
    await settings.waitForSelector("[data-testid=backup-value]", { timeout: 60_000 })
    const ncryptsec = await settings.$eval("[data-testid=backup-value]", (e) => (e as HTMLTextAreaElement).value)
    expect(ncryptsec).toMatch(/^ncryptsec1/)
    const npub = (await badgeNpub())!
    expect(npubEncode(getPublicKey(nip49Decrypt(ncryptsec, BACKUP_PASS)))).toBe(npub)
    await shot(settings, "identity-03-backup-shown")
    await settings.click("[data-testid=backup-saved]")
    await settings.waitForSelector("[data-testid=settings-backup-state][data-backed-up=yes]")
  })

  it("locks with a passphrase: ncryptsec at rest, decrypted key only in session storage, then Lock now", async () => {
    await settings.evaluate(() => {
      const w = window as unknown as { __sawProgress?: boolean }
      w.__sawProgress = false
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=scrypt-progress]")) w.__sawProgress = true
      }).observe(document.body, { subtree: true, childList: true })
    })
    await type(settings, "lock-passphrase", LOCK_PASS)
    await type(settings, "lock-confirm", LOCK_PASS)
    await settings.click("[data-testid=lock-set]")
    await settings.waitForSelector("[data-testid=lock-state][data-lock=unlocked]", { timeout: 60_000 })
    expect(await settings.evaluate(() => (window as unknown as { __sawProgress?: boolean }).__sawProgress)).toBe(true)

    const pubkey = decode((await badgeNpub())!).data as string
    const s = await storage()
    expect(s.local["identity.secretKey.v1"]).toBeUndefined()
    expect(s.local["identity.lockedKey.v1"]).toMatchObject({ pubkey, ncryptsec: expect.stringMatching(/^ncryptsec1/) })
    const secretHex = (s.session["identity.unlockedKey.v1"] as { secretKey: string }).secretKey
    expect(secretHex).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(s.local)).not.toContain(secretHex)

    await settings.click("[data-testid=lock-now]")
    await settings.waitForSelector("[data-testid=lock-state][data-lock=locked]")
    expect((await storage()).session["identity.unlockedKey.v1"]).toBeUndefined()
    await panel.waitForSelector("[data-testid=panel-locked]")
    await shot(settings, "identity-04-settings-locked", true)
  })

  it("refuses to amplify while locked, saying how to fix it", async () => {
    await session.grantActiveTab(article)
    await panel.click("[data-testid=amplify-button]")
    expect(await amplifyStatus()).toContain(LOCKED_MESSAGE)
    expect(await countRows(session, "events")).toBe(0)
    await shot(panel, "identity-05-panel-locked-message")
  })

  it("amplifies again after unlocking", async () => {
    await settings.bringToFront() // puppeteer clicks wait for the element to be on screen
    await type(settings, "unlock-passphrase", "not the passphrase")
    await settings.click("[data-testid=unlock-button]")
    await settings.waitForFunction(() => document.querySelector("[data-testid=lock-feedback]")?.textContent?.includes("Wrong passphrase"), { timeout: 60_000 })
    await type(settings, "unlock-passphrase", LOCK_PASS)
    await settings.click("[data-testid=unlock-button]")
    await settings.waitForSelector("[data-testid=lock-state][data-lock=unlocked]", { timeout: 60_000 })
    await panel.waitForFunction(() => !document.querySelector("[data-testid=panel-locked]"))

    await article.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForSelector("[data-testid=post-card]")
    expect(await amplifyStatus()).toBe("Amplified “Locks and keys”.")
    expect(await countRows(session, "events")).toBe(1)
  })

  it("imports an nsec after a confirmation naming what is lost, and the side panel's badge follows", async () => {
    const before = (await badgeNpub())!
    const sk = generateSecretKey()
    await settings.bringToFront()
    await type(settings, "import-secret", nsecEncode(sk))
    await settings.click("[data-testid=import-button]")
    const dialog = await settings.waitForSelector("dialog[open][data-testid=replace-dialog]")
    const text = await dialog!.evaluate((d) => d.textContent ?? "")
    expect(text).toContain(before)
    expect(text).toMatch(/passphrase lock goes with it/)
    expect(await settings.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("replace-dialog-cancel")
    await shot(settings, "identity-06-import-confirm")
    await settings.click("[data-testid=replace-dialog-confirm]")
    await settings.waitForFunction(() => document.querySelector("[data-testid=import-feedback]")?.textContent?.startsWith("Imported."), { timeout: 30_000 })

    const after = npubEncode(getPublicKey(sk))
    await panel.waitForFunction((npub) => document.querySelector("[data-testid=identity]")?.getAttribute("title") === npub, { timeout: 20_000 }, after)
    expect(await settings.$eval("[data-testid=settings-npub]", (e) => e.textContent)).toBe(after)
    expect(await lockState()).toBe("off")
    await shot(panel, "identity-07-panel-new-identity")
  })

  it("signs through a NIP-07 signer in the page's main world, checked before it is trusted", async () => {
    const signerPage = await session.browser.newPage()
    await signerPage.goto(site.url("/signer.html"))
    const signerPubkey = await signerPage.evaluate(() => (window as unknown as { __signerPubkey: string }).__signerPubkey)
    await session.grantActiveTab(signerPage)
    // Clicked without bringing Settings to the front: the signer's page stays the active tab.
    await settings.$eval("[data-testid=signer-nip07]", (b) => (b as HTMLButtonElement).click())
    await settings.waitForSelector("[data-testid=signer-connected]", { timeout: 30_000 })
    await panel.waitForFunction((npub) => document.querySelector("[data-testid=identity]")?.getAttribute("title") === npub, { timeout: 20_000 }, npubEncode(signerPubkey))
    await settings.bringToFront() // element screenshots need a rendered (front) tab
    await (await settings.$("#signer"))!.screenshot({ path: join(SCREENSHOT_DIR, "identity-08-signer-connected.png") })

    await signerPage.bringToFront()
    await panel.click("[data-testid=amplify-button]")
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=post-card]").length === 2, { timeout: 30_000 })
    expect(await signerPage.evaluate(() => (window as unknown as { __signed: number }).__signed)).toBe(1)
    const sw = await session.serviceWorker()
    const authors = await sw.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open("synereo-stream")
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const req = open.result.transaction("events").objectStore("events").getAll()
            req.onsuccess = () => resolve((req.result as { pubkey?: string; event?: { pubkey: string } }[]).map((r) => r.event?.pubkey ?? r.pubkey ?? ""))
            req.onerror = () => reject(req.error)
          }
        })
    )
    expect(authors).toContain(signerPubkey)

    await settings.$eval("[data-testid=signer-local]", (b) => (b as HTMLButtonElement).click())
    await settings.waitForSelector("[data-testid=signer-nip07]")
  })
})
