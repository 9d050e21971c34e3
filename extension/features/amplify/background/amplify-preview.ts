import type { StreamDb } from "../../../../shared/db/database"
import type { RequestOf, ResponseOf } from "../../../../shared/messages/define"
import type { amplifyPreview } from "../../../../shared/messages/catalog"
import { sanitizeMetadata } from "../../../../shared/posts/link-metadata"
import { hasAmplified } from "../../../../shared/posts/post-store"
import { canonicalizeUrl } from "../../../../shared/url/canonical-url"
import type { KeyStore } from "../../identity/background/key-store"
import type { ExtensionApi } from "../../messaging/browser-api"
import { readAmplifyMetadata } from "./amplifier"

/**
 * What "Amplify" in the dialog would publish for this page, read and cleaned exactly as the
 * amplifier does (the page's og:title rather than the tab's title), or the held card's title when
 * the person already amplified it (nothing new is signed then).
 */
export function createAmplifyPreview(browser: ExtensionApi, db: StreamDb, keys: KeyStore) {
  return async function preview(req: RequestOf<typeof amplifyPreview>): Promise<ResponseOf<typeof amplifyPreview>> {
    const canon = canonicalizeUrl(req.url)
    if (!canon.ok) return { ok: false, code: canon.code, message: canon.message }
    if (await hasAmplified(db, canon.url, await keys.pubkey())) {
      const card = await db.posts.get(canon.url)
      return { ok: true, title: card?.title ?? canon.host, siteName: card?.siteName ?? canon.host, already: true }
    }
    const raw = await readAmplifyMetadata(browser, { url: req.url, tabId: req.tabId, title: req.title, fallbackTitle: req.title }).catch(() => undefined)
    const meta = sanitizeMetadata(raw, canon.url)
    return { ok: true, title: meta.title, siteName: meta.siteName, already: false }
  }
}
