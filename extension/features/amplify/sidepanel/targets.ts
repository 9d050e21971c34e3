// The dialog's "topic or community" list. Topics (#tag) are published as a `t` tag; emergent
// communities (~name) are this device's reading of the engagement graph, which no event can carry
// (shared/posts/topic.ts), so choosing one publishes no tag and the dialog says so.
import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import { topicTag } from "../../../../shared/posts/topic"

export interface TargetOption {
  /** The select's value: the engine's name, "#privacy" or "~design". */
  value: string
  /** "#privacy · 140 members" */
  label: string
}

/** Topics and emergent communities in two groups, each largest first, at most `limit` each. */
export function targetGroups(communities: readonly CommunityInfo[], limit = 20): { topics: TargetOption[]; communities: TargetOption[] } {
  const option = (c: CommunityInfo): TargetOption => ({ value: c.name, label: `${c.name} · ${c.members} ${c.members === 1 ? "member" : "members"}` })
  const sorted = [...communities].sort((a, b) => b.members - a.members || (a.name < b.name ? -1 : 1))
  return {
    topics: sorted.filter((c) => c.kind === "topic" && topicTag(c.name) !== undefined).slice(0, limit).map(option),
    communities: sorted.filter((c) => c.kind === "emergent").slice(0, limit).map(option)
  }
}

export type Target = { kind: "none" } | { kind: "topic"; name: string; tag: string } | { kind: "community"; name: string }

/** What a chosen value means for the post: a topic gives its `t` tag; a community gives none. */
export function targetOf(value: string): Target {
  if (value.startsWith("~")) return { kind: "community", name: value }
  const tag = value ? topicTag(value) : undefined
  return tag ? { kind: "topic", name: `#${tag}`, tag } : { kind: "none" }
}
