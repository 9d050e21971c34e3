import { liveQuery } from "dexie"
import { useEffect, useRef, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { streamDb } from "./stream-db"

/**
 * The rows of the cards on screen (a bounded window), live: one `bulkGet` of those URLs, re-run
 * by Dexie when one of them changes. Rows already read stay cached, so scrolling back paints at once.
 */
export function usePostRows(urls: string[], known: PostRow[] = []): Map<string, PostRow> {
  const cache = useRef(new Map<string, PostRow>())
  for (const r of known) if (!cache.current.has(r.url)) cache.current.set(r.url, r)
  const [, bump] = useState(0)
  const key = urls.join("\n")
  useEffect(() => {
    if (urls.length === 0) return
    const sub = liveQuery(() => streamDb().posts.bulkGet(urls)).subscribe({
      next: (rows) => {
        if (performance.getEntriesByName("stream-rows").length === 0) performance.mark("stream-rows")
        let changed = false
        rows.forEach((r, i) => {
          if (r && cache.current.get(urls[i]!) !== r) {
            cache.current.set(urls[i]!, r)
            changed = true
          }
        })
        if (changed) bump((n) => n + 1)
      },
      error: (err: unknown) => console.warn("Synereo: could not read Stream cards", err)
    })
    return () => sub.unsubscribe()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return cache.current
}
