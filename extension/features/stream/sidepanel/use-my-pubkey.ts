import { useEffect, useState } from "react"

import { getIdentity } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"

let cached: Promise<string> | undefined

/** The person's pubkey (hex), asked once per panel. */
export function useMyPubkey(): string | undefined {
  const [pubkey, setPubkey] = useState<string>()
  useEffect(() => {
    cached ??= send(getIdentity, {}).then((id) => id.pubkey)
    cached.then(setPubkey, () => {
      cached = undefined
    })
  }, [])
  return pubkey
}
