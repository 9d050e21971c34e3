import { useLiveQuery } from "dexie-react-hooks"
import { useCallback, useEffect, useState } from "react"
import browser from "webextension-polyfill"

import type { EarningSessionRow } from "../../../../shared/db/schema"
import { earningClear, earningSetEnabled, earningStatus, getIdentity, type EarningStatus } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"
import { streamDb } from "../../stream/sidepanel/stream-db"

const PERMISSIONS: Parameters<typeof browser.permissions.request>[0] = { permissions: ["tabs", "idle"] }

type Shown = EarningSessionRow & { shown: EarningSessionRow["status"] }

/** The stored status, moved on by what the database knows now: a relay took the receipt, a settlement paid it. */
async function listRows(me: string | null): Promise<Shown[]> {
  const d = streamDb()
  const rows = await d.table<EarningSessionRow, string>("earningSessions").orderBy("endedAt").reverse().toArray()
  const out: Shown[] = []
  for (const r of rows) {
    let shown = r.status
    if (r.status === "pending" && r.receiptId) {
      const sent = await d.table("outbox").get(r.receiptId)
      const walletWaiting = await d.table("walletOutbox").get(r.receiptId)
      if ((sent as { state?: string } | undefined)?.state === "sent" && walletWaiting === undefined) shown = "published"
      const stake = (await d.table("ledgerStakes").get(r.stakeId)) as { settlement?: { viewers: [string, string][] } | null } | undefined
      if (me && stake?.settlement?.viewers.some(([v, amount]) => v === me && amount !== "0")) shown = "paid"
    }
    out.push({ ...r, shown })
  }
  return out
}

export function EarningView() {
  const [status, setStatus] = useState<EarningStatus | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [me, setMe] = useState<string | null>(null)
  const rows = useLiveQuery(() => listRows(me), [me])

  const refresh = useCallback(async () => {
    const r = await send(earningStatus, {})
    if (r.ok) setStatus(r.status)
  }, [])

  useEffect(() => {
    void refresh()
    void send(getIdentity, {}).then((i) => setMe(i.pubkey)).catch(() => undefined)
    const t = setInterval(() => void refresh(), 2000)
    return () => clearInterval(t)
  }, [refresh])

  async function turnOn() {
    setMessage(null)
    // First thing in the click: the browser shows its permission prompt only during a user gesture.
    let granted = false
    try {
      granted = await browser.permissions.request(PERMISSIONS)
    } catch (err) {
      setMessage({ text: `The browser refused the permission request: ${err instanceof Error ? err.message : String(err)}`, error: true })
      return
    }
    if (!granted) {
      setMessage({ text: "Earning stays off: the permission was not granted.", error: true })
      return
    }
    const r = await send(earningSetEnabled, { enabled: true })
    if (r.ok) setStatus(r.status)
    else setMessage({ text: r.message, error: true })
  }

  async function turnOff() {
    const r = await send(earningSetEnabled, { enabled: false })
    if (r.ok) setStatus(r.status)
    // Give the permissions back: a person who does not earn keeps none of them.
    await browser.permissions.remove(PERMISSIONS).catch(() => false)
    void refresh()
  }

  async function clearList() {
    const r = await send(earningClear, {})
    setMessage(r.ok ? { text: `Forgot ${r.removed} counted ${r.removed === 1 ? "visit" : "visits"} on this device.`, error: false } : { text: r.message, error: true })
  }

  const on = status?.enabled === true && status.permissions
  return (
    <section className="earning" data-testid="earning-view">
      <div className="earning-switch">
        <p className="earning-state" data-testid="earning-state" data-on={on ? "true" : "false"}>
          Earning is <strong>{on ? "on" : "off"}</strong>
          {status?.minAttentionSecs != null ? <span className="muted"> · this network counts {status.minAttentionSecs} s or more</span> : null}
        </p>
        {on ? (
          <button type="button" data-testid="earning-off" onClick={() => void turnOff()}>
            Turn earning off
          </button>
        ) : (
          <button type="button" className="primary" data-testid="earning-on" onClick={() => void turnOn()}>
            Turn earning on
          </button>
        )}
      </div>
      {message ? (
        <p className={`status ${message.error ? "error" : "ok"}`} role="status" data-testid="earning-message">
          {message.text}
        </p>
      ) : null}
      <div className="earning-explain">
        <p>
          When earning is on, Synereo counts the seconds you spend on <strong>amplified posts in your Stream</strong> (a link someone put AMPs
          on, that you did not write or pay for) while the tab is in front, its window focused and you are not idle. It needs the browser's
          permission to see the active tab's address (<code>tabs</code>) and whether you are idle (<code>idle</code>); it asks when you turn
          earning on and gives them back when you turn it off.
        </p>
        <p>
          For each amplified post you attend to, it publishes <strong>one signed receipt</strong>: the stake id, the seconds and your public key.
          Nothing about any other page is stored or sent: other addresses are looked at in memory and forgotten.
        </p>
      </div>
      {status?.active ? (
        <p className="earning-now" data-testid="earning-active">
          Counting now: <strong>{status.active.title || status.active.url}</strong> · {status.active.seconds} s
        </p>
      ) : null}
      <div className="earning-list-head">
        <h2>What was counted</h2>
        <button type="button" data-testid="earning-clear" onClick={() => void clearList()} disabled={!rows || rows.length === 0}>
          Forget this list
        </button>
      </div>
      {!rows || rows.length === 0 ? (
        <p className="empty">Nothing counted on this device.</p>
      ) : (
        <table className="earning-table" data-testid="earning-list">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Seconds</th>
              <th scope="col">Stake</th>
              <th scope="col">Receipt</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="earning-row" data-url={r.url} data-status={r.shown} data-reason={r.reason ?? ""}>
                <td>
                  <div className="earning-title">{r.title || r.url}</div>
                  <div className="earning-url muted">{r.url}</div>
                </td>
                <td>{r.seconds}</td>
                <td>
                  <code title={r.stakeId}>{r.stakeId.slice(0, 8)}…</code>
                </td>
                <td>
                  <span className={`earning-status earning-${r.shown}`}>{label(r.shown)}</span>
                  {r.shown === "refused" || r.shown === "error" ? <div className="earning-reason muted">{r.message}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function label(s: Shown["shown"]): string {
  return { pending: "pending", published: "published", paid: "paid", refused: "not counted", error: "failed" }[s]
}
