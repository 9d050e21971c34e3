import { useLiveQuery } from "dexie-react-hooks"
import { useCallback, useEffect, useMemo, useRef, useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import type { CommunityInfo, RankedPost } from "../../../../shared/engine/engine-api"
import type { KernelImpl } from "../../../../shared/engine/kernel/types"
import { muteAuthor, saveStreamSettings } from "../../../../shared/messages/catalog"
import { KIND_MUTE_LIST, muteListFromEvent } from "../../../../shared/nostr/kinds/mute-list"
import { KIND_APP_DATA, STREAM_SETTINGS_D, streamSettingsFromEvent, type StreamSettingsContent } from "../../../../shared/nostr/kinds/stream-settings"
import { engine } from "../../../engine/engine-client"
import { send } from "../../messaging/send"
import { useGraphFeedCaughtUp } from "../../sync/sidepanel/use-graph-feed"
import { afterFirstCard } from "./first-card"
import { readLastRankedTop, writeLastRankedTop } from "./last-ranked-top"
import { graphState, type GraphState } from "./ranking-state"
import { DEFAULT_STREAM_SETTINGS, engineSettings, joinStreamOrder, type StreamFilter } from "./stream-order"
import { streamDb } from "./stream-db"
import { useStreamHead } from "./stream-head"
import { useMyPubkey } from "./use-my-pubkey"

/** How many posts the engine ranks for the Stream (the rest follow newest first). */
export const RANK_LIMIT = 1000
/** Carriers checked for membership when an emergent-community chip is on. */
const MEMBER_CHECKS = 400

export interface StreamModel {
  me: string | undefined
  /** The full order (URLs), or undefined while the first query runs. */
  order: string[] | undefined
  /** The newest rows, read first (seed the card cache). */
  head: PostRow[]
  /** Engine explanation per URL (ranked posts only). */
  ranked: Map<string, RankedPost>
  /** Whether the viewer's graph is still loading, empty (a new person) or there: why posts are unranked. */
  graph: GraphState
  kernel: KernelImpl | undefined
  error: string | undefined
  communities: CommunityInfo[]
  filter: StreamFilter | undefined
  setFilter(f: StreamFilter | undefined): void
  settings: StreamSettingsContent
  saveSettings(s: StreamSettingsContent): Promise<void>
  muted: string[]
  mute(pubkey: string, on: boolean): Promise<void>
  hidden: string[]
  hide(url: string): Promise<void>
  unhide(url: string): Promise<void>
}

const newestOf = <T extends { created_at: number }>(rows: T[]) => rows.reduce<T | undefined>((a, b) => (!a || b.created_at > a.created_at ? b : a), undefined)

/**
 * The Stream's data: stored post URLs (keys only: cheap at 10k), the engine's ranking by current,
 * the person's hidden posts, mute list and kind-30078 settings, live from Dexie. Settings and mutes
 * are applied to the engine before each ranking; the order is joined by URL (stream-order.ts).
 */
export function useStreamModel(): StreamModel {
  const me = useMyPubkey()
  const db = streamDb()
  // First paint: a bounded window of the newest rows (one small query), while every key loads.
  const head = useStreamHead()
  const headLoaded = head !== undefined
  const newestFirst = useLiveQuery(async () => {
    if (!headLoaded) return undefined // after the first cards: 10k keys cost the main thread ~100 ms
    // Forward over the index (getAllKeys), reversed here: much cheaper than a reverse cursor at 10k.
    const keys = (await db.posts.orderBy("updatedAt").primaryKeys()).reverse()
    if (performance.getEntriesByName("stream-keys").length === 0) performance.mark("stream-keys")
    return keys
  }, [headLoaded])
  const hidden = useLiveQuery(() => db.hiddenPosts.toCollection().primaryKeys(), []) ?? []
  const graphSeq = useLiveQuery(async () => (await db.graphDeltas.orderBy("seq").lastKey()) ?? 0, []) ?? 0

  const storedMutes = useLiveQuery(async () => {
    if (!me) return []
    const list = newestOf(await db.events.where("[kind+pubkey]").equals([KIND_MUTE_LIST, me]).toArray())
    const parsed = list ? muteListFromEvent(list.event) : undefined
    return parsed?.ok ? parsed.value.pubkeys : []
  }, [me])
  const storedSettings = useLiveQuery(async () => {
    if (!me) return undefined
    const rows = (await db.events.where("[kind+pubkey]").equals([KIND_APP_DATA, me]).toArray()).filter((r) => r.event.tags.some((t) => t[0] === "d" && t[1] === STREAM_SETTINGS_D))
    const row = newestOf(rows)
    const parsed = row ? streamSettingsFromEvent(row.event) : undefined
    return parsed?.ok ? parsed.value.settings : undefined
  }, [me])

  // Optimistic copies, so a change applies at once (the stored event follows within milliseconds).
  const [localSettings, setLocalSettings] = useState<StreamSettingsContent>()
  const [localMutes, setLocalMutes] = useState<Map<string, boolean>>(new Map())
  useEffect(() => setLocalSettings(undefined), [storedSettings])
  useEffect(() => setLocalMutes(new Map()), [storedMutes])
  const settings = localSettings ?? storedSettings ?? DEFAULT_STREAM_SETTINGS
  const muted = useMemo(() => {
    const set = new Set(storedMutes ?? [])
    for (const [p, on] of localMutes) on ? set.add(p) : set.delete(p)
    return [...set].sort()
  }, [storedMutes, localMutes])

  const mutedPosts = useLiveQuery(async () => {
    if (muted.length === 0) return new Set<string>()
    const rows = await db.posts.where("amplifiers").anyOf(muted).toArray()
    const m = new Set(muted)
    return new Set(rows.filter((r) => m.has(r.amplifiers[0]!)).map((r) => r.url))
  }, [muted.join(",")]) ?? new Set<string>()

  // ---- ranking in the engine worker ----
  const [ranked, setRanked] = useState<RankedPost[]>([])
  /** This panel's engine has ranked its whole graph once: from then on its order, not the last session's, leads. */
  const [rankedOnce, setRankedOnce] = useState(false)
  const [outDegree, setOutDegree] = useState<number>()
  const caughtUp = useGraphFeedCaughtUp()
  const [kernel, setKernel] = useState<KernelImpl>()
  const [error, setError] = useState<string>()
  const [communities, setCommunities] = useState<CommunityInfo[]>([])
  const settingsKey = JSON.stringify([settings, muted])
  const postCount = newestFirst?.length ?? 0
  const rankSeq = useRef(0)

  useEffect(() => {
    const mySeq = ++rankSeq.current
    const run = async () => {
      await afterFirstCard() // the worker's start (WASM compile, graph replay) must not delay the first cards
      const api = engine()
      await api.setStreamSettings(engineSettings(settings, muted))
      const [list, k, comms, degree] = await Promise.all([api.rankStream({ nowSec: Date.now() / 1000, limit: RANK_LIMIT }), api.kernel(), api.communities(), api.viewerOutDegree()])
      if (mySeq !== rankSeq.current) return
      setRanked(list)
      // A ranking over a graph still being replayed is partial: the last session's top leads until a full one.
      if (caughtUp) setRankedOnce(true)
      setOutDegree(degree)
      setKernel(k)
      setCommunities(comms)
      setError(undefined)
    }
    const fail = (err: unknown) => {
      if (mySeq === rankSeq.current) setError(String((err as Error)?.message ?? err))
    }
    // The graph feed applies deltas a moment after they are logged: rank now, and once more after.
    const t1 = setTimeout(() => void run().catch(fail), 30)
    const t2 = setTimeout(() => void run().catch(fail), 1200)
    return () => {
      clearTimeout(t1)
      clearTimeout(t2)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settingsKey, graphSeq, postCount, caughtUp]) // caught up: the replay's last batch may land after both runs

  // ---- filter chips ----
  const [filter, setFilter] = useState<StreamFilter>()
  const [members, setMembers] = useState<Set<string>>()
  useEffect(() => {
    setMembers(undefined)
    if (!filter || filter.kind !== "emergent") return
    let live = true
    const carriers = [...new Set(ranked.flatMap((r) => r.why.carriers.map((c) => c.pubkey)))].slice(0, MEMBER_CHECKS)
    Promise.all(carriers.map((pk) => engine().communityReo(filter.community, pk)))
      .then((readings) => {
        if (live) setMembers(new Set(readings.filter((r) => r.reo > 0).map((r) => r.pubkey)))
      })
      .catch(() => live && setMembers(new Set()))
    return () => {
      live = false
    }
  }, [filter, ranked])

  const byUrl = useMemo(() => new Map(ranked.map((r) => [r.id, r])), [ranked])
  const hiddenSet = useMemo(() => new Set(hidden), [hidden.join("\n")])
  const keys = useMemo(() => newestFirst ?? head?.map((r) => r.url), [newestFirst, head])
  const lastTop = useMemo(readLastRankedTop, [])
  const lastRankedTop = !rankedOnce && lastTop && (!me || lastTop.me === me) ? lastTop.urls : undefined
  const order = useMemo(
    () => (keys ? joinStreamOrder({ ranked, newestFirst: keys, hidden: hiddenSet, mutedPosts, filter, members, lastRankedTop }) : undefined),
    [ranked, keys, hiddenSet, mutedPosts, filter, members, lastRankedTop]
  )
  // What the next panel paints first. Nothing ranked (no graph yet): nothing to keep.
  useEffect(() => {
    if (rankedOnce && me && !filter && order && newestFirst) writeLastRankedTop(me, ranked.length > 0 ? order : [])
  }, [rankedOnce, me, filter, order, newestFirst, ranked.length])

  const saveSettings = useCallback(async (s: StreamSettingsContent) => {
    setLocalSettings(s)
    const r = await send(saveStreamSettings, { settings: s })
    if (!r.ok) {
      setLocalSettings(undefined)
      throw new Error(r.message)
    }
  }, [])
  const mute = useCallback(async (pubkey: string, on: boolean) => {
    setLocalMutes((m) => new Map(m).set(pubkey, on))
    const r = await send(muteAuthor, { pubkey, on })
    if (!r.ok) {
      setLocalMutes((m) => {
        const n = new Map(m)
        n.delete(pubkey)
        return n
      })
      throw new Error(r.message)
    }
  }, [])
  const hide = useCallback(async (url: string) => {
    await db.hiddenPosts.put({ url, at: Date.now() })
  }, [db])
  const unhide = useCallback(async (url: string) => {
    await db.hiddenPosts.delete(url)
  }, [db])

  return { me, order, head: head ?? [], ranked: byUrl, graph: graphState(caughtUp, outDegree), kernel, error, communities, filter, setFilter, settings, saveSettings, muted, mute, hidden, hide, unhide }
}
