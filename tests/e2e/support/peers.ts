import type { Page } from "puppeteer-core"
import { expect } from "vitest"

import { COMMENT_LIMITS, commentTemplate, mineEvent } from "../../../shared/nostr/kinds"
import { sanitizeMetadata } from "../../../shared/posts/link-metadata"
import { linkPostTemplate } from "../../../shared/posts/link-post-event"
import { RelayTestClient, type Author } from "../../relay/relay-test-client"

/** Peers publish straight to the test's relay; each event must be accepted. */
export async function publishTo(relayUrl: string, events: Record<string, unknown>[]): Promise<void> {
  const c = await RelayTestClient.connect(relayUrl)
  try {
    for (const e of events) {
      const ok = await c.publish(e)
      expect(ok[2], JSON.stringify(ok)).toBe(true)
    }
  } finally {
    await c.close()
  }
}

/** A peer's link post (NIP-B0), with an optional note as its content and topic tags. */
export function peerPost(author: Author, url: string, title: string, opts: { note?: string; tags?: string[]; at?: number } = {}) {
  const at = opts.at ?? Math.floor(Date.now() / 1000)
  const t = linkPostTemplate(url, sanitizeMetadata({ title, siteName: new URL(url).host, description: `${title}: a page worth reading.` }, url), at)
  return author.sign({ ...t, content: opts.note ?? t.content, tags: [...t.tags, ...(opts.tags ?? []).map((x) => ["t", x])] })
}

/** A peer's top-level comment on a web page (NIP-22), mined to the comments' proof of work. */
export async function peerComment(author: Author, url: string, content: string) {
  const t = commentTemplate({ url, parent: { kind: "web" }, content, createdAt: Math.floor(Date.now() / 1000) })
  const mined = await mineEvent({ ...t, pubkey: author.pubkey }, COMMENT_LIMITS.minPow)
  return author.sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
}

/** A declared message sent from an extension page, as the panel's own code sends it. */
export async function sendFrom<T>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate((type, payload) => chrome.runtime.sendMessage({ type, payload }), type, payload) as Promise<T>
}
