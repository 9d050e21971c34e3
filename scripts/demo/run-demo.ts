import { createDemoCommunity, createRng, type DemoCommunity, type DemoOptions } from "../../shared/demo"
import { KIND_COMMENT, KIND_CONTACT_LIST, KIND_METADATA, KIND_REACTION, KIND_RELAY_LIST, KIND_WEB_BOOKMARK } from "../../shared/nostr/kinds"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { amplificationStatus, type DemoLedgerSeeder } from "./ledger"
import { nodeDemoCrypto } from "./node-crypto"
import { RelayPublisher } from "./publisher"
import { retireOtherDemoHistories, type DemoRelayStore } from "./relay-generation"
import { HistoryCache, loadState, saveIdentities } from "./state"

export interface DemoRunOptions {
  relayUrl: string
  /** Where the demo keeps its state, keys and signed history (`.data/demo`). */
  dataDir: string
  /** Overrides the saved seed (a different seed is a different community). */
  seed?: number
  /** Keep the community active after seeding (default true). */
  live?: boolean
  /** Pause between live activities, uniformly in [min, max] ms; default 2–6 s. */
  intervalMs?: [number, number]
  /** Progress lines (default console.log). */
  log?: (line: string) => void
  /** How often seeding progress is printed; default every 5 s. */
  progressEveryMs?: number
  /** The ledger's demo seeding, when there is one: the planned amplifications become stakes (ledger.ts). */
  ledger?: DemoLedgerSeeder
  /**
   * The relay's own store, when the demo runs against a relay of this machine (`npm start`): any
   * other demo history on it is deleted before this one is published (relay-generation.ts).
   */
  relayStore?: DemoRelayStore
  /** A smaller community (tests); default the full demo. */
  shape?: Omit<Partial<DemoOptions>, "seed" | "now" | "relayUrl" | "crypto">
  nowSec?: () => number
}

export interface SeedReport {
  events: number
  /** Of which taken from .data/demo (signed on an earlier start). */
  fromCache: number
  accepted: number
  duplicates: number
  refused: number
  seconds: number
}

export interface DemoRun {
  community: DemoCommunity
  /** The Stream's material is on the relay: every bookmark of the history (the rest follows). */
  postsSeeded: Promise<void>
  /** The whole history is on the relay (or the run was stopped: then it rejects). */
  seeded: Promise<SeedReport>
  /** Seeding is over and the amplifications were dealt with (ledger.ts); live activity starts now. */
  settled: Promise<void>
  /** Live events published so far, by kind. */
  liveCounts(): Record<number, number>
  stop(): Promise<void>
}

const NAMES: Record<number, [string, string]> = {
  [KIND_WEB_BOOKMARK]: ["post", "posts"],
  [KIND_REACTION]: ["like", "likes"],
  [KIND_COMMENT]: ["comment", "comments"],
  [KIND_CONTACT_LIST]: ["follow list", "follow lists"],
  [KIND_RELAY_LIST]: ["relay list", "relay lists"],
  [KIND_METADATA]: ["profile", "profiles"]
}

export function describeCounts(counts: Record<number, number>): string {
  return [KIND_WEB_BOOKMARK, KIND_REACTION, KIND_COMMENT, KIND_CONTACT_LIST, KIND_RELAY_LIST, ...Object.keys(counts).map(Number)]
    .filter((k, i, all) => all.indexOf(k) === i && counts[k])
    .map((k) => `${counts[k]!.toLocaleString("en")} ${NAMES[k]?.[counts[k] === 1 ? 0 : 1] ?? `kind ${k}`}`)
    .join(", ")
}

/**
 * Seeds a relay with the demo community and keeps it active. Returns as soon as the community is
 * planned; the history is signed (or read from `.data/demo`) and published in the background, the
 * bookmarks first, then live activity starts: a post, like or comment every few seconds.
 * Idempotent across restarts: the same state gives the same events, which a relay takes as duplicates.
 */
