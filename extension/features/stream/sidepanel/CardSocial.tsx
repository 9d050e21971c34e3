import "./social.css"

import { useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { CommentBox } from "./CommentBox"
import { LikeButton } from "./LikeButton"
import { relativeTime } from "./relative-time"
import { useCardSocial } from "./use-card-social"
import { useMyPubkey } from "./use-my-pubkey"

/** Shown comments per card; the rest are counted. */
const SHOWN = 3

/** A card's likes and latest comments, a like button and a comment box. Peers' text renders as text only. */
export function CardSocial({ post }: { post: PostRow }) {
  const me = useMyPubkey()
  const social = useCardSocial(post, me)
  const [error, setError] = useState<string>()
  const comments = social.comments
  const shown = comments.slice(-SHOWN)
  return (
    <div className="card-social" data-testid="card-social" data-likes={social.likes} data-comments={comments.length}>
      <div className="card-actions">
        <LikeButton url={post.url} title={post.title} likes={social.likes} likedByMe={social.likedByMe} onError={setError} />
        <span className="muted" data-testid="comment-count">
          {comments.length === 1 ? "1 comment" : `${comments.length} comments`}
        </span>
      </div>
      {shown.length > 0 ? (
        <ol className="comment-list" aria-label={`Comments on “${post.title}”`}>
          {comments.length > SHOWN ? <li className="muted">{comments.length - SHOWN} earlier comments</li> : null}
          {shown.map((c) => (
            <li key={c.id} data-testid="comment">
              <span className="comment-author" title={c.author}>
                {c.author === me ? "You" : `${c.author.slice(0, 8)}…`}
              </span>{" "}
              <span className="comment-text">{c.content}</span> <span className="muted">· {relativeTime(c.createdAt)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <CommentBox url={post.url} title={post.title} onError={setError} />
      {error ? (
        <p role="alert" className="status error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
