import { useEffect, useState } from "react"

import { getIdentity } from "../../../shared/messages/catalog"
import { send } from "../messaging/send"

/** The person's npub, shortened; the full key is in the tooltip and for screen readers. */
export function IdentityBadge() {
  const [npub, setNpub] = useState<string>()
  useEffect(() => {
    send(getIdentity, {}).then((id) => setNpub(id.npub), () => setNpub(undefined))
  }, [])
  if (!npub) return null
  return (
    <span className="identity" title={npub} aria-label={`Your identity ${npub}`} data-testid="identity">
      {npub.slice(0, 10)}…{npub.slice(-4)}
    </span>
  )
}
