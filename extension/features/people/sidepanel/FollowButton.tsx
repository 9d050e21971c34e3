import { useState } from "react"

import { followPerson } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"
import { useMyFollows } from "./use-my-follows"

/**
 * Follow / Following for one person: signs the person's NIP-02 list with them added or removed.
 * Shows the change at once; the stored list (and the engine's follow delta) follows in moments.
 */
export function FollowButton({ pubkey, me, label }: { pubkey: string; me: string | undefined; label: string }) {
  const follows = useMyFollows(me)
  const [wanted, setWanted] = useState<boolean>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const stored = follows?.has(pubkey) ?? false
  const following = busy && wanted !== undefined ? wanted : stored
  if (!me || pubkey === me) return null

  async function toggle() {
    // Not `disabled` while busy: that would drop the keyboard focus from the button.
    if (busy) return
    const on = !following
    setWanted(on)
    setBusy(true)
    setError(undefined)
    try {
      const r = await send(followPerson, { pubkey, on })
      if (!r.ok) setError(r.message)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="follow-button"
        data-testid="follow-button"
        data-pubkey={pubkey}
        aria-pressed={following}
        aria-label={following ? `Following ${label}` : `Follow ${label}`}
        aria-busy={busy}
        onClick={() => void toggle()}
      >
        {following ? "Following" : "Follow"}
      </button>
      {error ? (
        <span role="alert" className="status error">
          {error}
        </span>
      ) : null}
    </>
  )
}
