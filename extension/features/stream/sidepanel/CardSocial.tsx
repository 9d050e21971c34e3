import "./social.css"

import { useId, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { replyToComment } from "../../../../shared/messages/catalog"
import { COMMENT_LIMITS } from "../../../../shared/nostr/kinds"
import { send } from "../../messaging/send"
import { personAccessibleName, personLabel } from "../../people/sidepanel/person-label"
import { PersonName } from "../../people/sidepanel/PersonName"
import { CommentBox } from "./CommentBox"
import { useTextForm } from "./use-text-form"
import { LikeButton } from "./LikeButton"
import { relativeTime } from "./relative-time"
import { buildThreads, countThread, type ThreadNode } from "./thread"
import type { CardSocial as Social } from "./use-card-social"

/** Threads shown per card before "show all". */
const SHOWN = 2
/** Deeper replies are drawn at this indentation (the thread stays readable in a narrow panel). */
const MAX_INDENT = 3

interface CardSocialProps {
  post: PostRow
  me: string | undefined
  social: Social
  /** The card's names (card-people.ts), comment authors among them. */
  names: Map<string, string>
  actions?: React.ReactNode
}

/** A card's likes, its NIP-22 comment threads (with replies), a like button and a comment box. Peers' text renders as text only. */
export function CardSocial({ post, me, social, names, actions }: CardSocialProps) {
  const [error, setError] = useState<string>()
  const [all, setAll] = useState(false)
  const threads = buildThreads(social.comments)
  const total = countThread(threads)
  const shown = all ? threads : threads.slice(-SHOWN)
  return (
    <div className="card-social" data-testid="card-social" data-likes={social.likes} data-comments={total}>
      <div className="card-actions">
        <LikeButton url={post.url} title={post.title} likes={social.likes} likedByMe={social.likedByMe} onError={setError} />
        <span className="muted" data-testid="comment-count">
          {total === 1 ? "1 comment" : `${total} comments`}
        </span>
        {actions}
      </div>
      {shown.length > 0 ? (
        <ol className="comment-list" aria-label={`Comments on “${post.title}”`}>
          {threads.length > shown.length ? (
            <li>
              <button type="button" className="link-button" data-testid="show-all-comments" onClick={() => setAll(true)}>
                Show {threads.length - shown.length} earlier {threads.length - shown.length === 1 ? "thread" : "threads"}
              </button>
            </li>
          ) : null}
          {shown.map((t) => (
            <CommentNode key={t.comment.id} node={t} me={me} names={names} url={post.url} onError={setError} />
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

function CommentNode({ node, me, names, url, onError }: { node: ThreadNode; me: string | undefined; names: Map<string, string>; url: string; onError(m: string): void }) {
  const [replying, setReplying] = useState(false)
  const c = node.comment
  // A chosen name proves nothing, so controls also carry the npub ("Reply to Alice (npub1…)").
  const who = personAccessibleName(c.author, me, names)
  return (
    <li data-testid="comment" data-comment-id={c.id} data-depth={node.depth} className="comment" style={{ marginLeft: Math.min(node.depth, MAX_INDENT) * 14 }}>
      <div className="comment-line">
        <PersonName className="comment-author" pubkey={c.author} me={me} names={names} />{" "}
        <span className="comment-text">{c.content}</span> <span className="muted">· {relativeTime(c.createdAt)}</span>{" "}
        <button type="button" className="link-button" data-testid="reply-button" aria-expanded={replying} aria-label={`Reply to ${who}`} onClick={() => setReplying((r) => !r)}>
          Reply
        </button>
      </div>
      {replying ? <ReplyBox url={url} parentId={c.id} to={who} shortTo={personLabel(c.author, me, names)} onDone={() => setReplying(false)} onError={onError} /> : null}
      {node.replies.length > 0 ? (
        <ol className="comment-list replies" aria-label={`Replies to ${who}`}>
          {node.replies.map((r) => (
            <CommentNode key={r.comment.id} node={r} me={me} names={names} url={url} onError={onError} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

function ReplyBox({ url, parentId, to, shortTo, onDone, onError }: { url: string; parentId: string; to: string; shortTo: string; onDone(): void; onError(m: string): void }) {
  const id = useId()
  const { text, setText, busy, submit } = useTextForm((content) => send(replyToComment, { url, parentId, content }), onError, onDone)
  return (
    <form className="comment-box reply-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Reply to {to}
      </label>
      <input
        id={id}
        data-testid="reply-input"
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onDone()}
        maxLength={COMMENT_LIMITS.contentChars}
        placeholder={`Reply to ${shortTo}`}
        disabled={busy}
      />
      <button type="submit" className="secondary small" data-testid="reply-submit" disabled={busy || !text.trim()} aria-busy={busy}>
        {busy ? "Posting…" : "Reply"}
      </button>
    </form>
  )
}
