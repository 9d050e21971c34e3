import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { HTTPRequest, Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import type { ExtensionSession } from "../../scripts/browser/launch-extension"
import { linkPostTemplate } from "../../shared/posts/link-post-event"
import { newAuthor, type Author } from "../relay/relay-test-client"
import { screenshot, startExtension } from "./support/extension-session"
import { PNG, startImageServer, type ImageServer } from "./support/image-server"
import { publishTo, sendFrom } from "./support/peers"

// Preview images are fetched from servers the post's author picked: by default the panel must
// not contact them at all; when the person allows it, only https ones, without a referrer.
let relay: RunningRelay
let dataDir: string
let session: ExtensionSession
let panel: Page
let pixels: ImageServer
const alice = newAuthor()
const bob = newAuthor()
const carol = newAuthor()

const P_TRACKER = "https://alice.example/tracked" // https image on the local plain-HTTP server
const P_HTTP = "https://bob.example/old-style" // an http: image
const P_COVER = "https://carol.example/cover-story" // https image answered by the test (intercepted)
const COVER = "https://images.synereo.test/cover.png"
const trackerImage = () => `https://127.0.0.1:${pixels.port}/pixel.png`
const httpImage = () => `http://127.0.0.1:${pixels.port}/old.png`

const card = (url: string) => `[data-testid=post-card][data-url="${url}"]`
const mediaState = (url: string) => panel.$eval(card(url), (c) => c.querySelector("[data-testid=card-media]")?.getAttribute("data-state") ?? "none")
const imgOf = (url: string) =>
  panel.$eval(card(url), (c) => {
    const img = c.querySelector("img")
    return img && { src: img.getAttribute("src"), referrer: img.getAttribute("referrerpolicy"), loading: img.getAttribute("loading"), decoding: img.getAttribute("decoding") }
  })
const coverRequests: HTTPRequest[] = []

/** A peer's link post whose image tag is whatever the peer wrote, unchecked (as a hostile client would). */
function postWithImage(author: Author, url: string, title: string, image: string, at: number) {
  const t = linkPostTemplate(url, { title, description: `${title}, with a preview image.`, siteName: new URL(url).host, image }, at)
  return author.sign({ ...t, tags: [...t.tags.filter((x) => x[0] !== "image"), ["image", image]] })
}

async function waitForCards(n: number) {
  await panel.waitForFunction((n) => document.querySelectorAll("[data-testid=post-card]").length === n, { timeout: 30_000 }, n)
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "privacy-e2e-"))
  relay = await startRelay({ port: 0, dataDir })
  pixels = await startImageServer()
  session = await startExtension()
  panel = await session.openSidePanel()
  await panel.setViewport({ width: 420, height: 1000 })
  // images.synereo.test does not exist: the test answers for it, and records what the browser sent.
  await panel.setRequestInterception(true)
  panel.on("request", (req) => {
    if (!req.url().startsWith("https://images.synereo.test/")) return void req.continue()
    coverRequests.push(req)
    void req.respond({ status: 200, contentType: "image/png", body: PNG })
  })
  const set = await sendFrom<{ ok: boolean }>(panel, "sync/set-relays", { relays: [{ url: relay.url, read: true, write: true }] })
  expect(set.ok).toBe(true)
  await panel.waitForFunction(() => document.querySelector("[data-testid=sync-status]")?.getAttribute("data-open") === "1", { timeout: 30_000 })
  const now = Math.floor(Date.now() / 1000)
  await publishTo(relay.url, [
    postWithImage(bob, P_HTTP, "An old-style page", httpImage(), now - 300),
    postWithImage(alice, P_TRACKER, "A page with a tracking pixel", trackerImage(), now - 200),
    postWithImage(carol, P_COVER, "A cover story", COVER, now - 100)
  ])
  await waitForCards(3)
})

