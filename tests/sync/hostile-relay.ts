import type { AddressInfo } from "node:net"

import { WebSocketServer } from "ws"

/**
 * A fake relay that answers every REQ with whatever frames the test hands it, then EOSE: the only
 * way to make a client see events a real relay would never store (forged, malformed).
 */
export async function startHostileRelay(eventsFor: (filter: Record<string, unknown>) => unknown[]): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 })
  await new Promise<void>((r) => wss.once("listening", () => r()))
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      let msg: unknown
      try {
        msg = JSON.parse(data.toString())
      } catch {
        return
      }
      if (!Array.isArray(msg)) return
      if (msg[0] === "REQ") {
        const [, subId, ...filters] = msg as [string, string, ...Record<string, unknown>[]]
        for (const f of filters) for (const e of eventsFor(f)) ws.send(JSON.stringify(["EVENT", subId, e]))
        ws.send(JSON.stringify(["EOSE", subId]))
      } else if (msg[0] === "EVENT") {
        const id = (msg[1] as { id?: string })?.id
        ws.send(JSON.stringify(["OK", id, true, ""]))
      }
    })
  })
  const port = (wss.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate()
        wss.close(() => r())
      })
  }
}
