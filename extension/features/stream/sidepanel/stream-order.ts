import type { RankedPost, StreamSettings } from "../../../../shared/engine/engine-api"
import type { StreamSettingsContent } from "../../../../shared/nostr/kinds/stream-settings"

/** A filter chip: a topic (`#tag`, matched against the post's tags) or an emergent community (`~name`). */
export interface StreamFilter {
  community: string
  kind: "topic" | "emergent"
}

export interface OrderInput {
  /** The engine's Stream, best first (ids are canonical URLs). */
  ranked: Pick<RankedPost, "id" | "why">[]
  /** Every stored post's URL, newest first (Dexie `posts` by updatedAt, primary keys only). */
  newestFirst: string[]
  /** URLs the person hid on this device. */
  hidden: ReadonlySet<string>
  /** Stored posts whose author (first amplifier) the person muted. */
  mutedPosts: ReadonlySet<string>
  filter?: StreamFilter
  /** For an emergent-community filter: pubkeys the engine counts as its members. */
  members?: ReadonlySet<string>
  /**
   * Until the engine's first ranking of this panel: the top as last ranked (last-ranked-top.ts),
   * standing in for `ranked` so the first cards do not change places when the ranking comes.
   */
  lastRankedTop?: readonly string[]
}

/** Does a ranked post pass the chip? Topic: it carries the tag. Community: a carrier with standing is a member. */
export function matchesFilter(post: Pick<RankedPost, "why">, filter: StreamFilter, members?: ReadonlySet<string>): boolean {
  if (filter.kind === "topic") return post.why.tags.includes(filter.community.replace(/^#/, "").toLowerCase())
  return post.why.carriers.some((c) => c.current > 0 && members?.has(c.pubkey)) || (members?.has(post.why.broughtBy) ?? false)
}

/**
 * The Stream's order: the engine's ranked posts that are stored, then every other stored post,
 * newest first; never hiding what the engine does not know yet. Hidden and muted posts are left
 * out. With a filter only ranked posts that match are kept (the engine alone knows tags and carriers).
 */
export function joinStreamOrder(input: OrderInput): string[] {
  const stored = new Set(input.newestFirst)
  const out: string[] = []
  const seen = new Set<string>()
  const keep = (url: string) => !seen.has(url) && stored.has(url) && !input.hidden.has(url) && !input.mutedPosts.has(url)
  if (input.lastRankedTop && input.ranked.length === 0 && !input.filter) {
    for (const url of input.lastRankedTop) {
      if (!keep(url)) continue
      seen.add(url)
      out.push(url)
    }
  }
  for (const r of input.ranked) {
    if (!keep(r.id)) continue
    if (input.filter && !matchesFilter(r, input.filter, input.members)) continue
    seen.add(r.id)
    out.push(r.id)
  }
  if (input.filter) return out
  for (const url of input.newestFirst) {
    if (!keep(url)) continue
    seen.add(url)
    out.push(url)
  }
  return out
}

export interface ArrivalState {
  /** What is on screen, in order. */
  shown: string[]
  /** URLs that arrived while the person was reading, not merged yet. */
  pending: string[]
}

/**
 * Live arrivals without jumping: at the top (not reading), the new order is shown as it is. While
 * reading, the shown order is kept (removals apply at once: hide, mute, filters), and URLs not on
 * screen wait as `pending` until the person presses "N new posts".
 */
export function mergeArrivals(prev: ArrivalState, next: string[], reading: boolean): ArrivalState {
  if (!reading || prev.shown.length === 0) return { shown: next, pending: [] }
  const nextSet = new Set(next)
  const shown = prev.shown.filter((u) => nextSet.has(u))
  const onScreen = new Set(shown)
  const pending = next.filter((u) => !onScreen.has(u))
  return { shown, pending }
}

export const DEFAULT_STREAM_SETTINGS: StreamSettingsContent = { v: 1, allowAmplifiedFrom: ["everyone"], communities: [], topics: [], blockedAdvertisers: [], dials: {} }

/** The engine's settings: the stored kind-30078 content, with muted authors dialled to 0. */
export function engineSettings(content: StreamSettingsContent, muted: readonly string[]): StreamSettings {
  const dials: Record<string, number> = { ...content.dials }
  for (const p of muted) dials[p] = 0
  return { allowAmplifiedFrom: [...content.allowAmplifiedFrom], communities: [...content.communities], topics: [...content.topics], blockedAdvertisers: [...content.blockedAdvertisers], dials }
}

/** Whole AMPs, with up to 2 decimals, from base units (1 AMP = 10^8). */
export function formatAmps(baseUnits: bigint): string {
  const whole = baseUnits / 100_000_000n
  const cents = (baseUnits % 100_000_000n) / 1_000_000n
  return cents === 0n ? whole.toString() : `${whole}.${cents.toString().padStart(2, "0").replace(/0$/, "")}`
}
