import { useEffect, useState } from "react"
import browser from "webextension-polyfill"

import { amplifyActiveTab } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"
import { AmplifyDialogHost } from "./AmplifyDialog"
import { useAmplifyDialog } from "./amplify-dialog-store"
import { useLastAmplify } from "./use-last-amplify"

/** "Amplify this page" for the active tab, and the outcome of the latest amplification. */
export function AmplifyBar() {
  const last = useLastAmplify()
  const dialog = useAmplifyDialog()
  const [busy, setBusy] = useState(false)
  const [local, setLocal] = useState<{ ok: boolean; message: string } | undefined>()
  // Latest outcomes from before this time (ms) are stale: dismissed, or older than a newer action.
  const [staleBefore, setStaleBefore] = useState(0)

  // A dialog opening is a new action: an earlier outcome (say, "this is a chrome-extension:
  // address") is about something else and must not sit above it. Compared by when the dialog was
  // asked for, so an outcome that came after the request (a menu click) still shows.
  const openedAt = dialog.open ? (dialog.at ?? 0) : undefined
  useEffect(() => {
    if (openedAt === undefined) return
    setLocal(undefined)
    setStaleBefore((t) => Math.max(t, openedAt))
  }, [openedAt])

  async function onAmplify() {
    setBusy(true)
    setLocal(undefined)
    setStaleBefore(Date.now())
    try {
      const win = await browser.windows.getCurrent()
      const result = await send(amplifyActiveTab, { windowId: win.id })
      if (!result.ok) setLocal({ ok: false, message: result.message })
    } catch (err) {
      setLocal({ ok: false, message: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  const shown = local ?? (last && last.at >= staleBefore ? describe(last.result) : undefined)
  return (
    <div className="amplify-bar">
      <button type="button" className="primary" data-testid="amplify-button" onClick={onAmplify} disabled={busy} aria-busy={busy}>
        {busy ? "Amplifying…" : "Amplify this page"}
      </button>
      <div className="amplify-bar-status">
        <p role="status" aria-live="polite" data-testid="amplify-status" className={shown ? (shown.ok ? "status ok" : "status error") : "status"}>
          {shown?.message ?? ""}
        </p>
        {shown ? (
          <button
            type="button"
            className="link-button"
            data-testid="amplify-status-dismiss"
            aria-label="Dismiss this message"
            onClick={() => {
              setLocal(undefined)
              if (last) setStaleBefore((t) => Math.max(t, last.at + 1))
            }}>
            Dismiss
          </button>
        ) : null}
      </div>
      <AmplifyDialogHost />
    </div>
  )
}

function describe(result: { ok: true; status: string; title: string } | { ok: false; message: string }): { ok: boolean; message: string } {
  if (!result.ok) return { ok: false, message: result.message }
  return { ok: true, message: result.status === "created" ? `Amplified “${result.title}”.` : `You already amplified “${result.title}”.` }
}
