// A post's topic: the value of a NIP-12 `t` tag, which names a #tag community (docs/MODEL.md §3).
// Only topics can be published: an emergent ~community is computed by each reader's own engine,
// so no event can name one (docs/PROTOCOL.md §2.6: a stake carries no community either).

/** Longest topic we publish; longer tags are someone else's, not a name people type. */
export const TOPIC_MAX_CHARS = 64

/**
 * The `t` tag value for what the person chose, or undefined when it cannot be one: a leading "#"
 * (the way topics are shown) is dropped, the rest is lower-cased (NIP-12 matching); a leading "~"
 * (an emergent community) or "#" left over, whitespace, or an empty or over-long name is refused.
 */
export function topicTag(input: string): string | undefined {
  const t = input.trim().replace(/^#/, "").toLowerCase()
  if (!t || [...t].length > TOPIC_MAX_CHARS || /^[#~]/.test(t) || /[\s\p{Cc}]/u.test(t)) return undefined
  return t
}
