import { useState } from "react"

import { reactToPost } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"

/** Like (NIP-25) with its count; a pressed toggle for screen readers. Liking is signed with a little proof of work. */
export function LikeButton({ url, title, likes, likedByMe, onError }: { url: string; title: string; likes: number; likedByMe: boolean; onError(message: string): void }) {
  const [busy, setBusy] = useState(false)
  async function like() {
    if (likedByMe) return
    setBusy(true)
    try {
      const r = await send(reactToPost, { url })
      if (!r.ok) onError(r.message)
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  const label = likedByMe ? `You like “${title}”` : `Like “${title}”`
  return (
    <button
      type="button"
      className={likedByMe ? "like-button liked" : "like-button"}
      data-testid="like-button"
      aria-pressed={likedByMe}
      aria-busy={busy}
      aria-label={`${label}, ${likes === 1 ? "1 like" : `${likes} likes`}`}
      onClick={like}
      disabled={busy}
    >
      <span aria-hidden="true">{likedByMe ? "♥" : "♡"}</span> <span data-testid="like-count">{likes}</span>
    </button>
  )
}
