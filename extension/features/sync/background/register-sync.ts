import type { StreamDb } from "../../../../shared/db/database"
import { commentOnPost as commentMessage, reactToPost as reactMessage, setRelays, syncStatus, type SyncStatus } from "../../../../shared/messages/catalog"
import { checkRelayUrl, relayListTemplate, type RelayEntry } from "../../../../shared/nostr/kinds"
import { loadVerifier, SyncCore, type LedgerSink, type Verifier, type WebSocketImpl } from "../../../../shared/sync"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"
import { defaultRelays } from "./relay-defaults"
import { commentOnPost, reactToPost } from "./social"

/** Wakes the worker every minute to reconnect, move cursors, retry the outbox and purge. */
export const SYNC_ALARM = "synereo-sync"

export interface SyncDeps {
  db: StreamDb
  keys: KeyStore
  nowSec?: () => number
  /**
   * The network. Default: the platform's WebSocket when running as the extension's service worker;
   * elsewhere (Node unit tests of other features) none, so nothing connects anywhere by accident.
   */
  WebSocket?: WebSocketImpl
  /** Overrides the build's default relays (tests). */
  defaultRelays?: string[]
  /** Where the pinned AMP network's ledger events go (the wallet). */
  ledger?: LedgerSink
}

function inServiceWorker(): boolean {
  return typeof (globalThis as { ServiceWorkerGlobalScope?: unknown }).ServiceWorkerGlobalScope === "function" && typeof WebSocket === "function"
}

/**
 * The background's sync feature: one SyncCore per worker, started on every worker start (an MV3
 * worker only lives while it has work, so each start resumes from the cursors and outbox in
 * Dexie), kept alive by relay pings every 20 s and woken by an alarm every minute. Answers the
 * sync/* and stream/react|comment messages with its own listener.
 */
export function registerSync(browser: ExtensionApi, deps: SyncDeps) {
  const nowSec = deps.nowSec ?? (() => Math.floor(Date.now() / 1000))
  const WS = deps.WebSocket ?? (inServiceWorker() ? WebSocket : undefined)
  let verifier: Verifier | undefined
  let ready: Promise<SyncCore> | undefined

  /** The core, created once; it connects only when there is a network to connect with. */
  function core(): Promise<SyncCore> {
    ready ??= (async () => {
      verifier = await loadVerifier({ warn: (m, c) => console.warn(m, c ?? "") })
      const c = new SyncCore({
        db: deps.db,
        WebSocket: WS ?? (undefined as unknown as WebSocketImpl),
        verify: verifier.verify,
        defaultRelays: deps.defaultRelays ?? defaultRelays(),
        me: () => deps.keys.pubkey(),
        ledger: deps.ledger,
        clock: { nowMs: deps.nowSec ? () => nowSec() * 1000 : () => Date.now() }
      })
      if (WS) await c.start()
      return c
    })().catch((err: unknown) => {
      ready = undefined
      throw err
    })
    return ready
  }
  const wake = () => void core().catch((err: unknown) => console.warn("Synereo sync: could not start", err))

  const alarms = browser.alarms
  if (alarms) {
    alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) void core().then((c) => c.tick(), (err: unknown) => console.warn("Synereo sync: tick failed", err))
    })
    void Promise.resolve(alarms.get(SYNC_ALARM))
      .then((existing) => (existing ? undefined : alarms.create(SYNC_ALARM, { periodInMinutes: 1 })))
      .catch((err: unknown) => console.warn("Synereo sync: could not set the sync alarm", err))
  }
  browser.runtime.onStartup?.addListener(wake)

  const social = { db: deps.db, keys: deps.keys, core, nowSec }
  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(syncStatus, async () => {
        const c = await core()
        c.nudge()
        return { ok: true as const, status: toStatus(await c.status(), verifier?.impl ?? "js") }
      }),
      route(setRelays, async (req) => {
        const relays: RelayEntry[] = []
        for (const r of req.relays) {
          const checked = checkRelayUrl(r.url)
          if (!checked.ok) return { ok: false as const, code: "bad-relay", message: `${r.url}: ${checked.reason}` }
          if (!r.read && !r.write) return { ok: false as const, code: "bad-relay", message: `${r.url} is neither read nor write` }
          relays.push({ url: checked.url, read: r.read, write: r.write })
        }
        let event
        try {
          event = await deps.keys.sign(relayListTemplate(relays, nowSec()))
        } catch (err) {
          return { ok: false as const, code: "signing-failed", message: `Your key could not sign the relay list: ${err instanceof Error ? err.message : String(err)}` }
        }
        const published = await (await core()).publishOwn(event)
        if (!published.ok) return { ok: false as const, code: "rejected-event", message: published.reason }
        return { ok: true as const, relays }
      }),
      route(reactMessage, (req) => reactToPost(social, req.url, req.content)),
      route(commentMessage, (req) => commentOnPost(social, req.url, req.content))
    ])
  )

  // Every start of the worker resumes syncing; nothing runs at import time.
  if (WS) setTimeout(wake, 0)
  return { core }
}

function toStatus(s: Awaited<ReturnType<SyncCore["status"]>>, verifier: "wasm" | "js"): SyncStatus {
  return {
    source: s.source,
    verifier,
    relays: s.relays.map((r) => ({
      url: r.url,
      read: r.read,
      write: r.write,
      state: r.state,
      live: r.live,
      ...(r.lastError ? { lastError: r.lastError } : {}),
      received: r.stats?.received ?? 0,
      stored: r.stats?.stored ?? 0,
      duplicates: r.stats?.duplicates ?? 0,
      invalid: r.stats?.invalid ?? 0,
      published: r.stats?.published ?? 0,
      rejected: r.stats?.rejected ?? 0
    })),
    outbox: s.outbox,
    rejections: s.rejections
  }
}
