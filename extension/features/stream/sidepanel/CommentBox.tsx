import { useId } from "react"

import { commentOnPost } from "../../../../shared/messages/catalog"
import { COMMENT_LIMITS } from "../../../../shared/nostr/kinds"
import { send } from "../../messaging/send"
import { useTextForm } from "./use-text-form"

/** A one-line comment form (NIP-22) on a post; replies to comments use ReplyBox in CardSocial. */
export function CommentBox({ url, title, onError }: { url: string; title: string; onError(message: string): void }) {
  const id = useId()
  const { text, setText, busy, submit } = useTextForm((content) => send(commentOnPost, { url, content }), onError)
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
