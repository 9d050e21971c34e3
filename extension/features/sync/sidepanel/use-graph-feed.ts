import { liveQuery } from "dexie"
import { useEffect, useState, useSyncExternalStore } from "react"

import type { GraphDeltaRow } from "../../../../shared/db/database"
import { getIdentity } from "../../../../shared/messages/catalog"
import { engine } from "../../../engine/engine-client"
import { pageSingleton } from "../../../lib/page-singleton"
import { send } from "../../messaging/send"
import { afterFirstCard } from "../../stream/sidepanel/first-card"
import { streamDb } from "../../stream/sidepanel/stream-db"

/** Deltas handed to the worker per call: keeps it responsive while the history replays. */
const BATCH = 2000

const feedState = pageSingleton("graph-feed", () => ({ caughtUp: false, listeners: new Set<() => void>() }))
/**
 * True once this page's engine has its viewer and the whole stored log (it then follows live).
 * Before that its Reo is partial: a settle weighed by it would underpay (settle-with-engine.ts).
 */
export const graphFeedCaughtUp = (): boolean => feedState.caughtUp

function setCaughtUp(value: boolean): void {
  if (feedState.caughtUp === value) return
  feedState.caughtUp = value
  for (const l of feedState.listeners) l()
}

/** graphFeedCaughtUp for a component: the Stream says "loading" until then, and ranks again after. */
export function useGraphFeedCaughtUp(): boolean {
  return useSyncExternalStore(
    (listener) => {
      feedState.listeners.add(listener)
      return () => feedState.listeners.delete(listener)
    },
    graphFeedCaughtUp
  )
}

/**
 * The side panel's engine worker is the consumer of the sync core's graph deltas. The background
 * logs them in Dexie (`graphDeltas`, in arrival order) as events are stored; on open the panel
 * sets the viewer, replays the whole log into the worker in batches, then follows new rows live.
 * Returns how many deltas the worker has taken (shown as a data attribute for diagnosis).
 */
export function useGraphFeed(): number {
  const [applied, setApplied] = useState(0)
  useEffect(() => {
    let stopped = false
    let last = 0
    let count = 0
    let busy: Promise<void> = Promise.resolve()
    let subscription: { unsubscribe(): void } | undefined
    const now = () => Date.now() / 1000

    const feed = (rows: GraphDeltaRow[]) => {
      busy = busy.then(async () => {
        const fresh = rows.filter((r) => r.seq! > last)
        for (let i = 0; i < fresh.length && !stopped; i += BATCH) {
          const chunk = fresh.slice(i, i + BATCH)
          const deltas = chunk.flatMap((r) => r.deltas)
          await engine().applyDeltas(deltas, now())
          last = chunk[chunk.length - 1]!.seq!
          count += deltas.length
        }
        if (!stopped) {
          setApplied(count)
          setCaughtUp(true)
        }
      })
      return busy
    }

    ;(async () => {
      await afterFirstCard() // starting the worker and replaying the log would delay the first cards
      const { pubkey } = await send(getIdentity, {})
      await engine().setViewer(pubkey, now())
      if (stopped) return
      subscription = liveQuery(() => streamDb().graphDeltas.where("seq").above(last).toArray()).subscribe({
        next: (rows) => void feed(rows).catch((err: unknown) => console.warn("Synereo: the engine refused graph changes", err)),
        error: (err: unknown) => console.warn("Synereo: could not read graph changes", err)
      })
    })().catch((err: unknown) => console.warn("Synereo: the engine feed did not start", err))

    return () => {
      stopped = true
      setCaughtUp(false)
      subscription?.unsubscribe()
    }
  }, [])
  return applied
}
