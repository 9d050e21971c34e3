import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useId, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import type { RankedPost } from "../../../../shared/engine/engine-api"
import { openAmplifyDialog } from "../../amplify/sidepanel/amplify-dialog-store"
import { BroughtBy } from "../../people/sidepanel/BroughtBy"
import { personAccessibleName, personTooltip } from "../../people/sidepanel/person-label"
import { useProfileNames } from "../../people/sidepanel/use-profile-names"
import { CardImage } from "./CardImage"
import { cardPeople } from "./card-people"
import { CardSocial } from "./CardSocial"
import { markFirstCard } from "./first-card"
import { formatStanding, standingTooltip } from "./identity-label"
import { RankBadge } from "./RankBadge"
import type { GraphState } from "./ranking-state"
import { relativeTime } from "./relative-time"
import { formatAmps } from "./stream-order"
import { streamDb } from "./stream-db"
import { useCardSocial } from "./use-card-social"
import { WhyPanel } from "./WhyPanel"

export interface PostCardProps {
  post: PostRow
  ranked: RankedPost | undefined
  /** Why an unranked card is unranked (ranking-state.ts). */
  graph: GraphState
  me: string | undefined
  index: number
  count: number
  onHide(url: string): void
  onMute(pubkey: string): void
  onKey?(e: React.KeyboardEvent<HTMLElement>, index: number): void
}

/**
 * One link card. Every string from a page or a peer is rendered as a React text node, so markup
 * in a title shows as text; the link target is the canonical http(s) URL checked on the way in.
 */
export function PostCard({ post, ranked, graph, me, index, count, onHide, onMute, onKey }: PostCardProps) {
  const whyId = useId()
  const titleId = useId()
  const [why, setWhy] = useState(false)
  const broughtBy = ranked?.why.broughtBy ?? post.amplifiers[0] ?? ""
  const carrier = ranked?.why.carriers.find((c) => c.pubkey === broughtBy)
  const staked = ranked ? ranked.why.amplifications.reduce((s, a) => s + a.amount, 0n) : undefined
  const noteEventId = post.eventIds[broughtBy] ?? post.eventIds[post.amplifiers[0] ?? ""]
  const note = useLiveQuery(async () => (noteEventId ? ((await streamDb().events.get(noteEventId))?.event.content ?? "") : ""), [noteEventId])
  const amplifiers = post.amplifiers.length
  const social = useCardSocial(post, me)
  const names = useProfileNames(cardPeople([broughtBy], social.comments))

  useEffect(markFirstCard, [])

  /** Re-amplify: the amplify engineer's dialog (note, AMPs, reach), prefilled with this card. */
  function reamplify() {
    openAmplifyDialog({ url: post.url, title: post.title })
  }

  const actions = (
    <span className="card-tools">
      <button type="button" className="tool-button" data-testid="reamplify-button" aria-label={`Re-amplify “${post.title}”`} onClick={reamplify}>
        <span aria-hidden="true">↻</span> Amplify
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="why-button"
        aria-expanded={why}
        aria-controls={whyId}
        aria-label={`Why am I seeing “${post.title}”?`}
        onClick={() => setWhy((w) => !w)}
      >
        Why?
      </button>
      <button type="button" className="tool-button" data-testid="hide-button" aria-label={`Hide “${post.title}”`} onClick={() => onHide(post.url)}>
        Hide
      </button>
      {broughtBy && broughtBy !== me ? (
        <button
          type="button"
          className="tool-button danger-text"
          data-testid="mute-button"
          // Mute acts on the person the card names, never on another amplifier of the same link
          aria-label={`Mute ${personAccessibleName(broughtBy, me, names)}`}
          title={`Mute ${personTooltip(broughtBy, names)}`}
          onClick={() => onMute(broughtBy)}
        >
          Mute
        </button>
      ) : null}
    </span>
  )

  return (
    <article
      className="card"
      data-testid="post-card"
      data-url={post.url}
      data-ranked={ranked ? "true" : "false"}
      aria-labelledby={titleId}
      aria-posinset={index + 1}
      aria-setsize={count}
      tabIndex={0}
      onKeyDown={(e) => onKey?.(e, index)}
    >
      <CardImage post={post} />
      <div className="card-body">
        {/* What the ranking adds (standing, stake, current) shares this one-line row with the site's
            name, which gives way: a card must not grow under the pointer when its ranking arrives
            (a "Post" click landed on "Mute" when the chip wrapped the line below). */}
        <div className="card-site">
          <span className="card-site-name">{post.siteName}</span>
          <span className="card-rank" data-testid="card-rank">
            {carrier ? (
              <span className="reo-chip" data-testid="standing-chip" title={standingTooltip(carrier.reo)}>
                standing {formatStanding(carrier.reo)}
              </span>
            ) : null}
            {staked !== undefined && staked > 0n ? (
              <span className="amp-chip" data-testid="post-amps" title={`${formatAmps(staked)} AMP staked on this post`}>
                {formatAmps(staked)} AMP
              </span>
            ) : null}
            <RankBadge ranked={ranked} graph={graph} />
          </span>
        </div>
        <a id={titleId} className="card-title" data-testid="post-title" href={post.url} target="_blank" rel="noopener noreferrer">
          {post.title}
        </a>
        {post.description ? <p className="card-description">{post.description}</p> : null}
        {note && note !== post.description ? (
          <blockquote className="card-note" data-testid="post-note">
            {note}
          </blockquote>
        ) : null}
        <div className="card-brought" data-testid="brought-by">
          <BroughtBy pubkey={broughtBy} me={me} names={names} />
        </div>
        <div className="card-meta">
          <span data-testid="post-url" className="card-url" title={post.url}>
            {post.url}
          </span>
          <span>
            {amplifiers === 1 ? "1 amplifier" : `${amplifiers} amplifiers`} · {relativeTime(post.updatedAt)}
          </span>
        </div>
        {why ? <WhyPanel id={whyId} post={ranked} me={me} graph={graph} carriers={post.amplifiers} /> : null}
        <CardSocial post={post} me={me} social={social} names={names} actions={actions} />
      </div>
    </article>
  )
}
