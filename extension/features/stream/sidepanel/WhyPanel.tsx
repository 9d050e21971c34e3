import type { RankedPost } from "../../../../shared/engine/engine-api"
import { formatAmps } from "./stream-order"
import { PersonName } from "../../people/sidepanel/PersonName"
import { useProfileNames } from "../../people/sidepanel/use-profile-names"
import { formatCurrent, formatStanding, standingTooltip } from "./identity-label"
import type { GraphState } from "./ranking-state"
import { UnrankedWhy } from "./UnrankedWhy"

const FILTER_TEXT: Record<string, string> = {
  organic: "organic (the author)",
  friends: "amplified by a friend",
  communities: "a community you chose",
  topics: "a topic you chose",
  everyone: "you allow everyone",
  blocked: "blocked advertiser",
  filtered: "filtered out by your settings",
  "no-standing": "no standing with you"
}

/**
 * The engine's explanation of one post: charge, capacity, hops, and every carrier with its part;
 * for an unranked post, why it is not ranked (`graph`, and who brought it: `carriers`).
 */
export function WhyPanel({ id, post, me, graph, carriers }: { id: string; post: RankedPost | undefined; me: string | undefined; graph: GraphState; carriers: readonly string[] }) {
  const names = useProfileNames(post ? [...new Set([...post.why.carriers.map((c) => c.pubkey), ...post.why.amplifications.map((a) => a.amplifier)])] : [])
  if (!post) {
    return (
      <div className="why-panel" id={id} data-testid="why-panel" role="region" aria-label="Why you are seeing this">
        <UnrankedWhy graph={graph} carriers={carriers} />
      </div>
    )
  }
  const w = post.why
  return (
    <div className="why-panel" id={id} data-testid="why-panel" role="region" aria-label="Why you are seeing this">
      <dl className="why-grid">
        <div>
          <dt>Current</dt>
          <dd data-testid="why-current">{formatCurrent(post.current)}</dd>
        </div>
        <div>
          <dt>Charge</dt>
          <dd data-testid="why-charge">
            {w.charge.toFixed(2)} / {w.capacity.toFixed(2)} cu
          </dd>
        </div>
        <div>
          <dt>Hops</dt>
          <dd data-testid="why-hops">
            {w.hops} (×{w.hopFactor.toFixed(2)})
          </dd>
        </div>
      </dl>
      <table className="why-carriers" data-testid="why-carriers">
        <caption className="visually-hidden">Who carries this post to you</caption>
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col" title="Reo: standing from your point of view, as a multiple of the average person's">
              Standing
            </th>
            <th scope="col">Dial</th>
            <th scope="col">Let in by</th>
            <th scope="col">Part</th>
          </tr>
        </thead>
        <tbody>
          {w.carriers.map((c) => (
            <tr key={`${c.role}-${c.pubkey}`} data-testid="why-carrier" data-filter={c.filter} data-pubkey={c.pubkey}>
              <th scope="row">
                <PersonName pubkey={c.pubkey} me={me} names={names} /> <span className="muted">{c.role === "author" ? "author" : "amplifier"}</span>
              </th>
              <td data-testid="why-standing" title={standingTooltip(c.reo)}>
                {formatStanding(c.reo)}
              </td>
              <td>{c.dial}</td>
              <td className={c.current > 0 ? "" : "muted"}>{FILTER_TEXT[c.filter] ?? c.filter}</td>
              <td>{formatCurrent(c.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {w.amplifications.length > 0 ? (
        <ul className="why-amps" aria-label="Amplifications with AMPs">
          {w.amplifications.map((a, i) => (
            <li key={i}>
              <PersonName pubkey={a.amplifier} me={me} names={names} /> staked <strong>{formatAmps(a.amount)} AMP</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted why-note">No AMPs staked: this post travels on attention alone.</p>
      )}
      {w.tags.length > 0 ? <p className="why-note muted">Topics: {w.tags.map((t) => `#${t}`).join(" ")}</p> : null}
    </div>
  )
}
