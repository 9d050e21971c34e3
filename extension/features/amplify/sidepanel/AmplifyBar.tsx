import { useState } from "react"
import browser from "webextension-polyfill"

import { amplifyActiveTab } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"
import { AmplifyDialogHost } from "./AmplifyDialog"
import { useLastAmplify } from "./use-last-amplify"

/** "Amplify this page" for the active tab, and the outcome of the latest amplification. */
export function AmplifyBar() {
  const last = useLastAmplify()
  const [busy, setBusy] = useState(false)
  const [local, setLocal] = useState<{ ok: boolean; message: string } | undefined>()

  async function onAmplify() {
    setBusy(true)
    setLocal(undefined)
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

  const shown = local ?? (last ? describe(last.result) : undefined)
  return (
    <div className="amplify-bar">
      <button type="button" className="primary" data-testid="amplify-button" onClick={onAmplify} disabled={busy} aria-busy={busy}>
        {busy ? "Amplifying…" : "Amplify this page"}
      </button>
      <p role="status" aria-live="polite" data-testid="amplify-status" className={shown ? (shown.ok ? "status ok" : "status error") : "status"}>
        {shown?.message ?? ""}
      </p>
      <AmplifyDialogHost />
    </div>
  )
}

function describe(result: { ok: true; status: string; title: string } | { ok: false; message: string }): { ok: boolean; message: string } {
  if (!result.ok) return { ok: false, message: result.message }
  return { ok: true, message: result.status === "created" ? `Amplified “${result.title}”.` : `You already amplified “${result.title}”.` }
}
