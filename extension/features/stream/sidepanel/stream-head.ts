import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { streamDb } from "./stream-db"

/** Rows read first, before the full list of keys, so the first cards paint at once. */
const HEAD = 12

const readHead = () => streamDb().posts.orderBy("updatedAt").reverse().limit(HEAD).toArray()

let early: Promise<PostRow[]> | undefined

/**
 * Starts reading the newest rows before the panel's tree renders (SidePanelApp calls it first
 * thing): the database opens and the query runs while React renders, instead of after the commit,
 * when the live query subscribes behind every other component's requests.
 */
export function prefetchStreamHead(): void {
  early ??= readHead()
  early.catch(() => undefined) // the live query reports errors; this is only a head start
}

/** The newest rows, live; the prefetched read stands in until the live query's first answer. */
export function useStreamHead(): PostRow[] | undefined {
  const live = useLiveQuery(readHead, [])
  const [first, setFirst] = useState<PostRow[]>()
  useEffect(() => {
    const pending = early
    early = undefined // one panel load: a later mount (back from another tab) reads live only
    if (!pending) return
    let on = true
    pending.then((rows) => on && setFirst(rows), () => undefined)
    return () => {
      on = false
    }
  }, [])
  return live ?? first
}
