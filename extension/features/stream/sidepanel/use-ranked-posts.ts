import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import type { KernelImpl } from "../../../../shared/engine/kernel/types"
import { engine } from "../../../engine/engine-client"
import { streamDb } from "./stream-db"

/** How many recent cards are offered to the engine for ranking. */
const CANDIDATES = 500

export interface RankedPosts {
  posts: PostRow[] | undefined
  kernel: KernelImpl | undefined
  error: string | undefined
}

/** Live Stream: re-ranks in the engine worker whenever the stored posts change. */
export function useRankedPosts(): RankedPosts {
  const rows = useLiveQuery(() => streamDb().posts.orderBy("updatedAt").reverse().limit(CANDIDATES).toArray(), [])
  const [ranked, setRanked] = useState<RankedPosts>({ posts: undefined, kernel: undefined, error: undefined })

  useEffect(() => {
    if (!rows) return
    let current = true
    const byUrl = new Map(rows.map((r) => [r.url, r]))
    const candidates = rows.map((r) => ({ id: r.url, createdAt: r.createdAt, amps: r.amps }))
    Promise.all([engine().rankLinks(candidates, Date.now() / 1000), engine().kernel()])
      .then(([order, kernel]) => {
        if (current) setRanked({ posts: order.map((o) => byUrl.get(o.id)!).filter(Boolean), kernel, error: undefined })
      })
      .catch((err: unknown) => {
        // Never hide the person's posts because ranking failed: show them newest first.
        if (current) setRanked({ posts: rows, kernel: undefined, error: String((err as Error)?.message ?? err) })
      })
    return () => {
      current = false
    }
  }, [rows])

  return ranked
}
