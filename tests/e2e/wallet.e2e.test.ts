import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { npubEncode } from "nostr-tools/nip19"
import type { Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import { seedDemoLedger } from "../../scripts/amp/demo"
import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { pinAmpNetwork } from "../../scripts/browser/pin-network"
import { startExtension } from "./support/extension-session"
import { startTestSite, type TestSite } from "./support/test-site"
import { chooseRelay, fullScreenshot } from "./support/two-browsers"

// Two people on a local relay started here; a demo AMP network funded with the CLI's distribution
// code (seedDemoLedger); everything else through the side panel as a person would use it.
let site: TestSite
let relayDir: string
let ampDir: string
let relay: RunningRelay
let alice: ExtensionSession
let bob: ExtensionSession
let panelA: Page
let panelB: Page
let pubA: string
let pubB: string

const ARTICLE = () => site.url("/article.html")
const PLAIN = () => site.url("/plain.html")

async function pubkeyOf(panel: Page): Promise<string> {
  return panel.evaluate(async () => ((await chrome.runtime.sendMessage({ type: "identity/get", payload: {} })) as { pubkey: string }).pubkey)
}

async function spendable(panel: Page): Promise<string | null> {
  return panel.$eval("[data-testid=wallet-spendable]", (e) => e.getAttribute("data-value")).catch(() => null)
}

async function waitSpendable(panel: Page, value: string): Promise<void> {
  await panel.waitForFunction((v) => document.querySelector("[data-testid=wallet-spendable]")?.getAttribute("data-value") === v, { timeout: 30_000 }, value)
}

/** The toolbar button (or Alt+Shift+A) on `url`: activeTab for the tab, then the real action listener. */
async function invokeToolbar(session: ExtensionSession, url: string): Promise<void> {
  const page = await session.browser.newPage()
  await page.goto(url)
  await session.grantActiveTab(page)
  const sw = await session.serviceWorker()
  await sw.evaluate(async (u) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === u)
    ;(chrome.action.onClicked as unknown as { dispatch(t: unknown): void }).dispatch(tab)
  }, page.url())
}

async function historyTexts(panel: Page): Promise<string[]> {
  return panel.$$eval("[data-testid=history-text]", (els) => els.map((e) => e.textContent ?? ""))
}

beforeAll(async () => {
  site = await startTestSite()
  relayDir = mkdtempSync(join(tmpdir(), "synereo-wallet-relay-"))
  ampDir = mkdtempSync(join(tmpdir(), "synereo-wallet-amp-"))
  relay = await startRelay({ port: 0, dataDir: relayDir })
  ;[alice, bob] = await Promise.all([startExtension(), startExtension()])
  ;[panelA, panelB] = await Promise.all([alice.openSidePanel(), bob.openSidePanel()])
  await chooseRelay(panelA, relay.url)
  await chooseRelay(panelB, relay.url)
  ;[pubA, pubB] = await Promise.all([pubkeyOf(panelA), pubkeyOf(panelB)])
}, 120_000)

afterAll(async () => {
  await Promise.all([alice?.close(), bob?.close()])
  await relay?.close()
  await site?.close()
  for (const d of [relayDir, ampDir]) if (d) rmSync(d, { recursive: true, force: true })
})

