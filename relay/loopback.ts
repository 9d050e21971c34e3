import { isIP } from "node:net"

/**
 * True for names that can only be reached from this machine. Used to refuse an accidental
 * public bind: the relay has no auth and accepts any signed event.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "")
  if (h === "localhost" || h === "::1") return true
  if (isIP(h) === 4) return h.startsWith("127.")
  // IPv4-mapped loopback, e.g. ::ffff:127.0.0.1
  return h.startsWith("::ffff:127.")
}

export function relayUrl(host: string, port: number): string {
  const h = host.replace(/^\[|\]$/g, "")
  return isIP(h) === 6 ? `ws://[${h}]:${port}` : `ws://${h}:${port}`
}
