import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { bookmarkAddress, KIND_METADATA, MIN_POW, mineEvent, reactionTemplate } from "../../shared/nostr/kinds"
import { newAuthor, RelayTestClient, type Author } from "../relay/relay-test-client"
import { screenshot, startExtension } from "./support/extension-session"
import { peerComment, peerPost, publishTo, sendFrom } from "./support/peers"
import { startTestSite, type TestSite } from "./support/test-site"

// Names (kind 0), Follow (kind 3) and "People to follow" for a person who follows no one yet,
// against a relay started here; peers publish straight to it.
let relay: RunningRelay
let dataDir: string
let site: TestSite
let session: ExtensionSession
let panel: Page
let me: string
const alice = newAuthor()
const mallory = newAuthor()
const [bob, carol] = [newAuthor(), newAuthor()]

const P_ALICE = "https://alice.example/jazz-history"
const P_MALLORY = "https://mallory.example/totally-legit"
const HOSTILE_NAME = `<b>Bold</b><img src=x onerror="window.__pwned=1">\u202eevil\u0000${"W".repeat(10_000)}`

const card = (url: string) => `[data-testid=post-card][data-url="${url}"]`
const now = () => Math.floor(Date.now() / 1000)
const profile = (a: Author, content: Record<string, unknown>) => a.sign({ kind: KIND_METADATA, created_at: now(), tags: [], content: JSON.stringify(content) })

async function like(from: Author, post: { id: string; pubkey: string }, url: string) {
  const t = reactionTemplate({ id: post.id, author: post.pubkey, address: bookmarkAddress(post.pubkey, url) }, now())
  const mined = await mineEvent({ ...t, pubkey: from.pubkey }, MIN_POW.reaction)
  return from.sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
}

/** My newest event of `kind` on the relay, as other people's clients would read it. */
async function mineOnRelay(kind: number): Promise<{ tags: string[][]; content: string } | undefined> {
  const c = await RelayTestClient.connect(relay.url)
  try {
    const events = (await c.fetch({ kinds: [kind], authors: [me] })) as { created_at: number; tags: string[][]; content: string }[]
    return events.sort((a, b) => b.created_at - a.created_at)[0]
  } finally {
    await c.close()
  }
}

const followButton = (url: string) => `${card(url)} [data-testid=follow-button]`
const pressed = (selector: string) => panel.$eval(selector, (e) => e.getAttribute("aria-pressed"))

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "profiles-e2e-"))
  relay = await startRelay({ port: 0, dataDir })
  site = await startTestSite()
  session = await startExtension()
  panel = await session.openSidePanel()
  await panel.setViewport({ width: 420, height: 900 })
  me = (await sendFrom<{ pubkey: string }>(panel, "identity/get", {})).pubkey
  const set = await sendFrom<{ ok: boolean }>(panel, "sync/set-relays", { relays: [{ url: relay.url, read: true, write: true }] })
  expect(set.ok).toBe(true)
  await panel.waitForFunction(() => document.querySelector("[data-testid=sync-status]")?.getAttribute("data-open") === "1", { timeout: 30_000 })
})

