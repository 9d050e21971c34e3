// A browser for the attention monitor: the shared fake browser's storage, plus tabs, windows,
// idle, alarms, action badges and permissions that the test moves by hand.
import { randomUUID } from "node:crypto"

import { openStreamDb, type StreamDb } from "../../shared/db/database"
import type { EarningSessionRow } from "../../shared/db/schema"
import type { AttentionMeasurement, ReceiptDecision } from "../../shared/wallet"
import { createAttentionMonitor, EARNING_ENABLED_KEY } from "../../extension/features/earning/background/attention"
import type { ExtensionApi } from "../../extension/features/messaging/browser-api"
import { createFakeExtension } from "../fakes/fake-browser"

export const ME = "a".repeat(64)
export const STAKER = "b".repeat(64)
export const CREATOR = "c".repeat(64)
export const STAKE = "d".repeat(64)
export const OWN_STAKE = "e".repeat(64)
export const AMPLIFIED = "https://news.example/story"
export const OWN_POST = "https://mine.example/post"
export const OTHER = "https://elsewhere.example/private-page"

export interface Tab {
  id: number
  windowId: number
  url: string
  title: string
  active: boolean
}

export function createWorld() {
  const fake = createFakeExtension()
  const state = {
    nowMs: 1_700_000_000_000,
    tabs: [] as Tab[],
    focusedWindow: 1 as number,
    minimized: false,
    idle: "active" as "active" | "idle" | "locked",
    granted: true,
    badges: new Map<number, string>(),
    alarms: new Set<string>()
  }
  const browser = {
    ...fake.browser,
    tabs: {
      ...fake.browser.tabs,
      async query(q: { active?: boolean; windowId?: number }) {
        return state.tabs
          .filter((t) => (q.active === undefined || t.active === q.active) && (q.windowId === undefined || t.windowId === q.windowId))
          .map((t) => (state.granted ? { ...t } : { ...t, url: undefined, title: undefined }))
      }
    },
    windows: {
      ...fake.browser.windows,
      async getLastFocused() {
        return { id: state.focusedWindow === -1 ? 1 : state.focusedWindow, focused: state.focusedWindow !== -1, state: state.minimized ? "minimized" : "normal" }
      }
    },
    idle: {
      async queryState() {
        return state.idle
      },
      setDetectionInterval() {},
      onStateChanged: { addListener() {} }
    },
    alarms: {
      async get(name: string) {
        return state.alarms.has(name) ? { name } : undefined
      },
      async create(name: string) {
        state.alarms.add(name)
      },
      async clear(name: string) {
        return state.alarms.delete(name)
      },
      onAlarm: { addListener() {} }
    },
    action: {
      async setBadgeText(d: { tabId: number; text: string }) {
        if (d.text) state.badges.set(d.tabId, d.text)
        else state.badges.delete(d.tabId)
      },
      async setBadgeBackgroundColor() {}
    },
    permissions: {
      async contains() {
        return state.granted
      }
    }
  } as unknown as ExtensionApi

  const db: StreamDb = openStreamDb(`earning-${randomUUID()}`)
  const measured: AttentionMeasurement[] = []
  let answer: (m: AttentionMeasurement) => ReceiptDecision = (m) => ({
    ok: true,
    seconds: m.seconds,
    id: "f".repeat(64),
    event: {} as never,
    status: "applied",
    reason: null,
    message: "",
    published: true,
    publishError: null
  })
  let worker = "worker-1"

  const makeMonitor = () =>
    createAttentionMonitor({
      browser,
      db,
      now: () => state.nowMs,
      me: async () => ME,
      earning: async () => ({
        recordAttention: async (m) => {
          measured.push(m)
          return answer(m)
        }
      }),
      worker
    })

  return {
    browser,
    db,
    state,
    measured,
    monitor: makeMonitor(),
    /** A new service worker: the in-memory state is gone, storage.session survives. */
    restartWorker() {
      worker = `worker-${randomUUID()}`
      this.monitor = makeMonitor()
    },
    answerWith(f: (m: AttentionMeasurement) => ReceiptDecision) {
      answer = f
    },
    async enable(on = true) {
      await browser.storage.local.set({ [EARNING_ENABLED_KEY]: on })
    },
    advance(secs: number) {
      state.nowMs += secs * 1000
    },
    open(tab: Omit<Tab, "active" | "windowId"> & { windowId?: number }) {
      const windowId = tab.windowId ?? 1
      for (const t of state.tabs) if (t.windowId === windowId) t.active = false
      state.tabs.push({ ...tab, windowId, active: true })
    },
    activate(id: number) {
      const tab = state.tabs.find((t) => t.id === id)!
      for (const t of state.tabs) if (t.windowId === tab.windowId) t.active = t.id === id
    },
    rows: () => db.table<EarningSessionRow, string>("earningSessions").toArray(),
    async seedStakes() {
      const nowSec = Math.floor(state.nowMs / 1000)
      await db.table("posts").bulkPut([
        { url: AMPLIFIED, title: "A story worth attention", description: "", siteName: "", image: "", createdAt: nowSec, updatedAt: nowSec, amplifiers: [CREATOR], eventIds: {}, amps: 10 },
        { url: OWN_POST, title: "My own post", description: "", siteName: "", image: "", createdAt: nowSec, updatedAt: nowSec, amplifiers: [ME], eventIds: {}, amps: 5 }
      ])
      const stake = (id: string, url: string, creator: string) => ({
        id,
        staker: STAKER,
        creator,
        url,
        post: null,
        amount: "1000000000",
        createdAt: nowSec - 60,
        close: nowSec + 86_400,
        status: "open",
        settlement: null,
        settledAt: null,
        payees: []
      })
      await db.table("ledgerStakes").bulkPut([stake(STAKE, AMPLIFIED, CREATOR), stake(OWN_STAKE, OWN_POST, ME)])
    }
  }
}

/** Every row of every table and every storage key: what a visit could have written. */
export async function footprint(world: ReturnType<typeof createWorld>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const t of world.db.tables) out[`db:${t.name}`] = await t.toArray()
  out["storage.local"] = await world.browser.storage.local.get(null)
  out["storage.session"] = await world.browser.storage.session.get(null)
  return out
}
