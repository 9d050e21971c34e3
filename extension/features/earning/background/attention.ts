// Passive earning: the attention monitor. It watches which page has the person's attention (the
// active tab of the focused, not minimised window, while the person is not idle) and counts time
// only on amplified posts of their Stream: a canonical URL that is a Stream post and has an open
// stake the person may earn from. Every other page is looked at (in memory) and forgotten: no row,
// no storage write, no message.
//
// MV3 stops the service worker whenever it likes, so the session in progress lives in
// `storage.session`, stamped with the worker instance that last observed it. Time is credited
// only between two observations made by the same worker instance, at most MAX_GAP_MS apart: any
// change of tab, window focus, idle state or URL wakes the worker with an event, so a gap watched by
// one living worker really was attention. A gap across a worker restart (or a suspended machine)
// is not credited: the monitor was not there to see it.
import type Dexie from "dexie"

import type { EarningSessionRow } from "../../../../shared/db/schema"
import { canonicalizeUrl } from "../../../../shared/url/canonical-url"
import type { AttentionMeasurement, ReceiptDecision } from "../../../../shared/wallet"
import type { ExtensionApi } from "../../messaging/browser-api"

export const EARNING_ENABLED_KEY = "earning.enabled"
export const SESSION_KEY = "earning.session"
export const TICK_ALARM = "earning.tick"
/** The idle API's threshold: no input for this long and the person is idle (locked counts as idle). */
export const IDLE_SECS = 60
/** Longest gap between two observations of one worker that is still credited (alarm period + slack). */
export const MAX_GAP_MS = 90_000
/** The optional permissions earning asks for when the person turns it on. */
export const EARNING_PERMISSIONS: Parameters<ExtensionApi["permissions"]["contains"]>[0] = { permissions: ["tabs", "idle"] }
export const BADGE_TEXT = "AMP"

/** The session in progress, as kept in `storage.session`. */
export interface PersistedSession {
  id: string
  tabId: number
  windowId: number
  url: string
  title: string
  stakeId: string
  /** Unix ms when the session began. */
  startedAt: number
  /** Attention credited so far, ms. */
  countedMs: number
  /** Unix ms of the last observation (the end of the credited time). */
  observedAt: number
  /** The worker instance that made that observation. */
  worker: string
}

interface Target {
  tabId: number
  windowId: number
  url: string
  title: string
  stakeId: string
}

interface StakeRow {
  id: string
  staker: string
  creator: string
  url: string
  amount: string
  createdAt: number
  close: number
  status: string
}

export interface AttentionDeps {
  browser: ExtensionApi
  db: Dexie
  /** Unix milliseconds. */
  now: () => number
  /** The person's public key (hex). */
  me: () => Promise<string>
  /** The wallet's earning, or null when no AMP network is pinned. */
  earning: () => Promise<{ recordAttention(m: AttentionMeasurement): Promise<ReceiptDecision> } | null>
  /** This worker instance (a fresh random id per service-worker start). */
  worker: string
  newId?: () => string
}

