import { FollowButton } from "./FollowButton"
import { personAccessibleName } from "./person-label"
import { PersonName } from "./PersonName"
import { useProfileNames } from "./use-profile-names"

/** "Brought by <name>" on a Stream card, with Follow beside it for anyone but the person. */
export function BroughtBy({ pubkey, me }: { pubkey: string; me: string | undefined }) {
  const names = useProfileNames([pubkey])
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
