import { PostCard } from "./PostCard"
import { useRankedPosts } from "./use-ranked-posts"

export function Stream() {
  const { posts, kernel, error } = useRankedPosts()
  return (
    <section className="stream" aria-label="Stream">
      {posts === undefined ? (
        <p className="muted">Loading your Stream…</p>
      ) : posts.length === 0 ? (
        <p className="empty" data-testid="stream-empty">
          Nothing here yet. Amplify a page with the button above, or right-click any link and choose “Amplify link”.
        </p>
      ) : (
        <ol className="post-list" data-testid="stream">
          {posts.map((p) => (
            <li key={p.url}>
              <PostCard post={p} />
            </li>
          ))}
        </ol>
      )}
      <footer className="engine-status muted" data-testid="engine-status" data-kernel={kernel ?? ""}>
        {error ? `Ranking unavailable (${error}); newest first.` : kernel ? `Ranked on this device (${kernel} kernel)` : ""}
      </footer>
    </section>
  )
}
