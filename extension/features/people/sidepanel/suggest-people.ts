import type { CommunityInfo } from "../../../../shared/engine/engine-api"

/** What the suggestions are computed from: stored events, reduced to who did what to whom. */
export interface SuggestionInput {
  /** Every held bookmark: its author and its topic tags (lower-case, without "#"). */
  bookmarks: { author: string; tags: string[] }[]
  /** Every card's amplifiers, first amplifier first: later ones re-amplified the first one's link. */
  cards: { amplifiers: string[] }[]
  /** Likes (content other than "-") and comments: from whom, to whom. */
  engagements: { from: string; to: string }[]
  /** The engine's communities; only topic ones (named by a tag) name a group. */
  communities: CommunityInfo[]
  /** The viewer, people they follow or muted: never suggested, and their engagement not counted. */
  exclude: Set<string>
}

export interface SuggestionGroup {
  /** "#privacy", or "" for the group of everyone when no topic has candidates. */
  community: string
  people: { pubkey: string; engagers: number }[]
}

export const SUGGESTION_LIMITS = { communities: 3, perCommunity: 2 } as const

/**
 * "People to follow" for someone who follows no one yet, so the engine has a graph to rank by:
 * per topic community (largest first), the authors whom the most distinct other people
 * re-amplified, liked or commented on. Distinct people, not events, so one enthusiast cannot
 * lift an author; a closed group that only engages itself still can, which is why these are
 * suggestions the person picks from, never follows made for them. Each person appears once,
 * in the first group that has them; ties go to the lower pubkey, so the choice is stable.
 */
export function suggestPeople(input: SuggestionInput, limits: { communities: number; perCommunity: number } = SUGGESTION_LIMITS): SuggestionGroup[] {
  const engagers = new Map<string, Set<string>>()
  const note = (from: string, to: string) => {
    // The viewer's own likes and muted people's say nothing about what others find worth following.
    if (!from || !to || from === to || input.exclude.has(from)) return
    let set = engagers.get(to)
    if (!set) engagers.set(to, (set = new Set()))
    set.add(from)
  }
  for (const c of input.cards) for (const later of c.amplifiers.slice(1)) note(later, c.amplifiers[0]!)
  for (const e of input.engagements) note(e.from, e.to)

  const authorsByTag = new Map<string, Set<string>>()
  for (const b of input.bookmarks) {
    for (const t of b.tags) {
      let set = authorsByTag.get(t)
      if (!set) authorsByTag.set(t, (set = new Set()))
      set.add(b.author)
    }
  }

  const score = (pk: string) => engagers.get(pk)?.size ?? 0
  const rank = (pool: Iterable<string>, taken: Set<string>) =>
    [...pool]
      .filter((pk) => !input.exclude.has(pk) && !taken.has(pk) && score(pk) > 0)
      .sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1))
      .slice(0, limits.perCommunity)
      .map((pubkey) => ({ pubkey, engagers: score(pubkey) }))

  const taken = new Set<string>()
  const groups: SuggestionGroup[] = []
  const topics = input.communities.filter((c) => c.kind === "topic").sort((a, b) => b.members - a.members || (a.name < b.name ? -1 : 1))
  for (const c of topics) {
    if (groups.length >= limits.communities) break
    const people = rank(authorsByTag.get(c.name.replace(/^#/, "")) ?? [], taken)
    if (people.length === 0) continue
    for (const p of people) taken.add(p.pubkey)
    groups.push({ community: c.name, people })
  }
  if (groups.length === 0) {
    const people = rank(new Set(input.bookmarks.map((b) => b.author)), taken)
    if (people.length > 0) groups.push({ community: "", people })
  }
  return groups
}
