// The CLI's view of a network: a relay connection, the genesis (from a file or by id) and a fresh
// fold of every ledger event of the network that the relay holds. The CLI never keeps a ledger of
// its own: each command reads the relay's set, so what it decides matches what peers will fold.
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import WebSocket from "ws"
import { useWebSocketImplementation, type Relay } from "nostr-tools/relay"

import { Ledger, parseGenesis, type NostrEvent } from "../../shared/ledger"
import { LOCAL_RELAY_URL } from "../../shared/network/local-relay"
import { connectRelay, fetchByIds, fetchLedgerEvents } from "../../shared/wallet/relay"
import { UsageError } from "./io"

useWebSocketImplementation(WebSocket)

export const DEFAULT_RELAY = LOCAL_RELAY_URL
export const DEFAULT_GENESIS_FILE = "genesis.json"

export async function withRelay<T>(url: string, fn: (relay: Relay) => Promise<T>): Promise<T> {
  let relay: Relay
  try {
    relay = await connectRelay(url)
  } catch (err) {
    throw new Error(`cannot connect to relay ${url}: ${(err as Error).message || String(err)} (is \`npm run relay\` running?)`)
  }
  try {
    return await fn(relay)
  } finally {
    relay.close()
  }
}

/** The network's genesis: `spec` is a 64-hex id (fetched from the relay) or a JSON file. */
export async function loadGenesis(spec: string | undefined, relay: Relay, cwd: string): Promise<NostrEvent> {
  const s = spec ?? DEFAULT_GENESIS_FILE
  let raw: unknown
  if (/^[0-9a-f]{64}$/.test(s)) {
    raw = (await fetchByIds(relay, [s]))[0]
    if (raw === undefined) throw new UsageError(`the relay has no genesis event ${s}`)
  } else {
    const path = resolve(cwd, s)
    try {
      raw = JSON.parse(readFileSync(path, "utf8"))
    } catch (err) {
      throw new UsageError(`cannot read the genesis file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
    }
  }
  try {
    parseGenesis(raw)
  } catch (err) {
    throw new UsageError(`not a valid genesis: ${(err as Error).message}`)
  }
  return raw as NostrEvent
}

export interface NetworkView {
  genesis: NostrEvent
  /** The network's ledger events on the relay (without the genesis). */
  events: NostrEvent[]
  ledger: Ledger
}

/** Fetches every ledger event of the network from the relay and folds them. */
export async function readNetwork(relay: Relay, genesis: NostrEvent): Promise<NetworkView> {
  const { events } = await fetchLedgerEvents(relay, genesis.id)
  const ledger = new Ledger({ genesis })
  ledger.addMany(events)
  return { genesis, events, ledger }
}
