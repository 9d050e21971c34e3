import { useLiveQuery } from "dexie-react-hooks"
import { useId, useMemo } from "react"

import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import { KIND_WEB_BOOKMARK } from "../../../../shared/posts/link-post-event"
import { streamDb } from "../../stream/sidepanel/stream-db"
import { FollowButton } from "./FollowButton"
import { personAccessibleName } from "./person-label"
import { PersonName } from "./PersonName"
import { suggestPeople, type SuggestionInput } from "./suggest-people"
import { useProfileNames } from "./use-profile-names"

/** Who did what to whom among the stored posts, likes and comments (re-read as events arrive). */
async function readActivity(): Promise<Omit<SuggestionInput, "communities" | "exclude">> {
  const db = streamDb()
  const [bookmarks, cards, reactions, comments] = await Promise.all([
    db.events.where("kind").equals(KIND_WEB_BOOKMARK).toArray(),
    db.posts.toArray(),
    db.reactions.toArray(),
    db.comments.toArray()
  ])
  return {
    bookmarks: bookmarks.map((b) => ({ author: b.pubkey, tags: b.event.tags.flatMap((t) => (t[0] === "t" && t[1] ? [t[1].toLowerCase()] : [])) })),
    cards: cards.map((c) => ({ amplifiers: c.amplifiers })),
    engagements: [
      ...reactions.filter((r) => r.content !== "-").map((r) => ({ from: r.author, to: r.targetAuthor })),
      ...comments.filter((c) => c.parentAuthor).map((c) => ({ from: c.author, to: c.parentAuthor }))
    ]
  }
}

/** Suggestions per topic community for someone who follows no one yet, each with a Follow button. */
export function PeopleToFollow({ me, muted, communities, onDismiss }: { me: string; muted: string[]; communities: CommunityInfo[]; onDismiss(): void }) {
  const headingId = useId()
  const activity = useLiveQuery(readActivity, [])
  const groups = useMemo(
    () => (activity ? suggestPeople({ ...activity, communities, exclude: new Set([me, ...muted]) }) : []),
    [activity, communities, me, muted.join(",")]
  )
  const names = useProfileNames(groups.flatMap((g) => g.people.map((p) => p.pubkey)))
  if (groups.length === 0) return null

  return (
    <section className="people-strip" aria-labelledby={headingId} data-testid="people-to-follow">
      <div className="people-strip-head">
        <h2 id={headingId}>People to follow</h2>
        <button type="button" className="link-button" data-testid="people-to-follow-dismiss" aria-label="Dismiss people to follow" onClick={onDismiss}>
          ✕
        </button>
      </div>
      <p className="muted">Your Stream is ranked by the people you follow and engage with. People others here engage with most:</p>
      {groups.map((g) => (
        <div key={g.community} className="people-group" role="group" aria-label={g.community ? `People in ${g.community}` : "People engaged with most"}>
          <h3>{g.community || "Everyone"}</h3>
          <ul>
            {g.people.map((p) => (
              <li key={p.pubkey} data-testid="suggested-person" data-pubkey={p.pubkey}>
                <PersonName pubkey={p.pubkey} me={me} names={names} />
                <span className="muted"> · {p.engagers === 1 ? "1 person engaged" : `${p.engagers} people engaged`}</span>{" "}
                <FollowButton pubkey={p.pubkey} me={me} label={personAccessibleName(p.pubkey, me, names)} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}
