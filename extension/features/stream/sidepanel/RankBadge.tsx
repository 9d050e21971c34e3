import type { RankedPost } from "../../../../shared/engine/engine-api"
import { formatCurrent } from "./identity-label"
import { UNRANKED_BADGE, type GraphState } from "./ranking-state"

/** The card's ranking badge: its current, or why it has none yet (ranking-state.ts). */
export function RankBadge({ ranked, graph }: { ranked: RankedPost | undefined; graph: GraphState }) {
  if (ranked) {
    return (
      <span className="current-badge" data-testid="post-current" title="Current: how strongly this post reaches you now">
        ⚡ {formatCurrent(ranked.current)}
      </span>
    )
  }
  const badge = UNRANKED_BADGE[graph]
  return (
    <span className="current-badge pending" data-testid="post-unranked" data-graph={graph} title={badge.tooltip}>
      {badge.text}
    </span>
  )
}
