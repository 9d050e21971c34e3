import "./sync.css"

import type { SyncStatus as Status } from "../../../../shared/messages/catalog"
import { useSettleWithEngine } from "../../wallet/sidepanel/use-settle-with-engine"
import { RelaySettings } from "./RelaySettings"
import { useGraphFeed } from "./use-graph-feed"
import { useSyncStatus } from "./use-sync-status"

const KIND_NAMES: Record<number, string> = { 39701: "post", 1111: "comment", 7: "like", 3: "follow list", 5: "deletion", 10000: "mute list", 10002: "relay list" }

function summary(s: Status): string {
  const open = s.relays.filter((r) => r.state === "open").length
  const total = s.relays.length
  const waiting = s.outbox.pending === 0 ? "everything sent" : s.outbox.pending === 1 ? "1 waiting to send" : `${s.outbox.pending} waiting to send`
  if (total === 0) return "No relays: choose one below."
  if (open === 0) return `Offline, retrying ${total === 1 ? "the relay" : `${total} relays`} · ${waiting}`
  return `Connected to ${open} of ${total} ${total === 1 ? "relay" : "relays"} · ${waiting}`
}

function host(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * One status line for the network: connected relays, what is waiting to be sent, and a relay's
 * latest refusal of one of our events (never hidden). Also feeds the engine worker (use-graph-feed),
 * which then weighs the person's due stakes for their settles (settle-with-engine).
 */
export function SyncStatus() {
  const applied = useGraphFeed()
  useSettleWithEngine()
  const { status, error, refresh } = useSyncStatus()
  const rejection = status?.rejections[0]
  const open = status?.relays.filter((r) => r.state === "open").length ?? 0
  return (
    <section className="sync-status" aria-label="Network">
      <p
        role="status"
        aria-live="polite"
        data-testid="sync-status"
        data-open={open}
        data-pending={status?.outbox.pending ?? ""}
        data-rejected={status?.outbox.rejected ?? ""}
        data-graph-deltas={applied}
        data-verifier={status?.verifier ?? ""}
        className={status && open > 0 ? "sync-line ok" : "sync-line"}
      >
        {error ? `Network status unavailable: ${error}` : status ? summary(status) : "Connecting…"}
      </p>
      {rejection ? (
        <p role="alert" className="status error" data-testid="sync-rejection">
          {host(rejection.url)} refused your {KIND_NAMES[rejection.kind] ?? `kind ${rejection.kind} event`}: {rejection.reason}
        </p>
      ) : null}
      <details className="sync-details">
        <summary>Relays</summary>
        {status ? (
          <ul className="relay-list" aria-label="Relay connections">
            {status.relays.map((r) => (
              <li key={r.url} data-testid="relay-row" data-state={r.state}>
                <span className={`relay-dot ${r.state}`} aria-hidden="true" />
                <span className="relay-url">{r.url}</span>
                <span className="muted">
                  {r.state === "open" ? "connected" : r.state}
                  {r.invalid > 0 ? ` · ${r.invalid} invalid events dropped` : ""}
                  {r.lastError && r.state !== "open" ? ` · ${r.lastError}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <RelaySettings status={status} onSaved={refresh} />
      </details>
    </section>
  )
}
