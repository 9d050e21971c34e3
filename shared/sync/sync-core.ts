import { AbstractRelay, type Subscription } from "nostr-tools/abstract-relay"
import type { Filter } from "nostr-tools/filter"

import type { RelayRejection, RelayStatsRow, StreamDb } from "../db/database"
import type { GraphDelta } from "../engine/engine-api"
import type { SignedEvent } from "../nostr/event-schema"
import { KIND_WEB_BOOKMARK, SYNCED_KINDS, type KnownEvent, type ParseOptions, type RelayEntry } from "../nostr/kinds"
import { checkIncoming, reasonKey } from "./gate"
import { dueEntries, enqueue, notifyOutbox, onOutboxChange, recordAttempt, requeueRejected, type AttemptOutcome } from "./outbox"
import { loadRelayPlan, syncFilters, type RelayPlan } from "./relay-plan"
import { appendDeltaLog, purgeExpired, storeKnownEvents, syncTables } from "./store"
import { consoleLogger, systemClock, type GraphDeltaSink, type LedgerSink, type SyncClock, type SyncLogger, type VerifyFn, type WebSocketImpl } from "./types"
import { isLedgerKind, ledgerFilter, ledgerNetOf } from "./ledger-feed"
import { authorsHeld, authorsWithoutProfile, bookmarkAuthors, ProfileFeed } from "./profile-feed"

export interface SyncTuning {
  /** Keepalive ping per relay; an MV3 service worker dies after 30 s without traffic (TOOLCHAIN.md). */
  pingMs: number
  pingTimeoutMs: number
  connectTimeoutMs: number
  publishTimeoutMs: number
  /** Longest wait for a subscription's EOSE before treating it as done. */
  eoseTimeoutMs: number
  /** A resumed subscription asks for `since = cursor - overlapSec`, for late and back-dated events. */
  overlapSec: number
  /** The first subscription to a relay (no cursor yet) looks back this far. */
  initialLookbackSec: number
  /** `limit` per filter; a full page is followed by older pages (`until`). */
  pageLimit: number
  maxPages: number
  reconnectBaseMs: number
  reconnectMaxMs: number
  /** Events stored per Dexie transaction. */
  batchSize: number
  /** A live relay's cursor moves forward at most this often. */
  checkpointEveryMs: number
}

export const DEFAULT_TUNING: SyncTuning = {
  pingMs: 20_000,
  pingTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  publishTimeoutMs: 10_000,
  eoseTimeoutMs: 60_000,
  overlapSec: 3_600,
  initialLookbackSec: 30 * 86_400,
  pageLimit: 500,
  maxPages: 20,
  reconnectBaseMs: 1_000,
  reconnectMaxMs: 60_000,
  batchSize: 500,
  checkpointEveryMs: 10_000
}

export interface SyncCoreOptions {
  db: StreamDb
  WebSocket: WebSocketImpl
  /** Id and signature check (verifier.ts: WASM, or the JS fallback). */
  verify: VerifyFn
  /** Used until the person publishes a NIP-65 relay list. */
  defaultRelays: string[]
  /** The person's pubkey: their own lists are fetched, their unqueued events swept into the outbox. */
  me?: () => Promise<string | undefined>
  sink?: GraphDeltaSink
  /** AMP ledger events of the pinned network go here (the wallet), not into the events table. */
  ledger?: LedgerSink
  clock?: SyncClock
  random?: () => number
  log?: SyncLogger
  minPow?: ParseOptions["minPow"]
  tuning?: Partial<SyncTuning>
}

export type LinkState = "idle" | "connecting" | "open" | "closed"

export interface RelayStatus {
  url: string
  read: boolean
  write: boolean
  state: LinkState
  /** Subscribed and past EOSE: new events arrive as they are published. */
  live: boolean
  lastError?: string
  /** Unix ms of the next reconnect attempt, when waiting. */
  retryAt?: number
  stats?: RelayStatsRow
}

export interface SyncStatusReport {
  source: RelayPlan["source"]
  relays: RelayStatus[]
  outbox: { pending: number; rejected: number; sent: number }
  /** The latest refusals of our events, newest first. */
  rejections: RelayRejection[]
}

