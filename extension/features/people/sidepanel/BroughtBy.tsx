import { FollowButton } from "./FollowButton"
import { personAccessibleName } from "./person-label"
import { PersonName } from "./PersonName"

/**
 * "Brought by <name>" on a Stream card, with Follow beside it for anyone but the person. `names`
 * comes from the card's one names query (card-people.ts).
 */
export function BroughtBy({ pubkey, me, names }: { pubkey: string; me: string | undefined; names: Map<string, string> }) {
  return (
    <>
      <span>
        Brought by{" "}
        <strong>
          <PersonName pubkey={pubkey} me={me} names={names} />
        </strong>
      </span>
      {pubkey ? <FollowButton pubkey={pubkey} me={me} label={personAccessibleName(pubkey, me, names)} /> : null}
    </>
  )
}
