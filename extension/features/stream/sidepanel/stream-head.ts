import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { readLastRankedTop } from "./last-ranked-top"
import { streamDb } from "./stream-db"
import { seedCardSocial } from "./use-card-social"

/** Rows read first, before the full list of keys, so the first cards paint at once. */
const HEAD = 12

/** The rows of the last ranked top (last-ranked-top.ts) that are still stored, then the newest. */
async function readHead(): Promise<PostRow[]> {
  const posts = streamDb().posts
  const top = readLastRankedTop()?.urls ?? []
  const [kept, newest] = await Promise.all([top.length ? posts.bulkGet(top) : Promise.resolve([] as (PostRow | undefined)[]), posts.orderBy("updatedAt").reverse().limit(HEAD).toArray()])
  const rows = kept.filter((r): r is PostRow => r !== undefined)
  const seen = new Set(rows.map((r) => r.url))
  for (const r of newest) if (!seen.has(r.url)) rows.push(r)
  await seedCardSocial(rows) // the first cards paint with their likes and comments
  return rows
}

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
