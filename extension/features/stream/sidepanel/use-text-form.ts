import { useState, type FormEvent } from "react"

type Outcome = { ok: true } | { ok: false; message: string }

/**
 * State and submit handler of a one-field text form that publishes through the background
 * (comments and replies): trims, refuses empty text, shows busy while sending, clears on success
 * and reports a refusal or failure through `onError`.
 */
export function useTextForm(publish: (content: string) => Promise<Outcome>, onError: (message: string) => void, onDone?: () => void) {
  const [text, setText] = useState("")
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const content = text.trim()
    if (!content) return
    setBusy(true)
    try {
      const r = await publish(content)
      if (r.ok) {
        setText("")
        onDone?.()
      } else onError(r.message)
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return { text, setText, busy, submit }
}
