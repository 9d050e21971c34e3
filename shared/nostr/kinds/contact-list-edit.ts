import type { EventTemplate } from "nostr-tools/pure"

import { HEX64 } from "./common"
import { CONTACT_LIMITS, KIND_CONTACT_LIST } from "./contact-list"

/**
 * The person's follow list with one pubkey added (`on`) or removed, as a new kind-3 template.
 * Everything else in the current list is kept as written, in order: other `p` entries with their
 * relay hints and petnames, tags of other names, and the (legacy) content, since other clients of
 * the same identity put things there that a follow button must not erase. Following someone
 * already followed, or unfollowing someone not followed, returns undefined (nothing to sign).
 */
export function editContactList(current: { tags: string[][]; content: string } | undefined, pubkey: string, on: boolean, createdAt: number): EventTemplate | undefined {
  if (!HEX64.test(pubkey)) throw new RangeError(`not a hex pubkey: ${pubkey}`)
  const tags = current?.tags ?? []
  const has = tags.some((t) => t[0] === "p" && t[1] === pubkey)
  if (has === on) return undefined
  const next = on ? [...tags, ["p", pubkey]] : tags.filter((t) => !(t[0] === "p" && t[1] === pubkey))
  if (next.length > CONTACT_LIMITS.follows) throw new RangeError(`a follow list holds at most ${CONTACT_LIMITS.follows} entries`)
  return { kind: KIND_CONTACT_LIST, created_at: createdAt, tags: next.map((t) => [...t]), content: current?.content ?? "" }
}
