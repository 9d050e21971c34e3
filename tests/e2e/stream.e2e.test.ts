import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { newAuthor, RelayTestClient } from "../relay/relay-test-client"
import { screenshot, startExtension } from "./support/extension-session"
import { peerComment, peerPost, publishTo, sendFrom } from "./support/peers"
import { readStore } from "./support/two-browsers"

// One person's extension against a relay started here; peers publish straight to the relay.
let relay: RunningRelay
let dataDir: string
let session: ExtensionSession
let panel: Page
let me: string
const alice = newAuthor()
const bob = newAuthor()
const carol = newAuthor()
const dave = newAuthor()

const P_ALICE = "https://alice.example/jazz-history"
const P_BOB = "https://bob.example/rust-notes"
const P_CAROL = "https://carol.example/garden"

const publish = (events: Record<string, unknown>[]) => publishTo(relay.url, events)
const post = peerPost

const card = (url: string) => `[data-testid=post-card][data-url="${url}"]`
const shownUrls = (p: Page) => p.$$eval("[data-testid=post-card]", (cs) => cs.map((c) => c.getAttribute("data-url")))

const send = <T,>(type: string, payload: unknown) => sendFrom<T>(panel, type, payload)

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "stream-e2e-"))
  relay = await startRelay({ port: 0, dataDir })
  session = await startExtension()
  panel = await session.openSidePanel()
  await panel.setViewport({ width: 420, height: 900 })
  me = (await send<{ pubkey: string }>("identity/get", {})).pubkey
  const set = await send<{ ok: boolean }>("sync/set-relays", { relays: [{ url: relay.url, read: true, write: true }] })
  expect(set.ok).toBe(true)
  await panel.waitForFunction(() => document.querySelector("[data-testid=sync-status]")?.getAttribute("data-open") === "1", { timeout: 30_000 })
})

