import { useState } from "react"

import { setRelays, type SyncStatus } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"

/**
 * The person's relays (NIP-65): one URL per line. Saving signs and publishes a relay list, and the
 * background reconnects to it. wss:// anywhere; plain ws:// only for a relay on this computer.
 */
export function RelaySettings({ status, onSaved }: { status: SyncStatus | undefined; onSaved(): void }) {
  const current = status?.relays.map((r) => r.url).join("\n") ?? ""
  const [text, setText] = useState<string>()
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const [busy, setBusy] = useState(false)
  const value = text ?? current

  async function save() {
    setBusy(true)
    setMessage(undefined)
    try {
      const urls = value.split(/[\s,]+/).filter(Boolean)
      if (urls.length === 0) throw new Error("Enter at least one relay.")
      const r = await send(setRelays, { relays: urls.map((url) => ({ url, read: true, write: true })) })
      if (r.ok) {
        setText(undefined)
        setMessage({ ok: true, text: `Saved: ${r.relays.length === 1 ? "1 relay" : `${r.relays.length} relays`}.` })
        onSaved()
      } else setMessage({ ok: false, text: r.message })
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field relay-settings">
      <label htmlFor="relay-list">Your relays, one per line</label>
      <textarea id="relay-list" data-testid="relay-list" rows={3} value={value} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <div className="row">
        <button type="button" className="secondary small" data-testid="relay-save" onClick={save} disabled={busy} aria-busy={busy}>
          {busy ? "Saving…" : "Save relays"}
        </button>
        {status ? <small className="muted">{status.source === "nip65" ? "Your published relay list." : "This build's default relays."}</small> : null}
      </div>
      <p role="status" aria-live="polite" data-testid="relay-save-status" className={message ? (message.ok ? "status ok" : "status error") : "status"}>
        {message?.text ?? ""}
      </p>
    </div>
  )
}
