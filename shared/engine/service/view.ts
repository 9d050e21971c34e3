import type { AmplifiedSource, StreamSettings } from "../engine-api"
import {
  ALLOW_COMMUNITIES, ALLOW_EVERYONE, ALLOW_FRIENDS, ALLOW_TOPICS, NODE_BLOCKED, NODE_FRIEND,
  NODE_IN_CHOSEN_COMMUNITY, POST_TOPIC_MATCH
} from "../kernel/flags"

export const DEFAULT_SETTINGS: StreamSettings = {
  allowAmplifiedFrom: ["everyone"],
  communities: [],
  topics: [],
  blockedAdvertisers: [],
  dials: {}
}

/** Dials are multipliers of current; beyond 4 one source could drown every other. */
export const MAX_DIAL = 4

const ALLOW_BITS: Record<AmplifiedSource, number> = {
  friends: ALLOW_FRIENDS,
  communities: ALLOW_COMMUNITIES,
  topics: ALLOW_TOPICS,
  everyone: ALLOW_EVERYONE
}

export function allowMask(settings: StreamSettings): number {
  let mask = 0
  for (const s of settings.allowAmplifiedFrom) mask |= ALLOW_BITS[s] ?? 0
  return mask
}

export function clampDial(d: number): number {
  return Number.isFinite(d) ? Math.min(MAX_DIAL, Math.max(0, d)) : 1
}

export interface NodeView {
  flags: number
  dial: number
}

/** The viewer's flags and dial for every identity that has any (all others: 0 and 1). */
export function nodeViews(
  friends: Iterable<number>,
  chosenMembers: Iterable<number>,
  blocked: Iterable<number>,
  dials: Iterable<[number, number]>
): Map<number, NodeView> {
  const out = new Map<number, NodeView>()
  const get = (id: number) => {
    let v = out.get(id)
    if (!v) out.set(id, (v = { flags: 0, dial: 1 }))
    return v
  }
  for (const id of friends) get(id).flags |= NODE_FRIEND
  for (const id of chosenMembers) get(id).flags |= NODE_IN_CHOSEN_COMMUNITY
  for (const id of blocked) get(id).flags |= NODE_BLOCKED
  for (const [id, d] of dials) get(id).dial = clampDial(d)
  return out
}

export function postFlags(tags: readonly string[], topics: ReadonlySet<string>): number {
  return tags.some((t) => topics.has(t)) ? POST_TOPIC_MATCH : 0
}

/** Which allowed source lets an amplifier through, in the order the settings page lists them. */
export function matchingSource(flags: number, allow: number, postTopicMatch: boolean): AmplifiedSource | "blocked" | "filtered" {
  if ((flags & NODE_BLOCKED) !== 0) return "blocked"
  if ((allow & ALLOW_FRIENDS) !== 0 && (flags & NODE_FRIEND) !== 0) return "friends"
  if ((allow & ALLOW_COMMUNITIES) !== 0 && (flags & NODE_IN_CHOSEN_COMMUNITY) !== 0) return "communities"
  if ((allow & ALLOW_TOPICS) !== 0 && postTopicMatch) return "topics"
  if ((allow & ALLOW_EVERYONE) !== 0) return "everyone"
  return "filtered"
}