interface Link {
  url: string
  read: boolean
  write: boolean
  relay?: AbstractRelay
  state: LinkState
  live: boolean
  failures: number
  retryTimer?: ReturnType<typeof setTimeout>
  retryAt?: number
  lastError?: string
  subs: Subscription[]
  subStartedAt: number
  lastCheckpointMs: number
  /** Bumped on every connect and close, so callbacks of an old connection are ignored. */
  generation: number
  removed: boolean
  /** The network whose ledger this connection is subscribed to. */
  ledgerNet?: string
}

interface Page {
  count: number
  oldest: number
}

type Item = { type: "event"; url: string; known: KnownEvent } | { type: "checkpoint"; url: string; since: number }
type LedgerItem = { url: string; event: SignedEvent }

type StatsDelta = Omit<RelayStatsRow, "url">

const LOCAL_FAILURES = ["publish timed out", "relay connection closed", "relay connection closed by us", "relay connection failed", "relay connection timed out", "websocket closed"]
const KNOWN_IDS_MAX = 200_000

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function emptyStats(): StatsDelta {
  return { received: 0, stored: 0, duplicates: 0, invalid: 0, invalidByReason: {}, published: 0, rejected: 0 }
}

/**
 * The network side of Synereo Stream, with no browser API in it: a pool of relays (the person's
 * NIP-65 list, or the build's defaults), subscriptions resumed from per-relay cursors, every
 * incoming event checked before storage, and the outbox of our own events. The extension's
 * service worker, Node tests and a CLI run the same object with their own WebSocket and clock.
 */
export class SyncCore {
  private readonly db: StreamDb
  private readonly WS: WebSocketImpl
  private readonly verify: VerifyFn
  private readonly clock: SyncClock
  private readonly random: () => number
  private readonly log: SyncLogger
  private readonly t: SyncTuning
  private readonly links = new Map<string, Link>()
  private readonly knownIds = new Map<string, number>()
  private readonly countedInvalid = new Set<string>()
  private readonly pendingStats = new Map<string, StatsDelta>()
  private queue: Item[] = []
  private draining: Promise<void> | undefined
  private flushing: Promise<void> | undefined
  private flushAgain = false
  private flushForce = false
  private plan: RelayPlan = { relays: [], source: "defaults" }
  private started = false
  private stopped = false
  private lastGated: { raw: unknown; known: KnownEvent } | undefined
  private lastInvalid: unknown
  private unsubscribeOutbox: (() => void) | undefined
  private ledgerQueue: LedgerItem[] = []
  private ledgerDraining: Promise<void> | undefined
  private lastLedger: { raw: unknown; event: SignedEvent } | undefined
  private readonly profileFeed = new ProfileFeed<AbstractRelay>(
    (relay, filter) => {
      const link = [...this.links.values()].find((l) => l.relay === relay)
      return link ? this.fetchOnce(link, relay, filter, { count: 0, oldest: Infinity }) : Promise.resolve()
    },
    () => this.nowMs()
  )

  constructor(private readonly opts: SyncCoreOptions) {
    this.db = opts.db
    this.WS = opts.WebSocket
    this.verify = opts.verify
    this.clock = opts.clock ?? systemClock
    this.random = opts.random ?? Math.random
    this.log = opts.log ?? consoleLogger
    this.t = { ...DEFAULT_TUNING, ...opts.tuning }
  }

  private nowMs(): number {
    return this.clock.nowMs()
  }

  private nowSec(): number {
    return Math.floor(this.clock.nowMs() / 1000)
  }

  /** Asked each time (not cached): the person may switch identities while the worker runs. */
  private async me(): Promise<string | undefined> {
    return this.opts.me?.().catch(() => undefined)
  }

