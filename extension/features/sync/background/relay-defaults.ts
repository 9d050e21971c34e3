import { LOCAL_RELAY_URL } from "../../../../shared/network/local-relay"
import { parseRelayUrls } from "../../../../shared/sync/relay-plan"

/**
 * Public relays a store build starts with (the person's NIP-65 list replaces them). Widely run,
 * free to write to, and serving NIP-B0 and NIP-22 kinds.
 */
export const STORE_DEFAULT_RELAYS = ["wss://relay.damus.io/", "wss://nos.lol/", "wss://relay.primal.net/"]

/**
 * The relays this build uses until the person chooses their own (a NIP-65 list), decided at build
 * time by Plasmo's environment (inlined by Parcel, so nothing is read at run time):
 * - `PLASMO_PUBLIC_DEFAULT_RELAYS` (comma- or space-separated ws(s) URLs), when set, wins in any build;
 * - a store build (`plasmo build --tag=store`, PLASMO_TAG "store") uses STORE_DEFAULT_RELAYS;
 * - every other build (`plasmo dev`, and `plasmo build`, which `npm start`, the demo and the e2e
 *   tests load) uses the embedded local relay, ws://127.0.0.1:7777, and never a public relay.
 */
export function defaultRelays(): string[] {
  const configured = process.env.PLASMO_PUBLIC_DEFAULT_RELAYS
  if (configured) {
    const urls = parseRelayUrls(configured, (m) => console.warn(`Synereo sync: ${m}`))
    if (urls.length > 0) return urls
  }
  return process.env.PLASMO_TAG === "store" ? [...STORE_DEFAULT_RELAYS] : [LOCAL_RELAY_URL]
}