afterAll(async () => {
  await session?.close()
  await relay?.close()
  await pixels?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe("preview images", () => {
  it("are not loaded by default: the cards show the site's initial and no server is contacted", async () => {
    expect(await mediaState(P_TRACKER)).toBe("tile")
    expect(await mediaState(P_COVER)).toBe("tile")
    expect(await panel.$eval(`${card(P_COVER)} .card-tile`, (e) => e.textContent)).toBe("C")
    expect(await mediaState(P_HTTP)).toBe("none") // an http: image is refused as the post arrives
    expect(await imgOf(P_TRACKER)).toBeNull()
    await new Promise((r) => setTimeout(r, 2_000)) // time for any lazy or late fetch to show up
    expect(pixels.connections()).toBe(0)
    expect(coverRequests).toHaveLength(0)
    await panel.evaluate(() => window.scrollTo(0, 0))
    await screenshot(panel, "privacy-01-images-off")
  })

  it("loads one card's https image on request, without a referrer, and nothing else", async () => {
    await panel.click(`${card(P_COVER)} [data-testid=load-image-button]`)
    await panel.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-state") === "loaded", { timeout: 10_000 }, `${card(P_COVER)} [data-testid=card-media]`)
    expect(coverRequests.map((r) => r.url())).toEqual([COVER])
    expect(coverRequests[0]!.headers()["referer"] ?? "").toBe("") // no-referrer: the site is not told where it was shown
    expect(await mediaState(P_TRACKER)).toBe("tile")
    expect(pixels.connections()).toBe(0)
  })

  it("with the local preference on: only https images, no-referrer, lazy; a failed one falls back to the tile", async () => {
    await panel.click("[data-testid=stream-settings] summary")
    await panel.click("[data-testid=preview-images-toggle]")
    expect(await panel.evaluate(() => localStorage.getItem("stream.previewImages.v1"))).toBe("on")
    await panel.$eval("[data-testid=preview-images-toggle]", (e) => e.closest("fieldset")?.scrollIntoView({ block: "center" }))
    await screenshot(panel, "privacy-03-setting-on")
    await panel.click("[data-testid=stream-settings] summary")
    expect(await imgOf(P_COVER)).toEqual({ src: COVER, referrer: "no-referrer", loading: "lazy", decoding: "async" })
    expect(await panel.$(`${card(P_COVER)} [data-testid=load-image-button]`)).toBeNull()
    // The https tracker is now contacted (it speaks plain HTTP, so TLS fails) and its card keeps the tile.
    await expect.poll(() => pixels.connections(), { timeout: 10_000 }).toBeGreaterThan(0)
    await panel.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-state") === "failed", { timeout: 10_000 }, `${card(P_TRACKER)} [data-testid=card-media]`)
    expect(await imgOf(P_TRACKER)).toBeNull()
    expect(await mediaState(P_HTTP)).toBe("none")
    expect(pixels.requests("/old.png")).toBe(0)
    await panel.evaluate(() => window.scrollTo(0, 0))
    await screenshot(panel, "privacy-02-images-on")
  })

  it("never loads an http: image stored before the https-only rule", async () => {
    // Put the http: image into the stored row, as an older version of Synereo would have kept it.
    await panel.evaluate(
      (url, image) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("synereo-stream")
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const store = open.result.transaction("posts", "readwrite").objectStore("posts")
            const get = store.get(url)
            get.onsuccess = () => {
              const put = store.put({ ...get.result, image })
              put.onsuccess = () => {
                open.result.close()
                resolve()
              }
              put.onerror = () => reject(put.error)
            }
          }
        }),
      P_HTTP,
      httpImage()
    )
    await panel.reload()
    await waitForCards(3)
    await panel.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-state") === "loaded", { timeout: 10_000 }, `${card(P_COVER)} [data-testid=card-media]`)
    expect(await mediaState(P_HTTP)).toBe("none")
    expect(await imgOf(P_HTTP)).toBeNull()
    await new Promise((r) => setTimeout(r, 1_000))
    expect(pixels.requests("/old.png")).toBe(0)
  })
})
