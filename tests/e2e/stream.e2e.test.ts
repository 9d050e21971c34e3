import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { listShift } from "../../scripts/bench/list-shift"
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

  it("keeps the cards still while the filter chips, ranking state and names fill in after the first paint", async () => {
    await panel.reload()
    await panel.waitForSelector(`[data-testid=filter-chip][data-community="#jazz"]`, { timeout: 20_000 })
    await panel.waitForFunction(() => [...document.querySelectorAll("[data-testid=post-unranked]")].filter((b) => b.getAttribute("data-graph") === "none").length === 3, { timeout: 30_000 })
    expect((await listShift(panel)).moves).toEqual([])
    // Follow needs the person's key, which can come after the first cards (a slow machine showed a
    // 4 px move): the "Brought by" line is as tall without the button as with it.
    const heights = await panel.$eval(`${card(P_ALICE)} [data-testid=brought-by]`, (line) => {
      const button = line.querySelector<HTMLElement>("[data-testid=follow-button]")!
      const withButton = line.getBoundingClientRect().height
      button.style.display = "none"
      const without = line.getBoundingClientRect().height
      button.style.display = ""
      return { withButton, without }
    })
    expect(heights.without).toBe(heights.withButton)
  })

  it("tells a new person why nothing is ranked: they follow and engage no one yet", async () => {
    // Once the graph has loaded, every card says so (not "it arrived before its graph").
    await panel.waitForFunction(() => [...document.querySelectorAll("[data-testid=post-unranked]")].filter((b) => b.getAttribute("data-graph") === "none").length === 3, { timeout: 30_000 })
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=post-unranked]`, (e) => [e.textContent, e.getAttribute("title")])).toEqual(["not ranked yet", expect.stringMatching(/don't follow or engage with anyone yet/)])
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
    const why = await panel.waitForSelector(`${card(P_ALICE)} [data-testid=why-unranked]`)
    expect(await why!.evaluate((e) => e.textContent)).toMatch(/^You don't follow or engage with anyone yet, so no one has standing from your point of view: posts are shown newest first\. Follow people/)
    await screenshot(panel, "stream-00-new-person-why")
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
  })

  it("ranks a post first once I engage its author, and explains why", async () => {
    // Where the comment box sits in the card, before and after the ranking arrives: a card that grew
    // under the pointer turned a click on "Post" into one on "Mute" (the standing chip wrapped a line).
    const inputOffset = () => panel.$eval(card(P_ALICE), (c) => c.querySelector("[data-testid=comment-input]")!.getBoundingClientRect().top - c.getBoundingClientRect().top)
    // Measured at Chrome's narrowest side panel (320 px), where a line wraps first.
    await panel.setViewport({ width: 320, height: 900 })
    try {
      const unrankedOffset = await inputOffset()
      await panel.click(`${card(P_ALICE)} [data-testid=like-button]`)
      await panel.waitForSelector(`${card(P_ALICE)}[data-ranked=true]`, { timeout: 30_000 })
      expect(await inputOffset()).toBe(unrankedOffset)
    } finally {
      await panel.setViewport({ width: 420, height: 900 })
    }
    await panel.evaluate(() => window.scrollTo(0, 0))
    await expect.poll(() => shownUrls(panel), { timeout: 10_000 }).toEqual([P_ALICE, P_CAROL, P_BOB])
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=brought-by]`, (e) => e.textContent)).toMatch(/^Brought by npub1\S+Follow$/)
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=card-rank]`, (e) => e.textContent)).toMatch(/^standing \d+(\.\d+)?×⚡ \d/)
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=standing-chip]`, (e) => e.getAttribute("title"))).toMatch(/^Their standing \(Reo\) from your point of view: \d+(\.\d+)?× the average person's$/)
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
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=why-standing]`, (e) => e.textContent)).toMatch(/^\d+(\.\d+)?×$/)
    expect(await panel.$eval(`${card(P_ALICE)} [data-testid=why-button]`, (e) => e.getAttribute("aria-expanded"))).toBe("true")
    await screenshot(panel, "stream-01-why")
    await panel.click(`${card(P_ALICE)} [data-testid=why-button]`)
    // Now that I have a graph, Bob's post is unranked because Bob has no standing with me.
    await panel.waitForSelector(`${card(P_BOB)} [data-testid=post-unranked][data-graph=ready]`, { timeout: 30_000 })
    expect(await panel.$eval(`${card(P_BOB)} [data-testid=post-unranked]`, (e) => e.textContent)).toBe("no standing")
    await panel.click(`${card(P_BOB)} [data-testid=why-button]`)
    await panel.waitForFunction((s) => document.querySelector(s)?.textContent?.startsWith("No one who brought this post"), { timeout: 10_000 }, `${card(P_BOB)} [data-testid=why-unranked]`)
    await panel.click(`${card(P_BOB)} [data-testid=why-button]`)
    // Re-amplify opens the amplify dialog prefilled with the card.
    await panel.click(`${card(P_ALICE)} [data-testid=reamplify-button]`)
    await panel.waitForSelector("[data-testid=amplify-dialog]")
    expect(await panel.$eval("[data-testid=amplify-dialog-url]", (e) => e.textContent)).toContain(P_ALICE)
    await panel.keyboard.press("Escape")
    await panel.waitForFunction(() => !document.querySelector("[data-testid=amplify-dialog]"))
  })

  it("reopens in the order last ranked, so the engine's arrival moves no card", async () => {
    // The order of the first cards the panel ever draws, caught as they are inserted.
    const { identifier } = await panel.evaluateOnNewDocument(() => {
      const w = window as unknown as { __firstOrder?: (string | null)[] }
      new MutationObserver(() => {
        const cards = document.querySelectorAll("[data-testid=post-card]")
        if (!w.__firstOrder && cards.length >= 3) w.__firstOrder = [...cards].map((c) => c.getAttribute("data-url"))
      }).observe(document, { childList: true, subtree: true })
    })
    try {
      await panel.reload()
      await panel.waitForSelector(`${card(P_ALICE)}[data-ranked=true]`, { timeout: 30_000 })
      await panel.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel") !== "")
      // Before the engine ranked anything in this panel: already the order it ranked last time.
      expect(await panel.evaluate(() => (window as unknown as { __firstOrder?: string[] }).__firstOrder)).toEqual([P_ALICE, P_CAROL, P_BOB])
      expect(await shownUrls(panel)).toEqual([P_ALICE, P_CAROL, P_BOB])
      expect((await listShift(panel)).moves).toEqual([])
    } finally {
      await panel.removeScriptToEvaluateOnNewDocument(identifier)
    }
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
    // Reopened, the card paints with its thread: comments arriving after the card pushed the cards below it down.
    await panel.reload()
    await panel.waitForSelector(`${card(P_ALICE)} [data-testid=comment][data-depth="1"]`, { timeout: 30_000 })
    await panel.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-kernel") !== "")
    expect((await listShift(panel)).moves).toEqual([])
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
    // At the top the order may still settle: an arrival the engine has not taken yet waits among
    // the unranked until its delta lands, then takes its place (nothing is being read up here).
    await expect
      .poll(async () => (await shownUrls(panel)).slice(0, 4), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(["https://dave.example/fresh-1", "https://carol.example/fresh-2"]))
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

// The amplify dialog opened from the Stream (extension/features/amplify): where it opens, what the
// topic list offers and what a choice publishes. Runs last: it amplifies.
describe("Re-amplify from the Stream", () => {
  // Cards on screen (the Stream is virtualised; Bob and Carol were muted or hidden above); each test takes a new one.
  const used: string[] = []
  type Row = { kind: number; event: { pubkey: string; tags: string[][] } }
  const myBookmarks = async () => (await readStore<Row>(panel, "events")).filter((r) => r.kind === 39701 && r.event.pubkey === me)
  const inView = async () => {
    const url = await panel.evaluate((used) => {
      const c = [...document.querySelectorAll("[data-testid=post-card]")].find(
        (e) => e.getBoundingClientRect().top >= 120 && e.getBoundingClientRect().bottom < window.innerHeight && !used.includes(e.getAttribute("data-url")!)
      )!
      return c.getAttribute("data-url")!
    }, used)
    used.push(url)
    return url
  }
  async function reamplify(url: string): Promise<void> {
    await panel.click(`${card(url)} [data-testid=reamplify-button]`)
    await panel.waitForSelector("[data-testid=amplify-dialog][open]")
  }
  async function confirmFree(): Promise<void> {
    await panel.click("[data-testid=amplify-continue]")
    await panel.waitForSelector("[data-testid=amplify-confirm-summary]")
    await panel.click("[data-testid=amplify-confirm]")
    await panel.waitForSelector("[data-testid=amplify-dialog-status]", { timeout: 20_000 })
    await panel.click("[data-testid=amplify-dialog-close]")
    await panel.waitForFunction(() => !document.querySelector("[data-testid=amplify-dialog]")) // unmounted: focus is back
  }

  it("opens over the reading position without moving it; Escape closes and focus returns to the button", async () => {
    await panel.evaluate(() => window.scrollTo(0, 2400))
    await new Promise((r) => setTimeout(r, 500))
    const url = await inView()
    const before = await panel.evaluate(() => window.scrollY)
    expect(before).toBeGreaterThan(1000)
    await reamplify(url)
    const open = await panel.$eval("[data-testid=amplify-dialog]", (d) => ({ floating: d.getAttribute("data-floating"), top: d.getBoundingClientRect().top, y: window.scrollY }))
    expect(open).toEqual({ floating: "true", top: expect.any(Number), y: before })
    expect(open.top).toBeGreaterThanOrEqual(0)
    await screenshot(panel, "stream-08-reamplify-over-stream")
    await panel.keyboard.press("Escape")
    // Escape closes the native <dialog> at once; its close event (which unmounts the sheet and
    // gives focus back) follows as a task, so wait for the sheet to leave the page.
    await panel.waitForFunction(() => !document.querySelector("[data-testid=amplify-dialog]"))
    expect(await panel.evaluate(() => window.scrollY)).toBe(before)
    expect(await panel.evaluate(() => [document.activeElement?.getAttribute("data-testid"), document.activeElement?.closest("[data-testid=post-card]")?.getAttribute("data-url")])).toEqual(["reamplify-button", url])

    // Done after amplifying leaves the reader where they were too.
    await reamplify(url)
    await confirmFree()
    expect(await panel.evaluate(() => window.scrollY)).toBe(before)
  })

  it("lists topics as #tag and communities as ~name in labelled groups; no AMP without a wallet", async () => {
    const D3 = await inView()
    await reamplify(D3)
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=amplify-topic] option").length > 1, { timeout: 20_000 })
    const groups = await panel.$$eval("[data-testid=amplify-topic] optgroup", (gs) => gs.map((g) => ({ label: g.getAttribute("label"), options: [...g.querySelectorAll("option")].map((o) => o.textContent ?? "") })))
    const topics = groups.find((g) => g.label?.startsWith("Topics"))!
    expect(topics.options).toEqual(expect.arrayContaining([expect.stringMatching(/^#jazz · \d+ members?$/), expect.stringMatching(/^#rust · \d+ members?$/)]))
    expect(groups.flatMap((g) => g.options).some((o) => o.startsWith("##"))).toBe(false)
    const communities = groups.find((g) => g.label?.startsWith("Communities"))
    for (const o of communities?.options ?? []) expect(o).toMatch(/^~[^ ]+ · \d+ members?$/)
    // No AMP network on this device: the AMP amounts are disabled, with the reason and a way there.
    expect(await panel.$eval("[data-testid=amount-preset-5] input", (e) => (e as HTMLInputElement).disabled)).toBe(true)
    expect(await panel.$eval("[data-testid=amplify-balance]", (e) => e.textContent)).toMatch(/^Set up your AMP wallet first/)
    await panel.select("[data-testid=amplify-topic]", "#rust")
    expect(await panel.$eval("[data-testid=amplify-topic-help]", (e) => e.textContent)).toMatch(/tagged #rust/)
    await screenshot(panel, "stream-09-topics-and-communities")
    await confirmFree()
    await expect.poll(async () => (await myBookmarks()).find((r) => r.event.tags.some((t) => t[1]?.includes(D3)))?.event.tags.filter((t) => t[0] === "t")).toEqual([["t", "rust"]])
  })

  it("a community is never published as a tag: the dialog says so, the background refuses one", async () => {
    const D4 = await inView()
    // The message guard and the background refuse a "~" topic whatever a caller sends.
    const refused = await send<{ ok: boolean }>("amplify/submit", { url: D4, amount: "0", topic: "~jazz" }).catch(() => ({ ok: false }))
    expect(refused.ok).toBe(false)
    expect((await myBookmarks()).some((r) => r.event.tags.some((t) => t[1]?.includes(D4)))).toBe(false)
    // The engine's emergent communities are recomputed on its full rebuilds only; when it lists
    // one, choosing it in the dialog says it is not tagged and publishes no tag.
    await reamplify(D4)
    await panel.waitForFunction(() => document.querySelectorAll("[data-testid=amplify-topic] option").length > 1, { timeout: 20_000 })
    const community = await panel.$$eval("[data-testid=amplify-topic] option", (os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v.startsWith("~")))
    if (community) {
      await panel.select("[data-testid=amplify-topic]", community)
      expect(await panel.$eval("[data-testid=amplify-topic-help]", (e) => e.textContent)).toContain("cannot be addressed to one")
      await panel.click("[data-testid=amplify-continue]")
      await panel.waitForSelector("[data-testid=amplify-confirm-summary]")
      expect(await panel.$eval("[data-testid=amplify-confirm-summary]", (e) => e.textContent)).toContain(`Amplify this page for free in ${community}.`)
      await screenshot(panel, "stream-10-community-confirm")
      await panel.click("[data-testid=amplify-confirm]")
      await panel.waitForSelector("[data-testid=amplify-dialog-status]", { timeout: 20_000 })
      await panel.click("[data-testid=amplify-dialog-close]")
      await expect.poll(async () => (await myBookmarks()).some((r) => r.event.tags.some((t) => t[1]?.includes(D4))), { timeout: 10_000 }).toBe(true)
    } else {
      await panel.click("[data-testid=amplify-cancel]")
    }
    const tags = (await myBookmarks()).flatMap((r) => r.event.tags.filter((t) => t[0] === "t").map((t) => t[1]!))
    expect(tags.filter((t) => /^[~#]/.test(t))).toEqual([])
  })
})