afterAll(async () => {
  await session?.close()
  await relay?.close()
  await site?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe("names, not keys", () => {
  it("shows a peer's chosen name on its card, with the npub in the tooltip", async () => {
    // Profiles first: the panel asks for an author's kind 0 when their first post arrives.
    await publishTo(relay.url, [profile(alice, { name: "alice", display_name: "Alice Liddell", picture: "https://tracker.example/alice.png" }), profile(mallory, { name: HOSTILE_NAME })])
    const alicePost = peerPost(alice, P_ALICE, "A short history of jazz", { tags: ["jazz"], at: now() - 60 })
    await publishTo(relay.url, [alicePost, peerPost(mallory, P_MALLORY, "You won't believe this", { tags: ["jazz"] })])
    await panel.waitForFunction((s) => document.querySelector(s)?.textContent?.includes("Alice Liddell"), { timeout: 30_000 }, `${card(P_ALICE)} [data-testid=brought-by]`)
    const name = await panel.$eval(`${card(P_ALICE)} [data-testid=person-name]`, (e) => ({ text: e.textContent, title: e.getAttribute("title") }))
    expect(name.text).toBe("Alice Liddell")
    expect(name.title).toMatch(/^Alice Liddell · npub1[0-9a-z]{58}$/)
    // No profile picture is ever requested (it would leak the reader's IP to that host).
    expect(await panel.$$eval("img", (imgs) => imgs.map((i) => i.getAttribute("src")).filter((s) => s?.includes("tracker.example")))).toEqual([])
    await panel.evaluate(() => window.scrollTo(0, 0))
    await screenshot(panel, "profiles-01-names")
  })

  it("renders a hostile name (markup, bidi override, 10 KB) as plain, bounded text", async () => {
    await panel.waitForFunction((s) => document.querySelector(s)?.textContent?.startsWith("<b>Bold</b>"), { timeout: 30_000 }, `${card(P_MALLORY)} [data-testid=person-name]`)
    const shown = await panel.$eval(`${card(P_MALLORY)} [data-testid=brought-by]`, (e) => {
      const n = e.querySelector("[data-testid=person-name]")!
      return { text: n.textContent ?? "", elements: n.children.length, width: n.getBoundingClientRect().width, cardWidth: e.getBoundingClientRect().width }
    })
    expect(shown.elements).toBe(0) // text only: no <b>, no <img>
    expect([...shown.text].length).toBeLessThanOrEqual(64)
    expect(shown.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000]/)
    expect(shown.width).toBeLessThan(shown.cardWidth)
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  })

  it("names the carrier in Why?", async () => {
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=why-panel]`)
    const carriers = await panel.$$eval(`${card(P_ALICE)} [data-testid=why-carrier] [data-testid=person-name]`, (ns) => ns.map((n) => n.textContent))
    // Unranked posts have no carriers yet; ranked ones name them.
    for (const c of carriers) expect(c).toBe("Alice Liddell")
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
  })
})

describe("People to follow, and Follow on a card", () => {
  it("suggests engaged authors to someone who follows no one, and the strip can be dismissed by keyboard", async () => {
    const alicePost = (await readAlicePost())!
    await panel.evaluate(() => window.scrollTo(0, 0))
    const firstCard = () => panel.$eval("[data-testid=post-card]", (e) => ({ url: e.getAttribute("data-url"), top: e.getBoundingClientRect().top + window.scrollY }))
    const before = await firstCard()
    expect(await panel.$("[data-testid=people-to-follow]")).toBeNull()
    await publishTo(relay.url, [await like(bob, alicePost, P_ALICE), await like(carol, alicePost, P_ALICE)])
    const suggestion = `[data-testid=people-to-follow] [role=group][aria-label="People in #jazz"] [data-testid=suggested-person][data-pubkey="${alice.pubkey}"]`
    await panel.waitForFunction((s) => document.querySelector(s)?.textContent?.includes("Alice Liddell · 2 people engaged"), { timeout: 30_000 }, suggestion)
    // The strip arrives after the first card, so the card someone is about to click stays where it was.
    expect(await firstCard()).toEqual(before)
    expect(await panel.$eval("[data-testid=people-to-follow]", (s) => !!s.closest(".post-item")?.querySelector("[data-testid=post-card]"))).toBe(true)
    expect(await panel.$eval(`${suggestion} [data-testid=follow-button]`, (e) => e.getAttribute("aria-label"))).toMatch(/^Follow Alice Liddell \(npub1/)
    // Mallory, whom nobody engaged, is not suggested.
    expect(await panel.$(`[data-testid=suggested-person][data-pubkey="${mallory.pubkey}"]`)).toBeNull()
    await panel.evaluate(() => window.scrollTo(0, 0))
    await screenshot(panel, "profiles-02-people-to-follow")

    // Keyboard: from the dismiss button, Tab reaches the first suggestion's Follow; Enter on dismiss closes the strip.
    await panel.focus("[data-testid=people-to-follow-dismiss]")
    await panel.keyboard.press("Tab")
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("follow-button")
    await panel.focus("[data-testid=people-to-follow-dismiss]")
    await panel.keyboard.press("Enter")
    await panel.waitForSelector("[data-testid=people-to-follow]", { hidden: true })
    // Focus moves on to the first card, not to <body>, and the change is announced.
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("post-card")
    expect(await panel.$eval("[data-testid=stream-notice]", (e) => [e.getAttribute("role"), e.textContent])).toEqual(["status", expect.stringMatching(/^People to follow dismissed/)])
    await screenshot(panel, "profiles-02b-dismissed-focus")
    await panel.reload()
    await panel.waitForSelector(card(P_ALICE), { timeout: 20_000 })
    await new Promise((r) => setTimeout(r, 1500))
    expect(await panel.$("[data-testid=people-to-follow]")).toBeNull() // dismissed stays dismissed
  })

  it("follows from a card: a kind 3 reaches the relay, the button says Following, the strip goes and the Stream re-ranks", async () => {
    // Bring the strip back (as on another device) to see it leave once I follow someone.
    await panel.evaluate((me) => localStorage.removeItem(`synereo.people-to-follow.dismissed.${me}`), me)
    await panel.reload()
    await panel.waitForSelector("[data-testid=people-to-follow]", { timeout: 30_000 })
    expect(await panel.$eval(card(P_ALICE), (e) => e.getAttribute("data-ranked"))).toBe("false")
    expect(await pressed(followButton(P_ALICE))).toBe("false")
    // Why? tells the truth: I follow and engage no one yet, so no one has standing with me.
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=post-unranked][data-graph=none]`, { timeout: 30_000 })
    // By keyboard: the strip above is still filling in (names, suggestions), so the card may move
    // between a mouse click's aim and its press.
    await panel.focus(`${card(P_ALICE)} [data-testid=why-button]`)
    await panel.keyboard.press("Enter")
    const why = await panel.waitForSelector(`${card(P_ALICE)} [data-testid=why-unranked]`)
    expect(await why!.evaluate((e) => e.textContent)).toMatch(/^You don't follow or engage with anyone yet, so no one has standing from your point of view/)
    await screenshot(panel, "profiles-02c-no-graph-why")
    await panel.focus(`${card(P_ALICE)} [data-testid=why-button]`)
    await panel.keyboard.press("Enter")

    await panel.focus(followButton(P_ALICE))
    await panel.keyboard.press("Enter")
    await panel.waitForFunction((s) => document.querySelector(s)?.getAttribute("aria-pressed") === "true", { timeout: 10_000 }, followButton(P_ALICE))
    expect(await panel.$eval(followButton(P_ALICE), (e) => [e.textContent, e.getAttribute("aria-label")])).toEqual(["Following", expect.stringMatching(/^Following Alice Liddell \(npub1/)])
    await expect.poll(async () => (await mineOnRelay(3))?.tags, { timeout: 20_000 }).toEqual([["p", alice.pubkey]])
    await panel.waitForSelector("[data-testid=people-to-follow]", { hidden: true, timeout: 10_000 })
    // The engine took the follow: Alice's post now reaches me through her Reo.
    await panel.waitForSelector(`${card(P_ALICE)}[data-ranked=true]`, { timeout: 30_000 })
    await panel.evaluate(() => window.scrollTo(0, 0))
    await screenshot(panel, "profiles-03-following")

    // Unfollow: a newer list without her.
    await panel.click(followButton(P_ALICE))
    await panel.waitForFunction((s) => document.querySelector(s)?.getAttribute("aria-pressed") === "false", { timeout: 10_000 }, followButton(P_ALICE))
    await expect.poll(async () => (await mineOnRelay(3))?.tags, { timeout: 20_000 }).toEqual([])
  })

  it("names every control", async () => {
    const unnamed = await panel.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("[data-testid=follow-button], [data-testid=people-to-follow] button")]
        .filter((el) => !(el.getAttribute("aria-label") ?? el.textContent ?? "").trim())
        .map((el) => el.outerHTML.slice(0, 120))
    )
    expect(unnamed).toEqual([])
  })
})

