import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { KIND_WEB_BOOKMARK } from "../../posts/link-post-event"
import { HEX64, charCount, fail, parseSigned, singleTag, tagsNamed, type Parsed } from "./common"
import { MIN_POW, powShortfall } from "./pow"

/** NIP-25 reaction. */
export const KIND_REACTION = 7

export const REACTION_LIMITS = {
  /** "+", "-", one emoji or a `:shortcode:`. */
  contentChars: 64,
  minPow: MIN_POW.reaction
} as const

export interface ReactionTarget {
  /** The bookmark's event id. */
  id: string
  author: string
  /** The bookmark's `a` address (comment.ts bookmarkAddress). */
  address: string
}

export interface Reaction {
  id: string
  author: string
  createdAt: number
  target: string
  targetAuthor: string
  /** "" when the reaction names no address. */
  address: string
  /** "+" for a like ("" is normalised to "+"), "-" for a dislike, or an emoji. */
  content: string
  /** Everything but "-" counts as a like for the Stream and the engine. */
  like: boolean
}

/** The unsigned reaction to a web bookmark: `e`, `a`, `p` and `k` = 39701 (NIP-25). Mine before signing. */
export function reactionTemplate(target: ReactionTarget, createdAt: number, content = "+"): EventTemplate {
  if (charCount(content) > REACTION_LIMITS.contentChars) throw new RangeError("reaction content too long")
  return {
    kind: KIND_REACTION,
    created_at: createdAt,
    tags: [
      ["e", target.id, "", target.author],
      ["a", target.address],
      ["p", target.author],
      ["k", String(KIND_WEB_BOOKMARK)]
    ],
    content
  }
}

/**
 * Checks a reaction except its signature: reactions we keep are on web bookmarks (`k` = 39701),
 * name the bookmark (the last `e`, NIP-25) and its author (the last `p`), carry short content,
 * and the proof of work.
 */
export function parseReaction(input: unknown, minPow: number = REACTION_LIMITS.minPow): Parsed<Reaction> {
  const base = parseSigned(input, KIND_REACTION)
  return base.ok ? reactionFromEvent(base.value, minPow) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function reactionFromEvent(event: SignedEvent, minPow: number = REACTION_LIMITS.minPow): Parsed<Reaction> {
  const k = singleTag(event, "k")
  if (k !== String(KIND_WEB_BOOKMARK)) return fail("reaction: not on a web bookmark (needs exactly one k = 39701)")
  const target = tagsNamed(event, "e").at(-1)?.[1]
  if (!target || !HEX64.test(target)) return fail("reaction: needs an e tag with the bookmark's id")
  const targetAuthor = tagsNamed(event, "p").at(-1)?.[1]
  if (!targetAuthor || !HEX64.test(targetAuthor)) return fail("reaction: needs a p tag with the bookmark's author")
  const address = singleTag(event, "a")
  if (address === null) return fail("reaction: more than one a tag")
  if (address !== undefined && !address.startsWith(`${KIND_WEB_BOOKMARK}:${targetAuthor}:`)) return fail("reaction: a tag does not name the author's bookmark")
  if (charCount(event.content) > REACTION_LIMITS.contentChars) return fail(`reaction: content longer than ${REACTION_LIMITS.contentChars} characters`)
  if (/[\u0000-\u001f\u007f]/.test(event.content)) return fail("reaction: control characters in content")
  const pow = powShortfall(event, minPow)
  if (pow) return fail(pow)
  const content = event.content === "" ? "+" : event.content
  return {
    ok: true,
    value: { id: event.id, author: event.pubkey, createdAt: event.created_at, target, targetAuthor, address: address ?? "", content, like: content !== "-" }
  }
}
