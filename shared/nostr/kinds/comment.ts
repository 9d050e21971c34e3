import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { KIND_WEB_BOOKMARK } from "../../posts/link-post-event"
import { bookmarkIdentifier, canonicalizeUrl } from "../../url/canonical-url"
import { HEX64, charCount, fail, parseSigned, singleTag, tagsNamed, type Parsed } from "./common"
import { MIN_POW, powShortfall } from "./pow"

/** NIP-22 comment. */
export const KIND_COMMENT = 1111

export const COMMENT_LIMITS = {
  /** Characters (code points) of the trimmed text; an empty comment is refused too. */
  contentChars: 2000,
  /** NIP-13 bits (pow.ts). */
  minPow: MIN_POW.comment
} as const

/** What a comment answers: the page itself, a bookmark of it, or another comment on it. */
export type CommentParent =
  | { kind: "web" }
  | { kind: "39701"; id: string; author: string; address: string }
  | { kind: "1111"; id: string; author: string }

export interface CommentInput {
  /** Canonical http(s) URL of the page: the root scope. */
  url: string
  parent: CommentParent
  content: string
  createdAt: number
  /** A relay where the parent can be found, for the `e`/`a` hints. */
  relayHint?: string
}

export interface Comment {
  id: string
  author: string
  createdAt: number
  /** Canonical root URL (the card). */
  url: string
  parent: CommentParent
  content: string
}

/** The `a` address of an author's bookmark of a URL (NIP-01 addressable events, NIP-B0). */
export function bookmarkAddress(author: string, canonicalUrl: string): string {
  return `${KIND_WEB_BOOKMARK}:${author}:${bookmarkIdentifier(canonicalUrl)}`
}

/**
 * The unsigned comment. Root: `I` = the page URL, `K` = "web" (NIP-73 scope, so comments from any
 * NIP-22 client on the same page join the thread). Parent: the page (`i`/`k` web), the bookmark
 * the person saw (`e`, `a`, `k` 39701, `p`), or a comment (`e`, `k` 1111, `p`). Mine the NIP-13
 * nonce (pow.ts) before signing.
 */
export function commentTemplate(input: CommentInput): EventTemplate {
  const content = input.content.trim()
  if (content.length === 0) throw new RangeError("a comment needs some text")
  if (charCount(content) > COMMENT_LIMITS.contentChars) throw new RangeError(`a comment is at most ${COMMENT_LIMITS.contentChars} characters`)
  const canon = canonicalizeUrl(input.url)
  if (!canon.ok || canon.url !== input.url) throw new RangeError("comments are scoped to a canonical http(s) URL")
  const hint = input.relayHint ?? ""
  const tags: string[][] = [
    ["I", input.url],
    ["K", "web"]
  ]
  const p = input.parent
  if (p.kind === "web") tags.push(["i", input.url], ["k", "web"])
  else if (p.kind === "39701") tags.push(["e", p.id, hint, p.author], ["a", p.address, hint], ["k", String(KIND_WEB_BOOKMARK)], ["p", p.author])
  else tags.push(["e", p.id, hint, p.author], ["k", String(KIND_COMMENT)], ["p", p.author])
  return { kind: KIND_COMMENT, created_at: input.createdAt, tags, content }
}

/**
 * Checks a comment from anywhere except its signature (the caller verifies ids and signatures):
 * shape and size, a web root, exactly one well-formed parent, the text, and the proof of work.
 */
export function parseComment(input: unknown, minPow: number = COMMENT_LIMITS.minPow): Parsed<Comment> {
  const base = parseSigned(input, KIND_COMMENT)
  return base.ok ? commentFromEvent(base.value, minPow) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function commentFromEvent(event: SignedEvent, minPow: number = COMMENT_LIMITS.minPow): Parsed<Comment> {

  const root = singleTag(event, "I")
  const rootKind = singleTag(event, "K")
  if (root === null || rootKind === null) return fail("comment: more than one root (I/K) tag")
  if (root === undefined || rootKind !== "web") return fail("comment: root is not a web page (needs I and K=web)")
  const canon = canonicalizeUrl(root)
  if (!canon.ok) return fail(`comment: root URL refused: ${canon.message}`)
  const url = canon.url

  const k = singleTag(event, "k")
  if (k === null || k === undefined) return fail("comment: needs exactly one k (parent kind) tag")
  let parent: CommentParent
  if (k === "web") {
    const i = singleTag(event, "i")
    if (typeof i !== "string") return fail("comment: a page parent needs exactly one i tag")
    const parentUrl = canonicalizeUrl(i)
    if (!parentUrl.ok || parentUrl.url !== url) return fail("comment: parent page differs from the root page")
    parent = { kind: "web" }
  } else if (k === String(KIND_WEB_BOOKMARK) || k === String(KIND_COMMENT)) {
    const e = tagsNamed(event, "e")
    if (e.length !== 1 || !HEX64.test(e[0]![1] ?? "")) return fail("comment: needs exactly one e tag with the parent's id")
    const author = tagsNamed(event, "p")[0]?.[1]
    if (!author || !HEX64.test(author)) return fail("comment: needs a p tag with the parent's author")
    if (k === String(KIND_COMMENT)) parent = { kind: "1111", id: e[0]![1]!, author }
    else {
      const address = singleTag(event, "a")
      const expected = bookmarkAddress(author, url)
      if (address === null || (address !== undefined && address !== expected)) return fail("comment: a tag does not name the author's bookmark of the root page")
      parent = { kind: "39701", id: e[0]![1]!, author, address: expected }
    }
  } else return fail(`comment: unsupported parent kind ${JSON.stringify(k.slice(0, 16))}`)

  const content = event.content.trim()
  if (content.length === 0) return fail("comment: empty text")
  if (charCount(content) > COMMENT_LIMITS.contentChars) return fail(`comment: longer than ${COMMENT_LIMITS.contentChars} characters`)
  const pow = powShortfall(event, minPow)
  if (pow) return fail(pow)

  return { ok: true, value: { id: event.id, author: event.pubkey, createdAt: event.created_at, url, parent, content } }
}