describe("my own name, and the amplify dialog's title", () => {
  it("sets my display name in Settings and publishes it as my kind 0", async () => {
    const settings = await session.browser.newPage()
    await settings.setViewport({ width: 900, height: 900 })
    await settings.goto(`chrome-extension://${session.extensionId}/options.html`)
    await settings.waitForSelector("[data-testid=display-name-input]")
    await settings.type("[data-testid=display-name-input]", "Test Person")
    await settings.click("[data-testid=display-name-save]")
    await settings.waitForFunction(() => document.querySelector("[data-testid=display-name-feedback]")?.textContent?.includes("Test Person"), { timeout: 20_000 })
    await expect.poll(async () => JSON.parse((await mineOnRelay(KIND_METADATA))?.content ?? "{}"), { timeout: 20_000 }).toEqual({ display_name: "Test Person", name: "Test Person" })
    expect(await settings.$eval("[data-testid=display-name-input]", (e) => (e as HTMLInputElement).labels?.[0]?.textContent)).toBe("Display name")
    await screenshot(settings, "profiles-04-settings-name")
    await settings.close()
  })

  it("heads the amplify dialog with the title the post will carry (og:title), not the tab's", async () => {
    const page = await session.browser.newPage()
    await page.goto(site.url("/article.html"))
    await session.grantActiveTab(page) // the toolbar button: activeTab, and the dialog for this tab
    await panel.bringToFront()
    await panel.waitForSelector("[data-testid=amplify-dialog-title][data-source=post]", { timeout: 20_000 })
    expect(await panel.$eval("[data-testid=amplify-dialog-title]", (e) => e.textContent)).toBe("Attention is the scarce good")
    await screenshot(panel, "profiles-05-amplify-title")
    await panel.click("[data-testid=amplify-cancel]")
    await page.close()
  })
})

