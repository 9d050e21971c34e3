import type { PostRow } from "../../../../shared/db/database"
import { CardSocial } from "./CardSocial"
import { relativeTime } from "./relative-time"

/**
 * One link card. Every string from a page or a peer is rendered as a React text node, so markup
 * in a title shows as text; the link target is the canonical http(s) URL checked on the way in.
 */
export function PostCard({ post }: { post: PostRow }) {
  const amplifiers = post.amplifiers.length
  return (
    <article className="card" data-testid="post-card" data-url={post.url} aria-label={post.title}>
      {post.image ? <img className="card-image" src={post.image} alt="" loading="lazy" referrerPolicy="no-referrer" /> : null}
      <div className="card-body">
        <div className="card-site">{post.siteName}</div>
        <a className="card-title" data-testid="post-title" href={post.url} target="_blank" rel="noopener noreferrer">
          {post.title}
        </a>
        {post.description ? <p className="card-description">{post.description}</p> : null}
        <div className="card-meta">
          <span data-testid="post-url" className="card-url" title={post.url}>
            {post.url}
          </span>
          <span>
            {amplifiers === 1 ? "1 amplifier" : `${amplifiers} amplifiers`} · {relativeTime(post.updatedAt)}
          </span>
        </div>
        <CardSocial post={post} />
      </div>
    </article>
  )
}
