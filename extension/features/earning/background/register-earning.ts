// The background's earning feature: wires the attention monitor to the tabs, windows, idle and
// alarms events, answers the earning/* messages, and hands finished sessions to the wallet's
// earning (which signs, mines, stores and queues the receipt). Listeners are added synchronously;
// the `tabs` and `idle` APIs are only useful once the person granted them (optional permissions).
import type { StreamDb } from "../../../../shared/db/database"
import { earningClear, earningSetEnabled, earningStatus } from "../../../../shared/messages/catalog"
import { enqueue, notifyOutbox } from "../../../../shared/sync"
import type { Publish } from "../../../../shared/wallet"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"
import { createWalletService, type WalletService } from "../../wallet/background/wallet-service"
import { IDLE_SECS, TICK_ALARM, createAttentionMonitor, type AttentionMonitor } from "./attention"

export interface EarningDeps {
  db: StreamDb
  keys: KeyStore
  nowSec?: () => number
  /** Default: the sync core's outbox, as the wallet feature does. */
  publish?: Publish
  /** Default: a wallet service of its own on the same database (the ledger store coordinates writers). */
  wallet?: WalletService
  nowMs?: () => number
}

export function registerEarning(browser: ExtensionApi, deps: EarningDeps): AttentionMonitor {
  const nowMs = deps.nowMs ?? (deps.nowSec ? () => deps.nowSec!() * 1000 : () => Date.now())
  const nowSec = () => Math.floor(nowMs() / 1000)
  const publish: Publish =
    deps.publish ??
    (async (event) => {
      await enqueue(deps.db, event, nowMs())
      notifyOutbox(deps.db)
    })
  const wallet = deps.wallet ?? createWalletService({ db: deps.db, signer: { pubkey: () => deps.keys.pubkey(), sign: (t) => deps.keys.sign(t) }, publish, nowSec })
  const monitor = createAttentionMonitor({
    browser,
    db: deps.db,
    now: nowMs,
    me: () => deps.keys.pubkey(),
    earning: async () => ((await wallet.network()) === null ? null : wallet.earning()),
    worker: crypto.randomUUID()
  })
  const check = () => void monitor.evaluate()

  browser.tabs.onActivated.addListener(check)
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (tab.active && (change.url !== undefined || change.status !== undefined || change.discarded !== undefined)) check()
  })
  browser.tabs.onRemoved.addListener(check)
  browser.windows.onFocusChanged.addListener(check)
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) check()
  })
  let idleWired = false
  const wireIdle = () => {
    const idle = (browser as { idle?: ExtensionApi["idle"] }).idle
    if (idleWired || !idle?.onStateChanged) return
    idleWired = true
    idle.setDetectionInterval(IDLE_SECS)
    idle.onStateChanged.addListener(check)
  }
  wireIdle()
  browser.permissions?.onAdded?.addListener(() => {
    wireIdle()
    check()
  })
  browser.permissions?.onRemoved?.addListener(check)
  // A worker (re)start: close what an earlier worker left open, crediting nothing it did not see.
  check()

  const status = async () => {
    const g = await wallet.network().catch(() => null)
    return {
      ok: true as const,
      status: { enabled: await monitor.enabled(), permissions: await monitor.granted(), minAttentionSecs: g?.minAttentionSecs ?? null, active: await monitor.active() }
    }
  }

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(earningStatus, status),
      route(earningSetEnabled, async (req) => {
        if (req.enabled && !(await monitor.granted())) {
          return { ok: false as const, code: "no-permission", message: "earning needs the browser's permission to see the active tab's address and whether you are idle" }
        }
        wireIdle()
        await monitor.setEnabled(req.enabled)
        return status()
      }),
      route(earningClear, async () => ({ ok: true as const, removed: await monitor.clear() }))
    ])
  )
  return monitor
}