  /** Connects to the planned relays, queues our own events that never were, and flushes the outbox. */
  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    this.stopped = false
    this.unsubscribeOutbox = onOutboxChange(this.db, () => void this.flushOutbox())
    await this.sweepUnqueued().catch((err) => this.log.warn("could not queue earlier events", err))
    await this.reconfigure()
  }

  /** Closes every connection and waits for events in hand to be stored. */
  async stop(): Promise<void> {
    this.stopped = true
    this.started = false
    this.unsubscribeOutbox?.()
    for (const link of this.links.values()) this.closeLink(link)
    this.links.clear()
    await this.idle()
    await this.flushStats()
  }

  /** The periodic wake-up (chrome.alarms in the extension): reconnect, move cursors, retry, purge. */
  async tick(): Promise<void> {
    if (!this.started) return
    for (const link of this.links.values()) {
      if (link.state === "closed" || link.state === "idle") {
        if (link.retryTimer) clearTimeout(link.retryTimer)
        link.retryTimer = undefined
        void this.connect(link)
      } else if (link.live) this.checkpoint(link, this.nowSec())
    }
    await this.drain()
    await this.flushOutbox()
    await authorsWithoutProfile(this.db).then((authors) => this.askProfiles(authors), (err) => this.log.warn("reading authors failed", err))
    await purgeExpired(this.db, this.nowSec()).catch((err) => this.log.warn("purging expired events failed", err))
    await this.flushStats()
  }

  /**
   * Reconnects now to relays whose next attempt is more than `withinMs` away: someone is looking
   * at the status (the side panel), so a relay that came back should not wait out a long backoff.
   */
  nudge(withinMs = 3_000): void {
    if (!this.started) return
    for (const link of this.links.values()) {
      if (link.state !== "closed" || (link.retryAt !== undefined && link.retryAt - this.nowMs() <= withinMs)) continue
      if (link.retryTimer) clearTimeout(link.retryTimer)
      link.retryTimer = undefined
      void this.connect(link)
    }
  }

  /** Re-reads the relay plan (after the person's NIP-65 list changed) and adjusts the pool. */
  async reconfigure(): Promise<void> {
    if (this.stopped) return
    const plan = await loadRelayPlan(this.db, await this.me(), this.opts.defaultRelays)
    const before = new Set(this.links.keys())
    this.plan = plan
    const want = new Map(plan.relays.map((r) => [r.url, r]))
    for (const [url, link] of this.links) {
      if (want.has(url)) continue
      this.closeLink(link)
      this.links.delete(url)
    }
    for (const entry of plan.relays) this.upsertLink(entry)
    const after = new Set(this.links.keys())
    const changed = before.size !== after.size || [...after].some((u) => !before.has(u))
    if (changed && before.size > 0) await requeueRejected(this.db, this.nowMs())
    void this.flushOutbox()
  }

  private upsertLink(entry: RelayEntry): void {
    const existing = this.links.get(entry.url)
    if (!existing) {
      const link: Link = { url: entry.url, read: entry.read, write: entry.write, state: "idle", live: false, failures: 0, subs: [], subStartedAt: 0, lastCheckpointMs: 0, generation: 0, removed: false }
      this.links.set(entry.url, link)
      void this.connect(link)
      return
    }
    const readChanged = existing.read !== entry.read
    existing.read = entry.read
    existing.write = entry.write
    if (readChanged && existing.state === "open" && existing.relay) {
      for (const s of existing.subs) s.close("relay list changed")
      existing.subs = []
      existing.live = false
      existing.ledgerNet = undefined
      if (existing.read) void this.subscribe(existing, existing.relay)
    }
  }

  private closeLink(link: Link): void {
    link.removed = true
    link.generation++
    if (link.retryTimer) clearTimeout(link.retryTimer)
    link.retryTimer = undefined
    link.relay?.close()
    link.relay = undefined
    link.state = "closed"
    link.live = false
  }

  private async connect(link: Link): Promise<void> {
    if (this.stopped || link.removed || link.state === "connecting" || link.state === "open") return
    link.state = "connecting"
    const gen = ++link.generation
    const relay = new AbstractRelay(link.url, {
      verifyEvent: (event) => this.gate(link, event),
      websocketImplementation: this.WS,
      enablePing: true
    })
    relay.pingFrequency = this.t.pingMs
    relay.pingTimeout = this.t.pingTimeoutMs
    relay.publishTimeout = this.t.publishTimeoutMs
    relay.baseEoseTimeout = this.t.eoseTimeoutMs
    relay.onnotice = (msg) => this.log.info(`NOTICE from ${link.url}: ${msg}`)
    relay.onclose = () => {
      if (gen === link.generation) this.onLinkClosed(link, "connection closed")
    }
    try {
      await relay.connect({ timeout: this.t.connectTimeoutMs })
    } catch (err) {
      if (gen === link.generation) this.onLinkClosed(link, message(err) || "connection failed")
      return
    }
    if (gen !== link.generation || link.removed || this.stopped) {
      relay.close()
      return
    }
    link.relay = relay
    link.state = "open"
    link.failures = 0
    link.lastError = undefined
    link.retryAt = undefined
    const s = this.bump(link.url)
    s.lastConnectedAt = this.nowMs()
    s.lastError = undefined
    this.log.info(`connected to ${link.url}`)
    if (link.read) await this.subscribe(link, relay)
    void this.flushOutbox({ ignoreBackoff: true })
  }

  private onLinkClosed(link: Link, reason: string): void {
    link.generation++
    link.state = "closed"
    link.live = false
    link.relay = undefined
    link.subs = []
    link.ledgerNet = undefined
    link.lastError = reason
    this.bump(link.url).lastError = reason
    this.scheduleReconnect(link)
  }

  private scheduleReconnect(link: Link): void {
    if (this.stopped || link.removed || link.retryTimer) return
    const exp = Math.min(this.t.reconnectMaxMs, this.t.reconnectBaseMs * 2 ** link.failures)
    const delay = Math.round(exp * (0.5 + 0.5 * this.random()))
    link.failures++
    link.retryAt = this.nowMs() + delay
    link.retryTimer = setTimeout(() => {
      link.retryTimer = undefined
      void this.connect(link)
    }, delay)
  }

  private async subscribe(link: Link, relay: AbstractRelay): Promise<void> {
    const gen = link.generation
    const me = await this.me()
    const cursor = await this.db.relayCursors.get(link.url)
    if (gen !== link.generation) return
    const nowSec = this.nowSec()
    const since = cursor ? Math.max(0, cursor.since - this.t.overlapSec) : Math.max(0, nowSec - this.t.initialLookbackSec)
    // After a restart the relay re-sends the overlap: ids already held are skipped unverified.
    if (cursor) await this.rememberHeldSince(since)
    if (gen !== link.generation) return
    const filters = syncFilters(since, this.t.pageLimit, me)
    link.subStartedAt = nowSec
    link.live = false
    let pending = filters.length
    for (const filter of filters) {
      const page: Page = { count: 0, oldest: Infinity }
      const sub = relay.subscribe([filter], {
        ...this.frameHandlers(link, page),
        oneose: () => {
          void this.backfill(link, relay, filter, page, gen)
            .catch((err) => this.log.warn(`backfill from ${link.url} failed`, err))
            .then(() => {
              pending--
              if (pending === 0 && gen === link.generation) {
                link.live = true
                this.checkpoint(link, link.subStartedAt, true)
              }
            })
        },
        onclose: (reason) => {
          if (gen === link.generation && link.state === "open" && !reason.startsWith("relay connection") && reason !== "closed by caller") {
            link.lastError = `subscription closed: ${reason}`
            this.log.warn(`${link.url} closed a subscription: ${reason}`)
          }
        }
      })
      link.subs.push(sub)
    }
    await this.subscribeLedger(link, relay)
    void authorsHeld(this.db).then((authors) => this.profileFeed.ask(relay, authors), (err) => this.log.warn("reading authors failed", err))
  }

  /** Asks every open read relay for the profiles of these authors (each connection once per author). */
  private askProfiles(authors: string[]): void {
    if (authors.length === 0) return
    for (const link of this.links.values()) if (link.read && link.state === "open" && link.relay) void this.profileFeed.ask(link.relay, authors)
  }

  /**
   * The pinned network's ledger, whole (a chain needs every event; the wallet skips what it holds).
   * By kinds only: relays index single-letter tags, so `#net` is checked here, in the gate.
   */
  private async subscribeLedger(link: Link, relay: AbstractRelay): Promise<void> {
    const gen = link.generation
    const net = this.opts.ledger ? await this.opts.ledger.network().catch(() => null) : null
    if (!net || gen !== link.generation || link.ledgerNet === net) return
    link.ledgerNet = net
    const filter = ledgerFilter(this.t.pageLimit)
    const page: Page = { count: 0, oldest: Infinity }
    const sub = relay.subscribe([filter], {
      ...this.frameHandlers(link, page),
      oneose: () => void this.backfill(link, relay, filter, page, gen).catch((err) => this.log.warn(`ledger backfill from ${link.url} failed`, err))
    })
    link.subs.push(sub)
  }

  /** The pinned network changed (the wallet pinned one): subscribe every open read relay to its ledger. */
  async ledgerChanged(): Promise<void> {
    for (const link of this.links.values()) {
      if (link.read && link.state === "open" && link.relay) {
        link.ledgerNet = undefined
        await this.subscribeLedger(link, link.relay)
      }
    }
  }

  /** A full page means older events may be missing: page back with `until` before the cursor moves. */
  private async backfill(link: Link, relay: AbstractRelay, filter: Filter, first: Page, gen: number): Promise<void> {
    if (filter.limit === undefined || filter.authors || first.count < filter.limit) return
    let until = first.oldest
    for (let i = 0; i < this.t.maxPages && Number.isFinite(until); i++) {
      const page: Page = { count: 0, oldest: Infinity }
      await this.fetchOnce(link, relay, { ...filter, until }, page)
      if (gen !== link.generation || page.count < filter.limit || !(page.oldest < until)) return
      until = page.oldest
    }
  }

  /** What every subscription does with a relay's frames: count and skip known ids, gate, queue. */
  private frameHandlers(link: Link, page: Page) {
    return {
      eoseTimeout: this.t.eoseTimeoutMs,
      alreadyHaveEvent: (id: string) => this.seen(link, id, page),
      onevent: (event: unknown) => this.accept(link, event, page),
      oninvalidevent: (event: unknown) => this.unmatched(link, event)
    }
  }

  /** A one-shot subscription: what the relay holds for `filter`, closed at EOSE. */
  private fetchOnce(link: Link, relay: AbstractRelay, filter: Filter, page: Page): Promise<void> {
    return new Promise<void>((resolve) => {
      const sub = relay.subscribe([filter], {
        ...this.frameHandlers(link, page),
        oneose: () => {
          sub.close()
          resolve()
        },
        onclose: () => resolve()
      })
    })
  }

  /** Every EVENT frame passes here first (nostr-tools reads only its id): count it, skip known ids. */
  private seen(link: Link, id: string, page: Page): boolean {
    const s = this.bump(link.url)
    s.received++
    page.count++
    const createdAt = this.knownIds.get(id)
    if (createdAt === undefined) return false
    s.duplicates++
    page.oldest = Math.min(page.oldest, createdAt)
    return true
  }

  /** nostr-tools' verifyEvent hook: our full check (shape, kind, PoW, expiry, WASM signature). */
  private gate(link: Link, raw: unknown): boolean {
    if (this.opts.ledger && isLedgerKind(raw)) return this.gateLedger(link, raw)
    const r = checkIncoming(raw, { verify: this.verify, nowSec: this.nowSec(), minPow: this.opts.minPow })
    if (!r.ok) {
      this.countInvalid(link.url, r.reason, raw)
      this.lastInvalid = raw
      return false
    }
    this.rememberId(r.known.event.id, r.known.event.created_at)
    this.lastGated = { raw, known: r.known }
    return true
  }

  /** A ledger event: of the pinned network, with a good id and signature; the wallet judges the rest. */
  private gateLedger(link: Link, raw: unknown): boolean {
    const event = raw as SignedEvent
    if (ledgerNetOf(event) !== link.ledgerNet) {
      this.lastInvalid = raw // another network's event: not counted as invalid
      return false
    }
    if (!this.verify(event)) {
      this.countInvalid(link.url, "bad id or signature", raw)
      this.lastInvalid = raw
      return false
    }
    this.rememberId(event.id, event.created_at)
    this.lastLedger = { raw, event }
    return true
  }

  private accept(link: Link, raw: unknown, page: Page): void {
    const ledger = this.lastLedger
    this.lastLedger = undefined
    if (ledger && ledger.raw === raw) {
      page.oldest = Math.min(page.oldest, ledger.event.created_at)
      this.ledgerQueue.push({ url: link.url, event: ledger.event })
      void this.drainLedger()
      return
    }
    const gated = this.lastGated
    this.lastGated = undefined
    if (!gated || gated.raw !== raw) return
    page.oldest = Math.min(page.oldest, gated.known.event.created_at)
    this.queue.push({ type: "event", url: link.url, known: gated.known })
    if (link.live && this.nowMs() - link.lastCheckpointMs >= this.t.checkpointEveryMs) this.checkpoint(link, this.nowSec())
    void this.drain()
  }

  private unmatched(link: Link, raw: unknown): void {
    if (raw !== this.lastInvalid) this.countInvalid(link.url, "does not match the subscription", raw)
    this.lastInvalid = undefined
  }

  private countInvalid(url: string, reason: string, raw: unknown): void {
    const e = raw as { id?: unknown; sig?: unknown } | null
    const key = `${url}|${String(e?.id).slice(0, 64)}|${String(e?.sig).slice(0, 32)}`
    if (this.countedInvalid.has(key)) return
    if (this.countedInvalid.size > 50_000) this.countedInvalid.clear()
    this.countedInvalid.add(key)
    const s = this.bump(url)
    s.invalid++
    const k = reasonKey(reason)
    s.invalidByReason[k] = (s.invalidByReason[k] ?? 0) + 1
  }

  private heldSince: number | undefined

  /** Loads the ids of held events created since `since` into the skip set (once per lower bound). */
  private async rememberHeldSince(since: number): Promise<void> {
    if (this.heldSince !== undefined && this.heldSince <= since) return
    const upper = this.heldSince
    this.heldSince = since
    const range = upper === undefined ? this.db.events.where("created_at").aboveOrEqual(since) : this.db.events.where("created_at").between(since, upper, true, false)
    await range.eachKey((createdAt, cursor) => this.rememberId(cursor.primaryKey as string, createdAt as number))
  }

  private rememberId(id: string, createdAt: number): void {
    if (this.knownIds.size >= KNOWN_IDS_MAX) {
      let n = 0
      for (const key of this.knownIds.keys()) {
        this.knownIds.delete(key)
        if (++n >= KNOWN_IDS_MAX / 4) break
      }
    }
    this.knownIds.set(id, createdAt)
  }

  /** Queues a cursor move behind the events received so far, so both land in one transaction. */
  private checkpoint(link: Link, since: number, force = false): void {
    if (!force && this.nowMs() - link.lastCheckpointMs < this.t.checkpointEveryMs) return
    link.lastCheckpointMs = this.nowMs()
    this.queue.push({ type: "checkpoint", url: link.url, since })
    void this.drain()
  }

  private bump(url: string): StatsDelta {
    let s = this.pendingStats.get(url)
    if (!s) this.pendingStats.set(url, (s = emptyStats()))
    return s
  }

  /** Stores queued events in batches, one transaction each, with their cursors and stats. */
  private drain(): Promise<void> {
    if (this.draining) return this.draining
    if (this.queue.length === 0) return Promise.resolve()
    this.draining = (async () => {
      while (this.queue.length > 0) {
        let n = 0
        let end = 0
        while (end < this.queue.length && n < this.t.batchSize) if (this.queue[end++]!.type === "event") n++
        const slice = this.queue.splice(0, end)
        await this.storeSlice(slice)
      }
    })().finally(() => {
      this.draining = undefined
      if (this.queue.length > 0) void this.drain()
    })
    return this.draining
  }

  /** Hands queued ledger events to the wallet in batches of `batchSize`, one ingest (transaction) each. */
  private drainLedger(): Promise<void> {
    if (this.ledgerDraining) return this.ledgerDraining
    if (this.ledgerQueue.length === 0 || !this.opts.ledger) return Promise.resolve()
    const sink = this.opts.ledger
    this.ledgerDraining = (async () => {
      while (this.ledgerQueue.length > 0) {
        const batch = this.ledgerQueue.splice(0, this.t.batchSize)
        try {
          await sink.ingest(batch.map((i) => i.event))
          for (const i of batch) this.bump(i.url).stored++
        } catch (err) {
          // Nothing of the batch was applied: forget the ids so the next subscription takes them again.
          for (const i of batch) this.knownIds.delete(i.event.id)
          this.log.warn(`the wallet could not take ${batch.length} ledger events`, err)
        }
      }
    })().finally(() => {
      this.ledgerDraining = undefined
      if (this.ledgerQueue.length > 0) void this.drainLedger()
    })
    return this.ledgerDraining
  }

  private async storeSlice(slice: Item[]): Promise<void> {
    const events = slice.filter((i): i is Extract<Item, { type: "event" }> => i.type === "event")
    const cursors = new Map<string, number>()
    for (const i of slice) if (i.type === "checkpoint") cursors.set(i.url, Math.max(cursors.get(i.url) ?? 0, i.since))
    const nowMs = this.nowMs()
    let deltas: GraphDelta[] = []
    let ownListChanged = false
    let newAuthors: string[] = []
    try {
      const me = await this.me()
      await this.db.transaction("rw", syncTables(this.db), async () => {
        const result = await storeKnownEvents(this.db, events.map((e) => e.known), { nowMs })
        const stored = new Set(result.stored.map((k) => k.event.id))
        for (const e of events) {
          const s = this.bump(e.url)
          if (stored.has(e.known.event.id)) {
            s.stored++
            stored.delete(e.known.event.id)
          } else s.duplicates++
        }
        for (const [url, since] of cursors) {
          const prev = await this.db.relayCursors.get(url)
          if (!prev || prev.since < since) await this.db.relayCursors.put({ url, since, updatedAt: nowMs })
        }
        await this.writeStats()
        deltas = result.deltas
        newAuthors = bookmarkAuthors(result.stored)
        ownListChanged = !!me && result.stored.some((k) => k.type === "relays" && k.event.pubkey === me)
      })
    } catch (err) {
      // Nothing of this slice was written (one transaction), cursors included: forget the ids so
      // the events are taken again when they come back (the next subscription re-asks for them).
      for (const e of events) this.knownIds.delete(e.known.event.id)
      this.log.warn(`storing ${events.length} events failed`, err)
      return
    }
    this.handDeltas(deltas)
    this.askProfiles(newAuthors)
    if (ownListChanged) void this.reconfigure()
  }

  private handDeltas(deltas: GraphDelta[]): void {
    if (!this.opts.sink || deltas.length === 0) return
    try {
      void Promise.resolve(this.opts.sink.applyDeltas(deltas, this.nowSec())).catch((err: unknown) => this.log.warn("the engine refused deltas", err))
    } catch (err) {
      this.log.warn("the engine refused deltas", err)
    }
  }

  /** Merges pending counters into relayStats; call inside a transaction that includes it, or alone. */
  private async writeStats(): Promise<void> {
    if (this.pendingStats.size === 0) return
    const pending = [...this.pendingStats]
    this.pendingStats.clear()
    const rows = await this.db.relayStats.bulkGet(pending.map(([url]) => url))
    await this.db.relayStats.bulkPut(
      pending.map(([url, d], i) => {
        const r = rows[i] ?? { url, ...emptyStats() }
        const byReason = { ...r.invalidByReason }
        for (const [k, v] of Object.entries(d.invalidByReason)) byReason[k] = (byReason[k] ?? 0) + v
        return {
          url,
          received: r.received + d.received,
          stored: r.stored + d.stored,
          duplicates: r.duplicates + d.duplicates,
          invalid: r.invalid + d.invalid,
          invalidByReason: byReason,
          published: r.published + d.published,
          rejected: r.rejected + d.rejected,
          lastRejection: d.lastRejection ?? r.lastRejection,
          lastConnectedAt: d.lastConnectedAt ?? r.lastConnectedAt,
          lastError: "lastError" in d ? d.lastError : r.lastError
        }
      })
    )
  }

  private async flushStats(): Promise<void> {
    if (this.pendingStats.size === 0) return
    await this.db.transaction("rw", this.db.relayStats, () => this.writeStats()).catch((err) => this.log.warn("saving relay stats failed", err))
  }

  /** Waits until every event received so far is stored (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining || this.queue.length > 0 || this.ledgerDraining || this.ledgerQueue.length > 0) {
      await this.drain()
      await this.drainLedger()
    }
  }

  /**
   * Stores one of our own signed events like anyone's (same checks) and queues it for the relays,
   * both in one transaction: it is never stored without being queued.
   */
  async publishOwn(event: SignedEvent): Promise<{ ok: true } | { ok: false; reason: string }> {
    const checked = checkIncoming(event, { verify: this.verify, nowSec: this.nowSec(), minPow: this.opts.minPow })
    if (!checked.ok) return { ok: false, reason: checked.reason }
    const nowMs = this.nowMs()
    let deltas: GraphDelta[] = []
    await this.db.transaction("rw", syncTables(this.db), async () => {
      deltas = (await storeKnownEvents(this.db, [checked.known], { nowMs })).deltas
      await enqueue(this.db, checked.known.event, nowMs)
    })
    this.rememberId(event.id, event.created_at)
    this.handDeltas(deltas)
    // A new relay list of ours is published to the relays it names, not to the ones it replaces.
    if (checked.known.type === "relays") await this.reconfigure()
    notifyOutbox(this.db)
    return { ok: true }
  }

  /** Publishes due outbox rows to every connected write relay. */
  flushOutbox(opts: { ignoreBackoff?: boolean } = {}): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true
      this.flushForce ||= !!opts.ignoreBackoff
      return this.flushing
    }
    this.flushing = (async () => {
      let force = !!opts.ignoreBackoff
      do {
        this.flushAgain = false
        await this.flushOnce(force).catch((err) => this.log.warn("publishing failed", err))
        force = this.flushForce
        this.flushForce = false
      } while (this.flushAgain && !this.stopped)
    })().finally(() => {
      this.flushing = undefined
    })
    return this.flushing
  }

  private async flushOnce(ignoreBackoff: boolean): Promise<void> {
    const writers = [...this.links.values()].filter((l) => l.write && l.state === "open" && l.relay)
    if (writers.length === 0 || this.stopped) return
    const due = await dueEntries(this.db, this.nowMs(), { ignoreBackoff })
    for (let i = 0; i < due.length; i += 20) {
      await Promise.all(
        due.slice(i, i + 20).map(async (row) => {
          const targets = writers.filter((l) => !row.acceptedBy.includes(l.url) && l.relay)
          if (targets.length === 0) return
          const outcome: AttemptOutcome = { accepted: [], refused: [], failed: [] }
          await Promise.all(
            targets.map(async (l) => {
              try {
                await l.relay!.publish(row.event)
                outcome.accepted.push(l.url)
                this.bump(l.url).published++
              } catch (err) {
                const msg = message(err)
                if ((err as Error)?.name === "SendingOnClosedConnection" || LOCAL_FAILURES.includes(msg)) outcome.failed.push({ url: l.url, error: msg })
                else outcome.refused.push({ url: l.url, reason: msg })
              }
            })
          )
          const { rejections } = await recordAttempt(this.db, row.id, outcome, this.nowMs(), this.random)
          for (const r of rejections) {
            const s = this.bump(r.url)
            s.rejected++
            s.lastRejection = r
            this.log.warn(`${r.url} refused our event ${r.eventId.slice(0, 8)} (kind ${r.kind}): ${r.reason}`)
          }
        })
      )
    }
    await this.flushStats()
  }

  /**
   * Queues our own stored events that are not in the outbox: posts from before the outbox existed
   * (database v1) and anything a killed worker stored without queueing. Their graph deltas are
   * logged too, once.
   */
  private async sweepUnqueued(): Promise<void> {
    const me = await this.me()
    if (!me) return
    const mine = (await this.db.events.where("pubkey").equals(me).toArray()).filter((e) => (SYNCED_KINDS as readonly number[]).includes(e.kind))
    if (mine.length === 0) return
    const queued = await this.db.outbox.bulkGet(mine.map((m) => m.id))
    const missing = mine.filter((_, i) => !queued[i])
    if (missing.length === 0) return
    const nowMs = this.nowMs()
    await this.db.transaction("rw", syncTables(this.db), async () => {
      for (const m of missing) await enqueue(this.db, m.event, nowMs)
      const rows: { eventId: string; deltas: GraphDelta[] }[] = []
      for (const m of missing) {
        if (m.kind !== KIND_WEB_BOOKMARK) continue
        const url = m.event.tags.find((t) => t[0] === "i")?.[1]
        const card = url ? await this.db.posts.get(url) : undefined
        if (!card) continue
        const first = card.amplifiers[0]
        rows.push({
          eventId: m.id,
          deltas: first === me || !first ? [{ type: "post", id: card.url, author: me, createdAt: m.created_at, hops: 1 }] : [{ type: "engagement", from: me, to: first, kind: "share", at: m.created_at, post: card.url }]
        })
      }
      await appendDeltaLog(this.db, rows, nowMs, { skipLogged: true })
    })
    this.log.info(`queued ${missing.length} earlier events of ours for the relays`)
  }

  async status(): Promise<SyncStatusReport> {
    await this.flushStats()
    const links = [...this.links.values()]
    const stats = await this.db.relayStats.bulkGet(links.map((l) => l.url))
    const [pending, rejected, sent] = await Promise.all(["pending", "rejected", "sent"].map((s) => this.db.outbox.where("state").equals(s).count()))
    const withRefusals = await this.db.outbox.where("state").anyOf(["pending", "rejected"]).filter((r) => r.rejections.length > 0).toArray()
    return {
      source: this.plan.source,
      relays: links.map((l, i) => ({ url: l.url, read: l.read, write: l.write, state: l.state, live: l.live, lastError: l.lastError, retryAt: l.retryAt, stats: stats[i] })),
      outbox: { pending: pending!, rejected: rejected!, sent: sent! },
      rejections: withRefusals.flatMap((r) => r.rejections).sort((a, b) => b.at - a.at).slice(0, 5)
    }
  }
}
