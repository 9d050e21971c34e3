import { useCallback, useEffect, useState } from "react"

import { syncStatus, type SyncStatus } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"

const POLL_MS = 2000

/**
 * The background's sync status, asked every 2 s while the panel is open. Asking also wakes a
 * stopped service worker, which then reconnects and resumes from its cursors.
 */
export function useSyncStatus(): { status: SyncStatus | undefined; error: string | undefined; refresh(): void } {
  const [status, setStatus] = useState<SyncStatus>()
  const [error, setError] = useState<string>()
  const refresh = useCallback(() => {
    send(syncStatus, {}).then(
      (r) => {
        if (r.ok) {
          setStatus(r.status)
          setError(undefined)
        } else setError(r.message)
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err))
    )
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => clearInterval(timer)
  }, [refresh])
  return { status, error, refresh }
}