export function createAttentionMonitor(deps: AttentionDeps) {
  const { browser, db, now } = deps
  const newId = deps.newId ?? (() => crypto.randomUUID())
  let queue: Promise<unknown> = Promise.resolve()

  const sessions = () => db.table<EarningSessionRow, string>("earningSessions")

  async function enabled(): Promise<boolean> {
    const got = await browser.storage.local.get(EARNING_ENABLED_KEY)
    return got[EARNING_ENABLED_KEY] === true
  }

  async function granted(): Promise<boolean> {
    try {
      return await browser.permissions.contains(EARNING_PERMISSIONS)
    } catch {
      return false
    }
  }

  async function readSession(): Promise<PersistedSession | null> {
    const got = await browser.storage.session.get(SESSION_KEY)
    return (got[SESSION_KEY] as PersistedSession | undefined) ?? null
  }

  /** "active", "idle" or "locked"; "active" when the idle API is not available. */
  async function idleState(): Promise<string> {
    const idle = (browser as { idle?: ExtensionApi["idle"] }).idle
    if (!idle?.queryState) return "active"
    return idle.queryState(IDLE_SECS)
  }

  /** The open stake on `url` this person may still earn from (the largest), or null. */
  async function stakeFor(url: string): Promise<{ stakeId: string; title: string } | null> {
    const post = (await db.table("posts").get(url)) as { title?: string } | undefined
    if (post === undefined) return null
    const me = await deps.me()
    const nowSec = Math.floor(now() / 1000)
    const open = (await db.table<StakeRow, string>("ledgerStakes").where("status").equals("open").toArray()).filter(
      (s) => s.url === url && s.staker !== me && s.creator !== me && s.createdAt <= nowSec && nowSec <= s.close
    )
    const receipts = db.table("walletReceipts")
    const candidates: StakeRow[] = []
    for (const s of open) if ((await receipts.get(`${me}:${s.id}`)) === undefined) candidates.push(s)
    if (candidates.length === 0) return null
    candidates.sort((a, b) => (BigInt(b.amount) > BigInt(a.amount) ? 1 : BigInt(b.amount) < BigInt(a.amount) ? -1 : a.id < b.id ? -1 : 1))
    return { stakeId: candidates[0]!.id, title: post.title ?? "" }
  }

  /** What has the person's attention now, if it is an amplified page they may earn from. */
  async function observe(): Promise<{ target: Target | null; idle: boolean }> {
    const state = await idleState()
    if (state !== "active") return { target: null, idle: true }
    const win = await browser.windows.getLastFocused().catch(() => undefined)
    if (!win || !win.focused || win.state === "minimized" || win.id === undefined) return { target: null, idle: false }
    const [tab] = await browser.tabs.query({ active: true, windowId: win.id })
    if (!tab || tab.id === undefined || !tab.url) return { target: null, idle: false }
    // A hidden (prerendered, discarded) tab is not attention.
    if (tab.discarded === true) return { target: null, idle: false }
    const canonical = canonicalizeUrl(tab.url)
    if (!canonical.ok) return { target: null, idle: false }
    const stake = await stakeFor(canonical.url)
    if (stake === null) return { target: null, idle: false }
    return { target: { tabId: tab.id, windowId: win.id, url: canonical.url, title: stake.title || tab.title || canonical.url, stakeId: stake.stakeId }, idle: false }
  }

  async function badge(tabId: number, on: boolean): Promise<void> {
    try {
      await browser.action.setBadgeText({ tabId, text: on ? BADGE_TEXT : "" })
      if (on) await browser.action.setBadgeBackgroundColor({ tabId, color: "#0b7a53" })
    } catch {
      // The tab may be gone.
    }
  }

  async function setTicking(on: boolean): Promise<void> {
    if (on) {
      const existing = await browser.alarms.get(TICK_ALARM)
      if (!existing) await browser.alarms.create(TICK_ALARM, { periodInMinutes: 0.5 })
    } else {
      await browser.alarms.clear(TICK_ALARM)
    }
  }

  /** Hands a finished session to the wallet and lists it. Nothing is written for 0 s. */
  async function finish(s: PersistedSession, endedAt: number): Promise<EarningSessionRow | null> {
    await browser.storage.session.remove(SESSION_KEY)
    await badge(s.tabId, false)
    const seconds = Math.floor(s.countedMs / 1000)
    if (seconds <= 0) return null
    const row: EarningSessionRow = {
      id: s.id,
      url: s.url,
      title: s.title,
      stakeId: s.stakeId,
      seconds,
      startedAt: s.startedAt,
      endedAt,
      status: "error",
      reason: null,
      message: "",
      receiptId: null
    }
    try {
      const earning = await deps.earning()
      if (earning === null) {
        Object.assign(row, { reason: "no-network", message: "no AMP network is set up on this device" })
      } else {
        const d = await earning.recordAttention({ url: s.url, stakeId: s.stakeId, seconds })
        if (d.ok) Object.assign(row, { status: "pending", seconds: d.seconds, receiptId: d.id, message: "receipt signed and queued for your relays" })
        else Object.assign(row, { status: "refused", reason: d.reason, message: d.message })
      }
    } catch (err) {
      Object.assign(row, { status: "error", reason: "internal", message: err instanceof Error ? err.message : String(err) })
    }
    await sessions().put(row)
    return row
  }

  async function step(): Promise<void> {
    const session = await readSession()
    if (!(await enabled()) || !(await granted())) {
      // Off (or the permissions were withdrawn): the session in progress is dropped, not published.
      if (session !== null) {
        await browser.storage.session.remove(SESSION_KEY)
        await badge(session.tabId, false)
      }
      await setTicking(false)
      return
    }
    const { target, idle } = await observe()
    const t = now()
    if (session !== null) {
      const gap = t - session.observedAt
      const credit = session.worker === deps.worker && gap >= 0 && gap <= MAX_GAP_MS ? gap : 0
      let counted = session.countedMs + credit
      // Idle means no input for IDLE_SECS: that last stretch was not attention.
      if (idle) counted = Math.max(0, counted - IDLE_SECS * 1000)
      if (target !== null && target.tabId === session.tabId && target.url === session.url && target.stakeId === session.stakeId) {
        const next: PersistedSession = { ...session, countedMs: counted, observedAt: t, worker: deps.worker }
        await browser.storage.session.set({ [SESSION_KEY]: next })
        await badge(session.tabId, true)
        await setTicking(true)
        return
      }
      await finish({ ...session, countedMs: counted }, t)
    }
    if (target !== null) {
      const s: PersistedSession = { id: newId(), ...target, startedAt: t, countedMs: 0, observedAt: t, worker: deps.worker }
      await browser.storage.session.set({ [SESSION_KEY]: s })
      await badge(target.tabId, true)
      await setTicking(true)
    } else if (session !== null) {
      await setTicking(false)
    }
  }

  return {
    /** Looks at the browser now and moves the session on; calls run one after another. */
    evaluate(): Promise<void> {
      const run = queue.then(step)
      queue = run.catch((err: unknown) => console.warn("Synereo earning:", err))
      return run
    },
    /** Resolves once every evaluation asked for so far has run. */
    settled: () => queue.then(() => undefined),
    async active(): Promise<{ url: string; title: string; stakeId: string; seconds: number } | null> {
      const s = await readSession()
      if (s === null) return null
      const extra = s.worker === deps.worker ? Math.max(0, Math.min(now() - s.observedAt, MAX_GAP_MS)) : 0
      return { url: s.url, title: s.title, stakeId: s.stakeId, seconds: Math.floor((s.countedMs + extra) / 1000) }
    },
    enabled,
    granted,
    async setEnabled(on: boolean): Promise<void> {
      await browser.storage.local.set({ [EARNING_ENABLED_KEY]: on })
      await this.evaluate()
    },
    async clear(): Promise<number> {
      const n = await sessions().count()
      await sessions().clear()
      return n
    }
  }
}

export type AttentionMonitor = ReturnType<typeof createAttentionMonitor>
