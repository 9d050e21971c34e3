import { beforeEach, describe, expect, it } from "vitest"

import { MENU_AMPLIFY_LINK, MENU_AMPLIFY_PAGE, MENU_AMPLIFY_SELECTION } from "../../extension/features/amplify/background/menus"
import { SECRET_KEY_STORAGE } from "../../extension/features/identity/background/key-store"
import { registerBackground } from "../../extension/features/register-background"
import { LAST_AMPLIFY_KEY } from "../../shared/messages/catalog"
import { createFakeExtension, type FakeExtension } from "../fakes/fake-browser"
import { freshDb } from "../support/fresh-db"

let fx: FakeExtension
let bg: ReturnType<typeof registerBackground>

beforeEach(async () => {
  fx = createFakeExtension()
  bg = registerBackground(fx.browser, { db: freshDb(), nowSec: () => 1_800_000_000 })
  await fx.install()
})

async function openTab(url: string, metadata?: unknown) {
  const tab = await fx.browser.tabs.create({ url, active: true })
  if (metadata !== undefined) fx.pageMetadata.set(tab.id!, metadata)
  return { ...tab, url, title: "Tab title" }
}

async function lastOutcome() {
  return (await fx.browser.storage.session.get(LAST_AMPLIFY_KEY))[LAST_AMPLIFY_KEY] as { result: { ok: boolean; message?: string } }
}

describe("background: install", () => {
  it("creates the link, page and selection menus, one identity, and opens the welcome page", async () => {
    expect([...fx.menus.keys()]).toEqual([MENU_AMPLIFY_LINK, MENU_AMPLIFY_PAGE, MENU_AMPLIFY_SELECTION])
    expect(fx.menus.get(MENU_AMPLIFY_SELECTION)!.contexts).toEqual(["selection"])
    expect(fx.menus.get(MENU_AMPLIFY_LINK)!.contexts).toEqual(["link"])
    expect(fx.menus.get(MENU_AMPLIFY_PAGE)!.documentUrlPatterns).toEqual(["http://*/*", "https://*/*"])
    await new Promise((r) => setTimeout(r, 10))
    const stored = (await fx.browser.storage.local.get(SECRET_KEY_STORAGE))[SECRET_KEY_STORAGE]
    expect(stored).toMatch(/^[0-9a-f]{64}$/)
    expect(await bg.keys.pubkey()).toMatch(/^[0-9a-f]{64}$/)
    const tabs = await fx.browser.tabs.query({})
    expect(tabs.length).toBeGreaterThan(0)
  })

  it("survives a second install event (update) without duplicate menus", async () => {
    await fx.install()
    expect(fx.menus.size).toBe(3)
  })
})

describe("background: amplify from the context menu", () => {
  it("opens the side panel, reads the page and stores the post", async () => {
    const tab = await openTab("https://news.example/story?utm_source=x", { title: "Real story", description: "Body", image: "/a.png" })
    await fx.clickMenu({ menuItemId: MENU_AMPLIFY_PAGE, pageUrl: tab.url }, tab)
    await expect.poll(async () => bg.db.posts.count()).toBe(1)
    expect(fx.sidePanelOpens).toEqual([{ tabId: tab.id }])
    const card = await bg.db.posts.get("https://news.example/story")
    expect(card).toMatchObject({ title: "Real story", description: "Body", image: "https://news.example/a.png" })
    expect((await lastOutcome()).result.ok).toBe(true)
  })

  it("refuses a javascript: link with a clear message and stores nothing", async () => {
    const tab = await openTab("https://news.example/", {})
    await fx.clickMenu({ menuItemId: MENU_AMPLIFY_LINK, linkUrl: "javascript:alert(1)", pageUrl: tab.url }, tab)
    await expect.poll(async () => (await lastOutcome())?.result.ok).toBe(false)
    expect((await lastOutcome()).result.message).toMatch(/Only web pages \(http or https\) can be amplified/)
    expect(await bg.db.posts.count()).toBe(0)
    expect(await bg.db.events.count()).toBe(0)
  })

  it("ignores menu items that are not ours", async () => {
    const tab = await openTab("https://news.example/", {})
    await fx.clickMenu({ menuItemId: "someone-else", pageUrl: tab.url }, tab)
    expect(fx.sidePanelOpens).toEqual([])
  })
})

describe("background: messages from the side panel", () => {
  const send = (message: unknown, senderId = fx.browser.runtime.id) =>
    (fx.browser.runtime.onMessage as unknown as { trigger(m: unknown, s: unknown): Promise<unknown[]> }).trigger(message, { id: senderId }).then((r) => r.find((x) => x !== undefined))

  it("amplifies the active tab only after the person invoked Synereo on it (activeTab)", async () => {
    const tab = await openTab("https://blog.example/post", { title: "A post" })
    const before = (await send({ type: "amplify/active-tab", payload: { windowId: tab.windowId } })) as { ok: boolean; code?: string; message?: string }
    expect(before, JSON.stringify(before)).toMatchObject({ ok: false, code: "no-tab-access" })
    expect(before.message).toMatch(/toolbar/)
    await fx.clickAction(tab)
    expect(fx.sidePanelOpens).toHaveLength(1)
    const after = await send({ type: "amplify/active-tab", payload: { windowId: tab.windowId } })
    expect(after).toMatchObject({ ok: true, status: "created", url: "https://blog.example/post", title: "A post" })
  })

  it("answers a malformed request with a clear failure, and ignores other senders", async () => {
    expect(await send({ type: "amplify/active-tab", payload: { windowId: "one" } })).toMatchObject({ ok: false, code: "bad-request" })
    expect(await send({ type: "identity/get", payload: {} }, "another-extension")).toBeUndefined()
    expect(await send("garbage")).toBeUndefined()
    expect(await send({ type: "identity/get", payload: {} })).toMatchObject({ pubkey: expect.stringMatching(/^[0-9a-f]{64}$/), npub: expect.stringMatching(/^npub1/) })
  })
})
