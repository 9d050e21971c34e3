import { liveQuery } from "dexie"
import { useSyncExternalStore } from "react"

import { newestHeld } from "../../../../shared/db/newest-held"
import { contactListFromEvent, KIND_CONTACT_LIST } from "../../../../shared/nostr/kinds/contact-list"
import { streamDb } from "../../stream/sidepanel/stream-db"

/** Who the person follows (their newest kind 3), or undefined while it is read. */
type Follows = ReadonlySet<string> | undefined

let owner: string | undefined
let snapshot: Follows
let subscription: { unsubscribe(): void } | undefined
const listeners = new Set<() => void>()

/** One live query for every card's Follow button, instead of one per card. */
function watch(me: string): void {
  if (owner === me && subscription) return
  subscription?.unsubscribe()
  owner = me
  snapshot = undefined
  subscription = liveQuery(async () => {
    const newest = await newestHeld(streamDb(), KIND_CONTACT_LIST, me)
    const parsed = newest ? contactListFromEvent(newest.event) : undefined
    return new Set(parsed?.ok ? parsed.value.follows : [])
  }).subscribe({
    next: (set) => {
      snapshot = set
      for (const l of listeners) l()
    },
    error: (err: unknown) => console.warn("Synereo: could not read your follows", err)
  })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      subscription?.unsubscribe()
      subscription = undefined
    }
  }
}

export function useMyFollows(me: string | undefined): Follows {
  if (me) watch(me)
  return useSyncExternalStore(subscribe, () => (me && owner === me ? snapshot : undefined))
}
