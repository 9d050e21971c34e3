import { useCallback, useEffect, useState } from "react"
import browser from "webextension-polyfill"

import { identityStatus, type IdentityStatus } from "../../../../shared/messages/catalog"
import { IDENTITY_STORAGE_KEYS } from "../background/identity-records"
import { callIdentity } from "./identity-client"

/**
 * The identity's public status, refreshed whenever the identity's storage changes, whoever
 * changed it (another Settings tab, the welcome page, the browser clearing session storage).
 */
export function useIdentityStatus() {
  const [status, setStatus] = useState<IdentityStatus>()
  const [error, setError] = useState<string>()
  const refresh = useCallback(async () => {
    try {
      setStatus((await callIdentity(identityStatus, {})).status)
      setError(undefined)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }, [])
  useEffect(() => {
    void refresh()
    const watched = new Set<string>(IDENTITY_STORAGE_KEYS)
    const onChanged = (changes: Record<string, unknown>) => {
      if (Object.keys(changes).some((k) => watched.has(k))) void refresh()
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [refresh])
  return { status, error, refresh, setStatus }
}