// Last: a comment on Mallory's post is an engagement, which would change who People to follow suggests.
describe("names in the Stream's comments and controls", () => {
  it("names comment authors and whom Mute mutes, with the npub in tooltips and accessible names", async () => {
    await publishTo(relay.url, [await peerComment(alice, P_MALLORY, "Looks like spam to me.")])
    const author = `${card(P_MALLORY)} [data-testid=comment] [data-testid=person-name]`
    await panel.waitForFunction((s) => document.querySelector(s)?.textContent === "Alice Liddell", { timeout: 30_000 }, author)
    expect(await panel.$eval(author, (e) => e.getAttribute("title"))).toMatch(/^Alice Liddell · npub1[0-9a-z]{58}$/)
    const shortNpub = /\(npub1[0-9a-z]{4}…[0-9a-z]{4}\)$/
    expect(await panel.$eval(`${card(P_MALLORY)} [data-testid=reply-button]`, (e) => e.getAttribute("aria-label"))).toMatch(new RegExp(`^Reply to Alice Liddell ${shortNpub.source}`))
    const mute = await panel.$eval(`${card(P_ALICE)} [data-testid=mute-button]`, (e) => ({ label: e.getAttribute("aria-label"), title: e.getAttribute("title") }))
    expect(mute.label).toMatch(new RegExp(`^Mute Alice Liddell ${shortNpub.source}`))
    expect(mute.title).toMatch(/^Mute Alice Liddell · npub1[0-9a-z]{58}$/)
    await panel.$eval(card(P_MALLORY), (e) => e.scrollIntoView())
    await screenshot(panel, "profiles-06-comment-names")
  })
})

async function readAlicePost(): Promise<{ id: string; pubkey: string } | undefined> {
  const c = await RelayTestClient.connect(relay.url)
  try {
    return ((await c.fetch({ kinds: [39701], authors: [alice.pubkey] })) as { id: string; pubkey: string }[])[0]
  } finally {
    await c.close()
  }
}
