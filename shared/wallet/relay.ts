// Talking to relays about ledger events, with nostr-tools' Relay: publish and wait for the OK,
// query until the real EOSE, and page through every ledger event of a network. In Node, call
// `useWebSocketImplementation(ws)` from nostr-tools/relay first (scripts/amp does).
import { Relay } from "nostr-tools/relay"
import type { Filter } from "nostr-tools/filter"

import { KIND, type NostrEvent } from "../ledger"
import type { Publish } from "./types"

export const QUERY_TIMEOUT_MS = 30_000
/** Events asked for per page. Below the embedded relay's cap of 1000 (relay/README.md). */
export const PAGE_LIMIT = 500
/** Limit of the query that completes one second; a full answer means the second may be cut. */
const SECOND_LIMIT = 1000

const plain = (e: NostrEvent): NostrEvent => ({
  id: e.id,
  pubkey: e.pubkey,
  created_at: e.created_at,
  kind: e.kind,
  tags: e.tags.map((t) => [...t]),
  content: e.content,
  sig: e.sig
})

export function connectRelay(url: string): Promise<Relay> {
  return Relay.connect(url)
}

/** Publishes and resolves on the relay's `OK true` (a duplicate counts); rejects on `OK false`. */
export async function publishTo(relay: Relay, event: NostrEvent): Promise<void> {
  await relay.publish(event)
}

/**
 * Stored events matching `filter`, resolved on the relay's EOSE. nostr-tools treats a slow relay's
 * silence as EOSE after its eoseTimeout, which would make a partial answer look complete; here a
 * relay that does not finish in time is an error instead.
 */
export function queryRelay(relay: Relay, filter: Filter, timeoutMs = QUERY_TIMEOUT_MS): Promise<NostrEvent[]> {
  return new Promise((resolve, reject) => {
    const events: NostrEvent[] = []
    let done = false
    const finish = (err: Error | null): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      sub.close()
      if (err) reject(err)
      else resolve(events)
    }
    const timer = setTimeout(() => finish(new Error(`relay ${relay.url} did not answer a query within ${timeoutMs} ms`)), timeoutMs)
    const sub = relay.subscribe([filter], {
      eoseTimeout: timeoutMs * 10,
      onevent: (e) => events.push(plain(e)),
      oneose: () => finish(null),
      onclose: (reason) => finish(new Error(`relay ${relay.url} closed the query: ${reason}`))
    })
  })
}

/** Events of the given ids (in batches the relay's validator accepts). */
export async function fetchByIds(relay: Relay, ids: readonly string[]): Promise<NostrEvent[]> {
  const out: NostrEvent[] = []
  for (let i = 0; i < ids.length; i += PAGE_LIMIT) {
    const batch = ids.slice(i, i + PAGE_LIMIT)
    out.push(...(await queryRelay(relay, { ids: batch, limit: batch.length })))
  }
  return out
}

/**
 * Every stored event matching `filter`, newest pages first. Relays cap `limit`, so it pages by
 * `until`; and since events of one second cannot be split by `until`, each page's oldest second
 * is fetched whole by a second query. If a single second holds more events than a query can
 * return, it throws rather than return a silently incomplete set.
 */
export async function fetchAll(relay: Relay, filter: Filter): Promise<NostrEvent[]> {
  const seen = new Map<string, NostrEvent>()
  let until: number | undefined = filter.until
  for (;;) {
    const page = await queryRelay(relay, { ...filter, ...(until === undefined ? {} : { until }), limit: PAGE_LIMIT })
    if (page.length === 0) break
    // Every event newer than the page's oldest second is in the page (relays return newest
    // first); only that second may be cut short, so it is fetched whole below.
    for (const e of page) seen.set(e.id, e)
    const oldest = Math.min(...page.map((e) => e.created_at))
    const second = await queryRelay(relay, { ...filter, since: oldest, until: oldest, limit: SECOND_LIMIT })
    if (second.length >= SECOND_LIMIT) {
      throw new Error(`relay ${relay.url} holds ${SECOND_LIMIT} or more matching events at created_at ${oldest}; cannot page through them`)
    }
    for (const e of second) seen.set(e.id, e)
    if (oldest === 0 || (filter.since !== undefined && oldest <= filter.since)) break
    until = oldest - 1
  }
  return [...seen.values()]
}

const LEDGER_KINDS_BUT_GENESIS = [KIND.transfer, KIND.stake, KIND.burn, KIND.settle, KIND.receipt]

/**
 * The genesis and every ledger event of its network that the relay holds. Relays index only
 * single-letter tags, so `net` is checked here; each kind is paged on its own.
 */
export async function fetchLedgerEvents(relay: Relay, genesisId: string): Promise<{ genesis: NostrEvent | null; events: NostrEvent[] }> {
  const [genesis] = await fetchByIds(relay, [genesisId])
  const events: NostrEvent[] = []
  for (const kind of LEDGER_KINDS_BUT_GENESIS) {
    for (const e of await fetchAll(relay, { kinds: [kind] })) {
      if (e.tags.some((t) => t[0] === "net" && t[1] === genesisId)) events.push(e)
    }
  }
  return { genesis: genesis ?? null, events }
}

/**
 * A `Publish` over relays: keeps one connection per URL (reopened when closed) and resolves once
 * at least one relay accepted the event.
 */
export function relayPublisher(urls: readonly string[]): Publish & { close(): void } {
  const open = new Map<string, Promise<Relay>>()
  const connection = async (url: string): Promise<Relay> => {
    const existing = open.get(url)
    if (existing) {
      const r = await existing.catch(() => null)
      if (r?.connected) return r
    }
    const fresh = connectRelay(url)
    open.set(url, fresh)
    return fresh
  }
  const publish = async (event: NostrEvent): Promise<void> => {
    const errors: string[] = []
    let accepted = 0
    await Promise.all(
      urls.map(async (url) => {
        try {
          await publishTo(await connection(url), event)
          accepted++
        } catch (err) {
          errors.push(`${url}: ${err instanceof Error ? err.message : String(err)}`)
        }
      })
    )
    if (accepted === 0) throw new Error(`no relay accepted the event (${errors.join("; ") || "no relays configured"})`)
  }
  return Object.assign(publish, {
    close(): void {
      for (const p of open.values()) void p.then((r) => r.close(), () => undefined)
      open.clear()
    }
  })
}
