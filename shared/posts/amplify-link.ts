import type { EventTemplate } from "nostr-tools/pure"

import type { StreamDb } from "../db/database"
import type { SignedEvent } from "../nostr/event-schema"
import { canonicalizeUrl } from "../url/canonical-url"
import { sanitizeMetadata } from "./link-metadata"
import { linkPostTemplate, parseLinkPostEvent } from "./link-post-event"
import { hasAmplified, saveLinkPost } from "./post-store"

export type AmplifyErrorCode = "invalid-url" | "unsupported-scheme" | "too-long" | "signing-failed" | "rejected-event"

export type AmplifyResult =
  | { ok: true; status: "created" | "already-amplified"; url: string; title: string }
  | { ok: false; code: AmplifyErrorCode; message: string }

export interface AmplifyDeps {
  db: StreamDb
  /** The person's public key (hex). */
  pubkey(): Promise<string>
  /** Signs with the person's key; never sees anything but the template. */
  sign(template: EventTemplate): Promise<SignedEvent>
  /** Reads the page's metadata (Open Graph, <title>); may return anything, or throw. */
  readMetadata(url: string): Promise<unknown>
  nowSec(): number
}

/**
 * Amplifies a link: canonicalise, refuse anything but http(s) before touching the page, the key
 * or the database, read and clean the metadata, sign, check our own event like a stranger's, and
 * store. Amplifying a URL the person already amplified changes nothing.
 */
export async function amplifyLink(deps: AmplifyDeps, rawUrl: string): Promise<AmplifyResult> {
  const canon = canonicalizeUrl(rawUrl)
  if (!canon.ok) return { ok: false, code: canon.code, message: canon.message }

  const me = await deps.pubkey()
  if (await hasAmplified(deps.db, canon.url, me)) {
    const card = await deps.db.posts.get(canon.url)
    return { ok: true, status: "already-amplified", url: canon.url, title: card?.title ?? canon.host }
  }

  let raw: unknown = undefined
  try {
    raw = await deps.readMetadata(canon.url)
  } catch {
    // The page could not be read (closed tab, restricted page): amplify with what we know.
  }
  const meta = sanitizeMetadata(raw, canon.url)

  let event: SignedEvent
  try {
    event = await deps.sign(linkPostTemplate(canon.url, meta, deps.nowSec()))
  } catch (err) {
    return { ok: false, code: "signing-failed", message: `Your key could not sign this post: ${String((err as Error)?.message ?? err)}` }
  }
  const parsed = parseLinkPostEvent(event)
  if (!parsed.ok) return { ok: false, code: "rejected-event", message: `The signed post failed its own check: ${parsed.reason}` }

  await saveLinkPost(deps.db, parsed.post, parsed.event)
  return { ok: true, status: "created", url: parsed.post.url, title: parsed.post.title }
}