describe("the AMP wallet in two browsers", () => {
  it("a genesis and funding made with the CLI code reach both wallets through the relay", async () => {
    const demo = await seedDemoLedger({ relayUrl: relay.url, identities: [], pubkeys: [pubA, pubB], amountEach: "100", dataDir: ampDir })
    expect(demo.funded.sort()).toEqual([pubA, pubB].sort())
    for (const panel of [panelA, panelB]) {
      const pinned = await pinAmpNetwork(panel, demo.genesis)
      expect(pinned.ok).toBe(true)
      await panel.click("[data-testid=tab-wallet]")
      await waitSpendable(panel, "100")
    }
    expect(await historyTexts(panelA)).toEqual([expect.stringMatching(/^Received from npub1/)])
    await fullScreenshot(panelA, "wallet-01-funded")
  })

  it("A amplifies a page with 5 AMP through the dialog: reach estimate, confirmation, pending → confirmed", async () => {
    await invokeToolbar(alice, ARTICLE())
    await panelA.waitForSelector("[data-testid=amplify-dialog][open]")
    expect(await panelA.$eval("[data-testid=amplify-dialog-url]", (e) => e.textContent)).toBe(ARTICLE())
    await panelA.waitForFunction(() => document.querySelector("[data-testid=amplify-balance]")?.textContent === "Spendable: 100 AMP")
    await panelA.type("[data-testid=amplify-note]", "The clearest case for paying with attention.")
    await panelA.click("[data-testid=amount-preset-5]")
    await panelA.waitForFunction(() => /^5 AMP: (about \d[\d,]* (people|person)|no paid reach)$/.test(document.querySelector("[data-testid=amplify-reach]")?.textContent ?? ""))
    // A newcomer: nobody follows or engages Alice, so AMPs reach no one (docs/MODEL.md §6), and the dialog says so.
    expect(await panelA.$eval("[data-testid=amplify-reach]", (e) => e.textContent)).toBe("5 AMP: no paid reach")
    expect(await panelA.$eval("[data-testid=amplify-reach-explanation]", (e) => e.textContent)).toMatch(/^No paid reach yet: no one here follows or engages with you/)
    // The dialog opened on the Wallet tab (a lazily loaded chunk) asks the page's one engine, the
    // one holding the graph, not a copy of its own (extension/lib/page-singleton.ts).
    expect(panelA.workers().filter((w) => w.url().includes("engine.worker")).length).toBe(1)
    // every preset shows its own estimate from the engine
    const reaches = await panelA.$$eval("[data-testid^=amount-reach-]", (els) => els.map((e) => e.textContent ?? ""))
    expect(reaches).toHaveLength(5)
    expect(reaches.every((r) => r !== "estimating reach…")).toBe(true)
    // The viewport, as the person sees it: on the Wallet tab the dialog floats over the view
    await fullScreenshot(panelA, "wallet-02-amplify-dialog", { fullPage: false })

    await panelA.click("[data-testid=amplify-continue]")
    await panelA.waitForSelector("[data-testid=amplify-confirm-summary]")
    expect(await panelA.$eval("[data-testid=amplify-confirm-summary]", (e) => e.textContent)).toMatch(/Stake 5 AMP on this page\./)
    // Staking for no estimated reach takes an explicit "Stake anyway", with the free option beside it.
    expect(await panelA.$eval("[data-testid=amplify-no-reach]", (e) => e.textContent)).toMatch(/^This stake buys no estimated reach\..*free amplification/)
    expect(await panelA.$eval("[data-testid=amplify-confirm]", (e) => e.textContent)).toBe("Stake anyway")
    expect(await panelA.$("[data-testid=amplify-free-instead]")).not.toBeNull()
    await fullScreenshot(panelA, "wallet-03-amplify-confirm", { fullPage: false })
    await panelA.evaluate(() => {
      const w = window as unknown as { __phases: string[] }
      w.__phases = []
      new MutationObserver(() => {
        const p = document.querySelector("[data-testid=amplify-dialog-status]")?.getAttribute("data-phase")
        if (p && w.__phases[w.__phases.length - 1] !== p) w.__phases.push(p)
      }).observe(document.body, { subtree: true, childList: true, attributes: true })
    })
    await panelA.click("[data-testid=amplify-confirm]")
    await panelA.waitForFunction(() => document.querySelector("[data-testid=amplify-dialog-status]")?.getAttribute("data-phase") === "confirmed", { timeout: 30_000 })
    const phases = await panelA.evaluate(() => (window as unknown as { __phases: string[] }).__phases)
    expect(phases[0]).toBe("pending")
    expect(phases[phases.length - 1]).toBe("confirmed")
    expect(await panelA.$eval("[data-testid=amplify-dialog-status]", (e) => e.textContent)).toMatch(/^Confirmed: accepted by 127\.0\.0\.1:/)
    await fullScreenshot(panelA, "wallet-04-amplify-confirmed", { fullPage: false })
    await panelA.click("[data-testid=amplify-dialog-close]")

    await waitSpendable(panelA, "95")
    await panelA.waitForFunction((u) => [...document.querySelectorAll("[data-testid=history-text]")].some((e) => e.textContent === `Stake on ${u}`), {}, ARTICLE())
    expect(await panelA.$eval("[data-testid=wallet-escrowed]", (e) => e.textContent)).toBe("5 AMP")
  })

  it("A sends 1 AMP to B's npub, after a bad npub is refused; B's wallet shows it", async () => {
    await panelA.type("[data-testid=send-to]", "npub1notarealkey")
    await panelA.type("[data-testid=send-amount]", "1")
    await panelA.click("[data-testid=send-continue]")
    await panelA.waitForSelector("[data-testid=send-error]")
    expect(await panelA.$eval("[data-testid=send-error]", (e) => e.textContent)).toMatch(/^That is not a valid npub/)
    expect(await panelA.$eval("[data-testid=send-to]", (e) => e.getAttribute("aria-invalid"))).toBe("true")
    await fullScreenshot(panelA, "wallet-05-bad-npub")

    await panelA.click("[data-testid=send-to]", { count: 3 })
    await panelA.keyboard.press("Backspace")
    await panelA.type("[data-testid=send-to]", npubEncode(pubB))
    await panelA.click("[data-testid=send-continue]")
    await panelA.waitForSelector("[data-testid=send-confirm-summary]")
    expect(await panelA.$eval("[data-testid=send-confirm-summary]", (e) => e.textContent)).toContain(`Send 1 AMP to ${npubEncode(pubB)}`)
    await panelA.click("[data-testid=send-confirm]")
    await panelA.waitForSelector("[data-testid=send-status]")
    await waitSpendable(panelA, "94")

    await waitSpendable(panelB, "101")
    const short = `${npubEncode(pubA).slice(0, 10)}…${npubEncode(pubA).slice(-4)}`
    expect(await historyTexts(panelB)).toContain(`Received from ${short}`)
    await fullScreenshot(panelB, "wallet-06-b-received")
  })

  it("refuses what the balance does not cover, in the dialog and in the send form", async () => {
    await invokeToolbar(alice, PLAIN())
    await panelA.waitForSelector("[data-testid=amplify-dialog][open]")
    await panelA.waitForFunction(() => document.querySelector("[data-testid=amplify-balance]")?.textContent === "Spendable: 94 AMP")
    await panelA.click("[data-testid=amount-custom-input]")
    await panelA.type("[data-testid=amount-custom-input]", "500")
    await panelA.waitForFunction(() => document.querySelector("[data-testid=amplify-reach]")?.textContent?.startsWith("Insufficient balance"))
    expect(await panelA.$eval("[data-testid=amplify-continue]", (e) => (e as HTMLButtonElement).disabled)).toBe(true)
    await fullScreenshot(panelA, "wallet-07-insufficient-dialog")
    await panelA.keyboard.press("Escape")
    await panelA.waitForFunction(() => !document.querySelector("[data-testid=amplify-dialog]"))

    await panelA.type("[data-testid=send-to]", npubEncode(pubB))
    await panelA.type("[data-testid=send-amount]", "1000")
    await panelA.click("[data-testid=send-continue]")
    await panelA.waitForFunction(() => document.querySelector("[data-testid=send-error]")?.textContent?.startsWith("Insufficient balance"))
    expect(await spendable(panelA)).toBe("94")
  })

  it("B's stake on A's page settles (settle-due); A earns the creator share, drawn in the earnings chart", async () => {
    const staked = await panelB.evaluate(
      async (url, creator) =>
        (await chrome.runtime.sendMessage({ type: "wallet/stake", payload: { amount: "10", url, creator, windowSecs: 2 } })) as { ok: boolean; submitted?: { status: string } },
      ARTICLE(),
      npubEncode(pubA)
    )
    expect(staked).toMatchObject({ ok: true, submitted: { status: "applied" } })
    await new Promise((r) => setTimeout(r, 2_500))
    // What the background's settle alarm runs every few minutes.
    const settled = await panelB.evaluate(async () => (await chrome.runtime.sendMessage({ type: "wallet/settle-due", payload: {} })) as { ok: boolean; settled: unknown[] })
    expect(settled.ok && settled.settled).toHaveLength(1)
    await panelA.waitForFunction(() => [...document.querySelectorAll("[data-testid=history-text]")].some((e) => e.textContent?.startsWith("Creator share of a stake on")), { timeout: 30_000 })
    await panelA.waitForFunction(() => /^Earned [\d.]+ AMP over the last 14 days, on 1 day/.test(document.querySelector("[data-testid=earnings-summary]")?.textContent ?? ""))
    await panelB.waitForFunction(() => [...document.querySelectorAll("[data-testid=history-text]")].some((e) => e.textContent?.startsWith("Refund of a stake on")), { timeout: 30_000 })
    await fullScreenshot(panelB, "wallet-09-b-after-settle")
    // The send form's refusal of 1,000 AMP (previous test) follows A's balance, now up by the creator share.
    await panelA.waitForFunction(() => !["94", null, undefined].includes(document.querySelector("[data-testid=wallet-spendable]")?.getAttribute("data-value")), { timeout: 30_000 })
    const now = await spendable(panelA)
    await panelA.waitForFunction((n) => document.querySelector("[data-testid=send-error]")?.textContent === `Insufficient balance: you can spend ${n} AMP.`, { timeout: 10_000 }, now)
  })

  it("draws the earnings chart with a text alternative", async () => {
    const chart = await panelA.$eval("[data-testid=earnings-chart]", (f) => ({
      bars: f.querySelectorAll("svg rect").length,
      filled: f.querySelectorAll("svg rect.bar:not(.empty)").length,
      label: f.querySelector("svg")?.getAttribute("role"),
      desc: f.querySelector("svg desc")?.textContent,
      summary: f.querySelector("[data-testid=earnings-summary]")?.textContent
    }))
    expect(chart.bars).toBe(14)
    expect(chart.filled).toBe(1)
    expect(chart.label).toBe("img")
    expect(chart.summary).toBe(chart.desc)
    expect(chart.summary).toMatch(/last 14 days/)
    await fullScreenshot(panelA, "wallet-08-wallet-view")
  })
})