afterAll(async () => {
  await session?.close()
  await relay?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe("the Stream ranked by current", () => {
  it("shows peers' posts, unranked ones newest first, with the engine footer", async () => {
    const now = Math.floor(Date.now() / 1000)
    await publish([
      post(alice, P_ALICE, "A short history of jazz", { note: "The best overview I have read.", tags: ["jazz"], at: now - 300 }),
      post(bob, P_BOB, "Notes on Rust lifetimes", { tags: ["rust"], at: now - 200 }),
      post(carol, P_CAROL, "Planting a winter garden", { at: now - 100 })
    ])
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=post-card]").length === 3, { timeout: 30_000 })
    await panel.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel") !== "")
    expect(await shownUrls(panel)).toEqual([P_CAROL, P_BOB, P_ALICE]) // the engine gives current only through my attention
    // The bookmark's content is its amplifier's note (NIP-B0): the card's text for the first amplifier.
    expect(await panel.$eval(`${card(P_ALICE)} .card-description`, (e) => e.textContent)).toBe("The best overview I have read.")
  })

  it("ranks a post first once I engage its author, and explains why", async () => {
    await panel.click(`${card(P_ALICE)} [data-testid=like-button]`)
    await panel.waitForSelector(`${card(P_ALICE)}[data-ranked=true]`, { timeout: 30_000 })
    await panel.evaluate(() => window.scrollTo(0, 0))
    await expect.poll(() => shownUrls(panel), { timeout: 10_000 }).toEqual([P_ALICE, P_CAROL, P_BOB])
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=brought-by]`, (e) => e.textContent)).toMatch(/Brought by npub1.*Reo \d/)
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=why-panel]`)
    const why = await panel.$eval(`${card(P_ALICE)} [data-testid=why-panel]`, (e) => ({
      text: e.textContent ?? "",
      carriers: [...e.querySelectorAll("[data-testid=why-carrier]")].map((r) => [r.getAttribute("data-pubkey"), r.getAttribute("data-filter")])
    }))
    expect(why.carriers).toEqual([[alice.pubkey, "organic"]])
    expect(why.text).toMatch(/Charge/)
    expect(why.text).toMatch(/Hops1 \(×1\.00\)/)
    expect(why.text).toMatch(/No AMPs staked/)
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=why-button]`, (e) => e.getAttribute("aria-expanded"))).toBe("true")
    await screenshot(panel, "stream-01-why")
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
    // Re-amplify opens the amplify dialog prefilled with the card.
    await panel.click(`${card(P_ALICE)} [data-testid=reamplify-button]`)
    await panel.waitForSelector("[data-testid=amplify-dialog]")
    expect(await panel.$eval("[data-testid=amplify-dialog-url]", (e) => e.textContent)).toContain(P_ALICE)
    await panel.keyboard.press("Escape")
    await panel.waitForFunction(() => !document.querySelector("[data-testid=amplify-dialog]"))
  })

  it("threads a reply under a peer's comment (NIP-22)", async () => {
    await publish([await peerComment(bob, P_ALICE, "Ellington deserves a chapter of his own.")])
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=comment]`, { timeout: 30_000 })
    await panel.click(`${card(P_ALICE)} [data-testid=reply-button]`)
    await panel.type(`${card(P_ALICE)} [data-testid=reply-input]`, "Agreed, and Strayhorn too.")
    await panel.click(`${card(P_ALICE)} [data-testid=reply-submit]`)
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=comment][data-depth="1"]`, { timeout: 30_000 })
    const thread = await panel.$$eval(`${card(P_ALICE)} [data-testid=comment]`, (cs) => cs.map((c) => [c.getAttribute("data-depth"), c.querySelector(".comment-text")?.textContent]))
    expect(thread).toEqual([
      ["0", "Ellington deserves a chapter of his own."],
      ["1", "Agreed, and Strayhorn too."]
    ])
    const c = await RelayTestClient.connect(relay.url)
    try {
      await expect.poll(async () => (await c.fetch({ kinds: [1111], authors: [me] })).length, { timeout: 20_000 }).toBe(1)
    } finally {
      await c.close()
    }
    await screenshot(panel, "stream-02-thread")
  })

  it("hides a post on this device and shows it again (undo and the settings list)", async () => {
    await panel.click(`${card(P_CAROL)} [data-testid=hide-button]`)
    await panel.waitForFunction((s) => !document.querySelector(s), {}, card(P_CAROL))
    expect(await readStore<{ url: string }>(panel, "hiddenPosts")).toMatchObject([{ url: P_CAROL }])
    await screenshot(panel, "stream-03-hidden")
    await panel.click("[data-testid=undo-button]")
    await panel.waitForSelector(card(P_CAROL))
    await panel.click(`${card(P_CAROL)} [data-testid=hide-button]`)
    await panel.waitForFunction((s) => !document.querySelector(s), {}, card(P_CAROL))
    await panel.click("[data-testid=stream-settings] summary")
    await panel.click("[data-testid=unhide-button]")
    await panel.waitForSelector(card(P_CAROL))
    expect(await readStore(panel, "hiddenPosts")).toEqual([])
    await panel.click("[data-testid=stream-settings] summary")
  })

  it("mutes an author: their posts vanish at once and the NIP-51 list reaches the relay", async () => {
    await panel.click(`${card(P_BOB)} [data-testid=mute-button]`)
    await panel.waitForFunction((s) => !document.querySelector(s), { timeout: 5_000 }, card(P_BOB))
    const c = await RelayTestClient.connect(relay.url)
    try {
      await expect.poll(async () => ((await c.fetch({ kinds: [10000], authors: [me] })) as { tags: string[][] }[])[0]?.tags, { timeout: 20_000 }).toEqual([["p", bob.pubkey]])
    } finally {
      await c.close()
    }
    await panel.click("[data-testid=stream-settings] summary")
    await panel.waitForSelector("[data-testid=muted-list]")
    await screenshot(panel, "stream-04-settings-muted")
    await panel.click("[data-testid=unmute-button]")
    await panel.waitForSelector(card(P_BOB), { timeout: 10_000 })
    await panel.click("[data-testid=stream-settings] summary")
  })

  it("filters by topic with chips from the engine's communities", async () => {
    await panel.waitForSelector(`[data-testid=filter-chip][data-community="#jazz"]`, { timeout: 20_000 })
    await panel.click(`[data-testid=filter-chip][data-community="#jazz"]`)
    await expect.poll(() => shownUrls(panel)).toEqual([P_ALICE])
    expect(await panel.$eval(`[data-testid=filter-chip][data-community="#jazz"]`, (e) => e.getAttribute("aria-pressed"))).toBe("true")
    await screenshot(panel, "stream-05-filter")
    await panel.click("[data-testid=filter-all]")
    await expect.poll(async () => (await shownUrls(panel)).length).toBe(3)
  })

  it("stores Stream settings as kind 30078 and applies them at once", async () => {
    await panel.click("[data-testid=stream-settings] summary")
    await panel.click("[data-testid=allow-none]")
    await expect
      .poll(async () => (await readStore<{ kind: number; event: { content: string } }>(panel, "events")).filter((e) => e.kind === 30078).map((e) => JSON.parse(e.event.content).allowAmplifiedFrom))
      .toEqual([[]])
    await panel.click("[data-testid=allow-some]")
    await panel.waitForSelector("[data-testid=allow-topics]")
    await panel.click("[data-testid=allow-topics]")
    await expect
      .poll(async () => (await readStore<{ kind: number; event: { content: string } }>(panel, "events")).filter((e) => e.kind === 30078).map((e) => JSON.parse(e.event.content).allowAmplifiedFrom))
      .toEqual([["friends", "topics"]])
    await panel.type("[data-testid=dial-input]", alice.pubkey)
    await panel.keyboard.press("Enter")
    await panel.waitForSelector("[data-testid=dial-row]")
    await screenshot(panel, "stream-06-settings")
    await panel.reload()
    await panel.waitForSelector(card(P_ALICE), { timeout: 20_000 })
    await panel.click("[data-testid=stream-settings] summary")
    expect(await panel.$eval("[data-testid=allow-topics]", (e) => (e as HTMLInputElement).checked)).toBe(true)
    await panel.click("[data-testid=stream-settings] summary")
  })

  it("holds live arrivals behind a 'new posts' button instead of moving what I read", async () => {
    const now = Math.floor(Date.now() / 1000)
    await publish(Array.from({ length: 30 }, (_, i) => post(dave, `https://dave.example/p${i}`, `Dave's post number ${i}`, { at: now - 1000 + i })))
    await panel.waitForFunction(() => Number(document.querySelector("[data-testid=stream]")?.getAttribute("data-count")) >= 33, { timeout: 30_000 })
    await panel.evaluate(() => window.scrollTo(0, 2400))
    await new Promise((r) => setTimeout(r, 800))
    const anchor = await panel.evaluate(() => {
      const c = [...document.querySelectorAll("[data-testid=post-card]")].find((e) => e.getBoundingClientRect().top >= 0)!
      return { url: c.getAttribute("data-url"), top: c.getBoundingClientRect().top }
    })
    await publish([post(dave, "https://dave.example/fresh-1", "Fresh arrival one"), post(carol, "https://carol.example/fresh-2", "Fresh arrival two")])
    await panel.waitForSelector("[data-testid=new-posts]", { timeout: 30_000 })
    await new Promise((r) => setTimeout(r, 1500)) // the second ranking pass
    expect(await panel.$eval("[data-testid=new-posts]", (e) => e.textContent)).toContain("2 new posts")
    const after = await panel.evaluate((url) => document.querySelector(`[data-testid=post-card][data-url="${url}"]`)!.getBoundingClientRect().top, anchor.url)
    expect(Math.abs(after - anchor.top)).toBeLessThan(2)
    await screenshot(panel, "stream-07-new-posts")
    await panel.click("[data-testid=new-posts]")
    await panel.waitForFunction(() => window.scrollY === 0 && !document.querySelector("[data-testid=new-posts]"))
    const urls = await shownUrls(panel)
    expect(urls.slice(0, 4)).toEqual(expect.arrayContaining(["https://dave.example/fresh-1", "https://carol.example/fresh-2"]))
  })

  it("moves between cards with the keyboard and names every control", async () => {
    await panel.focus(`[data-testid=post-card]`)
    const first = await panel.evaluate(() => document.activeElement?.getAttribute("data-url"))
    await panel.keyboard.press("ArrowDown")
    await panel.keyboard.press("ArrowDown")
    const third = await panel.evaluate(() => document.activeElement?.getAttribute("data-url"))
    const urls = await shownUrls(panel)
    expect(first).toBe(urls[0])
    expect(third).toBe(urls[2])
    await panel.keyboard.press("Tab") // into the card: its title link
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("post-title")
    await panel.click("[data-testid=stream-settings] summary")
    const unnamed = await panel.evaluate(() => {
      const controls = [...document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [tabindex='0']")]
      const name = (el: HTMLElement) => {
        const labelled = el.getAttribute("aria-labelledby")
        if (labelled) return labelled.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ")
        if (el.getAttribute("aria-label")) return el.getAttribute("aria-label")
        if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
          return [...(el.labels ?? [])].map((l) => l.textContent).join(" ")
        }
        return el.textContent
      }
      return controls.filter((el) => !(name(el) ?? "").trim()).map((el) => el.outerHTML.slice(0, 120))
    })
    expect(unnamed).toEqual([])
    await panel.click("[data-testid=stream-settings] summary")
  })
})
