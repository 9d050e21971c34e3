import { useId, useState } from "react"

import { commentOnPost } from "../../../../shared/messages/catalog"
import { COMMENT_LIMITS } from "../../../../shared/nostr/kinds"
import { send } from "../../messaging/send"

/** A one-line comment form (NIP-22). The full threaded view comes later. */
export function CommentBox({ url, title, onError }: { url: string; title: string; onError(message: string): void }) {
  const id = useId()
  const [text, setText] = useState("")
  const [busy, setBusy] = useState(false)
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    const content = text.trim()
    if (!content) return
    setBusy(true)
    try {
      const r = await send(commentOnPost, { url, content })
      if (r.ok) setText("")
      else onError(r.message)
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="comment-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Comment on “{title}”
      </label>
      <input id={id} data-testid="comment-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={COMMENT_LIMITS.contentChars} placeholder="Add a comment" disabled={busy} />
      <button type="submit" className="secondary small" data-testid="comment-submit" disabled={busy || !text.trim()} aria-busy={busy}>
        {busy ? "Posting…" : "Post"}
      </button>
    </form>
  )
}
