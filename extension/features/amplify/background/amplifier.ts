import { amplifyLink, type AmplifyResult } from "../../../../shared/posts/amplify-link"
import type { StreamDb } from "../../../../shared/db/database"
import { LAST_AMPLIFY_KEY, type LastAmplify } from "../../../../shared/messages/catalog"
import { topicTag } from "../../../../shared/posts/topic"
import type { KeyStore } from "../../identity/background/key-store"
import type { ExtensionApi } from "../../messaging/browser-api"
import { queueWhenSigned } from "../../sync/background/queue-on-sign"
import { pageMetadataProbe } from "./page-metadata-probe"

export interface AmplifyRequest {
  url: string
  /** The tab the person invoked Synereo on; its metadata is read when the extension may. */
  tabId?: number
  /** Set when a link (not the page) is amplified. */
  linkUrl?: string
  /** The tab's title, used when the page cannot be read. */
  fallbackTitle?: string
  source: LastAmplify["source"]
  /** The person's note or quote (the dialog, a selection): the post's text instead of the page's description. */
  note?: string
  /** A #tag topic: a NIP-12 `t` tag on the post (shared/posts/topic.ts; never a ~community). */
  topic?: string
  /** The title the dialog showed, used when the page cannot be read. */
  title?: string
}

/**
 * The background's amplify entry: reads the page only through `activeTab` (granted by the click
 * that invoked us), signs and stores via shared/posts, and records the outcome in session storage
 * so the side panel can show it even when the click came from a context menu.
 */
export function createAmplifier(browser: ExtensionApi, db: StreamDb, keys: KeyStore, nowSec: () => number = () => Math.floor(Date.now() / 1000)) {
  return async function amplify(req: AmplifyRequest): Promise<AmplifyResult> {
    const result = await amplifyLink(
      { db, pubkey: keys.pubkey, sign: queueWhenSigned(db, withTopic(keys.sign, req.topic)), readMetadata: () => readAmplifyMetadata(browser, req), nowSec },
      req.url
    )
    const record: LastAmplify = { at: Date.now(), source: req.source, result }
    await browser.storage.session.set({ [LAST_AMPLIFY_KEY]: record })
    return result
  }
}

export type Amplifier = ReturnType<typeof createAmplifier>

/**
 * The raw metadata an amplification publishes (cleaned later by sanitizeMetadata): the page's own
 * when the tab can be read, with the person's note as the description. The amplify dialog's
 * preview reads it the same way, so its header shows the title the post will carry.
 */
export async function readAmplifyMetadata(browser: ExtensionApi, req: Omit<AmplifyRequest, "source">): Promise<unknown> {
  const meta = await readPage(browser, req)
  const note = req.note?.trim()
  const title = req.title?.trim()
  if (!note && !title) return meta
  const base = meta && typeof meta === "object" ? (meta as Record<string, unknown>) : {}
  return { ...base, ...(note ? { description: note } : {}), ...(title && !base.title ? { title } : {}) }
}

async function readPage(browser: ExtensionApi, req: Omit<AmplifyRequest, "source">): Promise<unknown> {
  if (req.tabId === undefined) return { title: req.fallbackTitle }
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId: req.tabId }, func: pageMetadataProbe, args: [req.linkUrl ?? null] })
    return first?.result ?? { title: req.fallbackTitle }
  } catch {
    // No access to this tab (activeTab not granted, or a restricted page): use what the tab says.
    return req.linkUrl ? {} : { title: req.fallbackTitle }
  }
}

/**
 * Adds `["t", topic]` (lower-case, as NIP-12 topics are matched) to what is signed. What cannot be
 * a topic (a ~community, stray "#"s) adds nothing: the caller refuses it before we get here.
 */
function withTopic<T extends { tags: string[][] }, C, R>(sign: (t: T, context?: C) => Promise<R>, topic: string | undefined): (t: T, context?: C) => Promise<R> {
  const t = topic === undefined ? undefined : topicTag(topic)
  if (!t) return sign
  return (template, context) => sign({ ...template, tags: [...template.tags, ["t", t]] }, context)
}