export async function startDemo(opts: DemoRunOptions): Promise<DemoRun> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const nowSec = opts.nowSec ?? (() => Math.floor(Date.now() / 1000))
  const { state, fresh } = loadState(opts.dataDir, nowSec(), opts.seed)
  const crypto = await nodeDemoCrypto()
  const community = createDemoCommunity({ ...opts.shape, seed: state.seed, now: state.anchor, relayUrl: opts.relayUrl, crypto })
  saveIdentities(opts.dataDir, community)
  const cache = new HistoryCache(opts.dataDir, community)
  const counts = community.historyCounts()
  const honest = community.identities.filter((p) => !p.sybil).length
  log(
    `Demo community (seed ${state.seed}): ${honest} people in ${community.communities.length} communities (${community.communities.map((c) => `#${c}`).join(" ")}) ` +
      `and a sybil cluster of ${community.identities.length - honest}; history of ${community.options.days} days up to ${new Date(state.anchor * 1000).toISOString()}` +
      `${fresh ? " (new)" : ""}: ${community.historyLength.toLocaleString("en")} events (${describeCounts(counts)})`
  )
  const publisher = new RelayPublisher(opts.relayUrl, { log })
  let stopped = false
  let liveTimer: ReturnType<typeof setTimeout> | undefined
  const live: Record<number, number> = {}
  const bookmarks = counts[KIND_WEB_BOOKMARK] ?? 0

  let postsDone!: () => void
  const postsSeeded = new Promise<void>((r) => (postsDone = r))
  const started = Date.now()

  const seeded = (async (): Promise<SeedReport> => {
    let index = 0
    let done = 0
    let fromCache = 0
    let postsSent = 0
    let lastProgress = Date.now()
    if (opts.relayStore) {
      const retired = await retireOtherDemoHistories(opts.relayStore, community)
      if (retired) log(`Demo: deleted ${retired.toLocaleString("en")} events of an older demo history from the relay, so the community is not shown twice`)
    }
    const events = (function* () {
      for (const event of community.history({ cached: (i) => cache.get(i) })) {
        if (cache.get(index)?.id === event.id) fromCache++
        else cache.add(index, event)
        index++
        yield event
      }
    })()
    if (cache.size < community.historyLength) log(`Demo: signing ${(community.historyLength - cache.size).toLocaleString("en")} events (comments and likes carry NIP-13 proof of work; kept in ${cache.file} for the next start) and publishing to ${opts.relayUrl} in the background`)
    await publisher.publishAll(events, (event) => {
      done++
      if (event.kind === KIND_WEB_BOOKMARK && ++postsSent === bookmarks) {
        log(`Demo: all ${bookmarks.toLocaleString("en")} posts are on the relay (${((Date.now() - started) / 1000).toFixed(1)} s); likes and comments follow`)
        postsDone()
      }
      if (Date.now() - lastProgress >= (opts.progressEveryMs ?? 5_000)) {
        lastProgress = Date.now()
        log(`Demo: ${done.toLocaleString("en")}/${community.historyLength.toLocaleString("en")} history events on the relay`)
      }
    })
    if (stopped) throw new Error("the demo was stopped before its history was seeded")
    postsDone()
    const t = publisher.tally
    const report: SeedReport = { events: done, fromCache, accepted: t.accepted, duplicates: t.duplicates, refused: t.refused, seconds: (Date.now() - started) / 1000 }
    log(
      `Demo: history seeded in ${report.seconds.toFixed(1)} s: ${report.events.toLocaleString("en")} events (${report.fromCache.toLocaleString("en")} from ${cache.file.replace(/.*\/\.data\//, ".data/")}), ` +
        `${t.accepted.toLocaleString("en")} new on the relay, ${t.duplicates.toLocaleString("en")} already there, ${t.refused} refused${t.reasons.length ? ` (${t.reasons.join("; ")})` : ""}`
    )
    return report
  })()
  seeded.catch(() => postsDone())

  const afterSeed = seeded.then(
    async () => {
      if (stopped) return
      try {
        log(await amplificationStatus(community, publisher, opts.ledger))
      } catch (err) {
        if (!stopped) log(`Demo: the amplifications could not be staked: ${err instanceof Error ? err.message : String(err)}`)
      }
    },
    (err: unknown) => {
      if (!stopped) log(`Demo: seeding failed: ${err instanceof Error ? err.message : String(err)}`)
    }
  )

  if (opts.live !== false) {
    const [min, max] = opts.intervalMs ?? [2_000, 6_000]
    const rng = createRng((state.seed ^ nowSec()) >>> 0)
    let lastReport = Date.now()
    let sinceReport: Record<number, number> = {}
    const tick = async () => {
      liveTimer = undefined
      if (stopped) return
      const events: SignedEvent[] = community.step(rng, nowSec())
      for (const e of events) {
        live[e.kind] = (live[e.kind] ?? 0) + 1
        sinceReport[e.kind] = (sinceReport[e.kind] ?? 0) + 1
        void publisher.publish(e)
      }
      if (Date.now() - lastReport >= 60_000) {
        log(`Demo: live in the last minute: ${describeCounts(sinceReport) || "nothing"}`)
        lastReport = Date.now()
        sinceReport = {}
      }
      if (!stopped) liveTimer = setTimeout(() => void tick(), min + rng.int(Math.max(1, max - min)))
    }
    void afterSeed.then(() => {
      if (stopped) return
      log(`Demo: the community stays active: a new post, like or comment every ${min / 1000}–${max / 1000} s`)
      liveTimer = setTimeout(() => void tick(), min)
    })
  }

  return {
    community,
    postsSeeded,
    seeded,
    settled: afterSeed,
    liveCounts: () => ({ ...live }),
    async stop() {
      if (stopped) return
      stopped = true
      if (liveTimer) clearTimeout(liveTimer)
      await publisher.close()
      await seeded.catch(() => undefined)
    }
  }
}
