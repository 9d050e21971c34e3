import { verifyEvent, type EventTemplate } from "nostr-tools/pure"

import { parseSignedEvent, tagValue, type SignedEvent } from "../nostr/event-schema"
import { bookmarkIdentifier, canonicalizeUrl } from "../url/canonical-url"
import { LIMITS, cleanImageUrl, cleanText, type LinkMetadata } from "./link-metadata"

/** NIP-B0 web bookmark: an addressable event, one per (author, URL). */
export const KIND_WEB_BOOKMARK = 39701

/** A link post as the Stream stores and shows it, derived from one verified bookmark event. */
export interface LinkPost {
  url: string
  eventId: string
  author: string
  createdAt: number
  title: string
  description: string
  siteName: string
  image: string
}

/**
 * The unsigned NIP-B0 event for a link. Tags: `d` (URL without scheme, per NIP-B0), NIP-73 `i`
 * (the canonical URL) with `k` = "web", `title`, `published_at`, and `image` / `site_name` when
 * known. The description travels as the content.
 */
export function linkPostTemplate(canonicalUrl: string, meta: LinkMetadata, createdAt: number): EventTemplate {
  const tags: string[][] = [
    ["d", bookmarkIdentifier(canonicalUrl)],
    ["i", canonicalUrl],
    ["k", "web"],
    ["title", meta.title],
    ["published_at", String(createdAt)]
  ]
  if (meta.siteName) tags.push(["site_name", meta.siteName])
  if (meta.image) tags.push(["image", meta.image])
  return { kind: KIND_WEB_BOOKMARK, created_at: createdAt, tags, content: meta.description }
}

export type ParsedLinkPost = { ok: true; post: LinkPost; event: SignedEvent } | { ok: false; reason: string }

/**
 * Checks an event from anywhere (our own signer, a relay, storage) and derives its post. Order:
 * shape and size, kind, signature, then the link itself; the first failure is the reason.
 */
export function parseLinkPostEvent(input: unknown, verify: (e: SignedEvent) => boolean = verifyEvent): ParsedLinkPost {
  const shape = parseSignedEvent(input)
  if (!shape.success) return { ok: false, reason: `malformed event: ${shape.error.issues[0]?.message ?? "invalid"}` }
  const event = shape.data
  if (event.kind !== KIND_WEB_BOOKMARK) return { ok: false, reason: `not a web bookmark (kind ${event.kind})` }
  if (!verify(event)) return { ok: false, reason: "bad id or signature" }

  const declared = tagValue(event, "i")
  if (!declared) return { ok: false, reason: "bookmark has no i tag" }
  const canon = canonicalizeUrl(declared)
  if (!canon.ok) return { ok: false, reason: `bookmark URL refused: ${canon.message}` }
  if (tagValue(event, "d") !== bookmarkIdentifier(canon.url)) return { ok: false, reason: "d tag does not match the URL" }

  const post: LinkPost = {
    url: canon.url,
    eventId: event.id,
    author: event.pubkey,
    createdAt: event.created_at,
    title: cleanText(tagValue(event, "title"), LIMITS.title) || canon.host,
    description: cleanText(event.content, LIMITS.description),
    siteName: cleanText(tagValue(event, "site_name"), LIMITS.siteName) || canon.host,
    image: cleanImageUrl(tagValue(event, "image"), canon.url)
  }
  return { ok: true, post, event }
}
