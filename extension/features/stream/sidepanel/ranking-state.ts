/**
 * Why a card has no ranking, told truthfully. The engine ranks by Reo from the viewer's point of
 * view (docs/MODEL.md §2), so "unranked" has different causes that call for different actions:
 * - "loading": the panel is still replaying the stored graph into the engine (use-graph-feed.ts);
 * - "none": the viewer follows and engages no one, so no one has standing from their side yet;
 * - "ready": the viewer has a graph, and this post's carriers have no standing in it (or, when one
 *   has, the settings filter it or the engine has not taken the post in yet: see unrankedWhy).
 */
export type GraphState = "loading" | "none" | "ready"

/** The viewer's graph as the Stream knows it: still replaying, or their out-degree once caught up. */
export function graphState(caughtUp: boolean, viewerOutDegree: number | undefined): GraphState {
  if (!caughtUp || viewerOutDegree === undefined) return "loading"
  return viewerOutDegree > 0 ? "ready" : "none"
}

export interface UnrankedBadge {
  text: string
  tooltip: string
}

const NEWEST_FIRST = "shown after ranked posts, newest first"

export const UNRANKED_BADGE: Record<GraphState, UnrankedBadge> = {
  loading: { text: "ranking…", tooltip: `Your graph is still loading on this device: ${NEWEST_FIRST} until then` },
  none: { text: "not ranked yet", tooltip: "You don't follow or engage with anyone yet, so posts are shown newest first. Follow people, like or comment to rank your Stream" },
  ready: { text: "no standing", tooltip: `No one who brought this post has standing from your point of view: ${NEWEST_FIRST}` }
}

export const NO_GRAPH_WHY =
  "You don't follow or engage with anyone yet, so no one has standing from your point of view: posts are shown newest first. " +
  "Follow people (see People to follow) or like and comment, and your Stream ranks by them."

/**
 * The Why? text of an unranked post. `withStanding`: how many of the people who brought it have
 * Reo above zero for the viewer (undefined while that is being asked).
 */
export function unrankedWhy(graph: GraphState, withStanding: number | undefined): string {
  if (graph === "loading") return `Your graph (who follows and engages with whom) is still loading into the engine on this device, so this post is not ranked yet: it is ${NEWEST_FIRST} for now.`
  if (graph === "none") return NO_GRAPH_WHY
  if (!withStanding) {
    return (
      "No one who brought this post (its author or amplifiers) has standing from your point of view: none of the people you follow or engage with " +
      `follows or engages with them, directly or through others. It is ${NEWEST_FIRST}.`
    )
  }
  return `Someone who brought this post has standing with you, but the engine has not ranked it: your Stream settings filter it out, or it has only just arrived. It is ${NEWEST_FIRST}.`
}
