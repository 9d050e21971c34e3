import { useEffect, useState } from "react"

import { getIdentity } from "../../../../shared/messages/catalog"
import { pageSingleton } from "../../../lib/page-singleton"
import { send } from "../../messaging/send"

const asked = pageSingleton("my-pubkey", () => ({ cached: undefined as Promise<string> | undefined }))

/** The person's pubkey (hex), asked once per panel. */
export function useMyPubkey(): string | undefined {
  const [pubkey, setPubkey] = useState<string>()
  useEffect(() => {
    asked.cached ??= send(getIdentity, {}).then((id) => id.pubkey)
    asked.cached.then(setPubkey, () => {
      asked.cached = undefined
    })
  }, [])
  return pubkey
}
