import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

/** A 1x1 PNG. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64")

export interface ImageServer {
  port: number
  /** TCP connections, counted before any protocol: a TLS attempt on this plain-HTTP port counts too. */
  connections(): number
  /** HTTP requests per path. */
  requests(path: string): number
  close(): Promise<void>
}

/** A would-be tracking pixel host on loopback, counting every contact the browser makes. */
export async function startImageServer(): Promise<ImageServer> {
  let connections = 0
  const requests = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    requests.set(path, (requests.get(path) ?? 0) + 1)
    res.writeHead(200, { "content-type": "image/png" }).end(PNG)
  })
  server.on("connection", () => connections++)
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    requests: (path) => requests.get(path) ?? 0,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}
