import { mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import type { AddressInfo } from "node:net"
import { NostrRelay } from "@nostr-relay/core"
import { EventRepositorySqlite } from "@nostr-relay/event-repository-sqlite"
import { Validator } from "@nostr-relay/validator"
import { WebSocketServer, type WebSocket } from "ws"
import { EventGuard } from "./event-guard"
import { handleFrame, type RelayCounters } from "./incoming-frames"
import { DEFAULT_LIMITS, MAX_SUBSCRIPTION_ID_LENGTH, MAX_TAG_VALUE_CHARS, type RelayLimits } from "./limits"
import { defaultRelayLogger, toLibraryLogger, type RelayLogger } from "./logger"
import { isLoopbackHost, relayUrl } from "./loopback"
import { PolicyRepository } from "./policy-repository"
import { SerialLock } from "./serial-lock"
import { SubscriptionHub } from "./subscription-hub"

export const DEFAULT_HOST = "127.0.0.1"
export const DEFAULT_DATA_DIR = resolve(__dirname, "..", ".data", "relay")
export const DATABASE_FILE_NAME = "relay.sqlite"

export interface StartRelayOptions {
  /** Default 127.0.0.1. Anything that is not loopback also needs `allowNonLoopback`. */
  host?: string
  /** 0 (the default) picks a free ephemeral port. */
  port?: number
  /** Directory of `relay.sqlite`; created if missing. Default `<project>/.data/relay`. */
  dataDir?: string
  /** Keep everything in a sqlite `:memory:` database instead; `dataDir` is then ignored. */
  inMemory?: boolean
  /** The relay has no auth; binding it beyond this machine must be asked for in so many words. */
  allowNonLoopback?: boolean
  logger?: RelayLogger
  limits?: Partial<RelayLimits>
  /** Clock in milliseconds, for NIP-40 decisions. Default `Date.now`. */
  now?: () => number
}

export interface RelayStats {
  connections: number
  subscriptions: number
  /** Rows in the event table, including expired ones not yet purged. */
  storedEvents: number
  /** EVENT messages received, valid or not. */
  eventsReceived: number
  /** Answered `OK true`, duplicates included. */
  eventsAccepted: number
  /** Answered `OK false` (or a NOTICE when the event had no id). */
  eventsRejected: number
  /** Expired events deleted by the periodic purge since start. */
  expiredPurged: number
}

export interface RunningRelay {
  /** e.g. ws://127.0.0.1:45873 */
  url: string
  host: string
  port: number
  /** Path of the sqlite file, or ":memory:". */
  storage: string
  stats(): RelayStats
  /**
   * Deletes every stored event by these authors (the AMP ledger's kinds and deletion requests
   * excepted) without NIP-09 tombstones, so they can be published again; resolves with the count.
   * For whoever runs this relay (the demo replacing its old history), not reachable by clients.
   */
  deleteAuthoredBy(authors: readonly string[]): Promise<number>
  /** Closes every connection, waits for work in flight, closes the database. Idempotent. */
  close(): Promise<void>
}

const CLOSE_GRACE_MS = 1000

export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  const host = options.host ?? DEFAULT_HOST
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new Error(`refusing to bind the relay to ${host}: not a loopback address (pass allowNonLoopback / --host to insist)`)
  }
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const logger = options.logger ?? defaultRelayLogger
  const nowMs = options.now ?? Date.now
  const nowSeconds = (): number => Math.floor(nowMs() / 1000)
  const storage = options.inMemory ? ":memory:" : databasePath(options.dataDir ?? DEFAULT_DATA_DIR)

  const sqlite = new EventRepositorySqlite(storage)
  // The library turns on WAL but leaves synchronous=FULL, an fsync per stored event. NORMAL is
  // still corruption-safe under WAL; only a power cut can lose the last few events, which a
  // local relay can afford.
  sqlite.getDatabase().pragma("synchronous = NORMAL")
  try {
    await sqlite.init()
  } catch (error) {
    await sqlite.destroy()
    throw error
  }

  const lock = new SerialLock()
  const counters: RelayCounters = { eventsReceived: 0, eventsAccepted: 0, eventsRejected: 0, expiredPurged: 0 }
  const repository: PolicyRepository = new PolicyRepository(sqlite, nowSeconds, (deletion): Promise<void> => hub.broadcast(deletion))
  const hub: SubscriptionHub = new SubscriptionHub(repository, limits.maxSubscriptionsPerConnection, logger)
  const relay = new NostrRelay(repository, {
    logger: toLibraryLogger(logger),
    maxSubscriptionsPerClient: limits.maxSubscriptionsPerConnection,
    // Its per-id result cache remembers a refused forged copy and then refuses the genuine event
    // with the same id (without ttl it is kept until evicted, not just the documented 10 min).
    eventHandlingResultCacheTtl: 0,
    // Its 1 s query cache would serve results from before the latest write or deletion.
    filterResultCacheTtl: 0
  })
  relay.register(hub).register(new EventGuard(repository, nowSeconds))
  const validator = new Validator({
    maxContentLength: limits.maxMessageBytes,
    maxSubscriptionIdLength: MAX_SUBSCRIPTION_ID_LENGTH,
    maxTagValueLength: MAX_TAG_VALUE_CHARS
  })
  const frameDeps = { relay, validator, lock, limits, logger, counters }

  const purge = (): Promise<void> =>
    lock
      .run(() => repository.purgeExpired())
      .then(count => {
        counters.expiredPurged += count
      })
      .catch(error => logger.error("purging expired events failed", error))
  await purge() // events may have expired while the relay was stopped
  const purgeTimer = setInterval(purge, limits.purgeIntervalMs)
  purgeTimer.unref()

  const sockets = new Set<WebSocket>()
  const inFlight = new Set<Promise<void>>()
  let wss: WebSocketServer
  try {
    wss = await listen(host, options.port ?? 0, limits.maxFrameBytes)
  } catch (error) {
    clearInterval(purgeTimer)
    await relay.destroy()
    await repository.destroy()
    throw error
  }

  wss.on("connection", (ws, request) => {
    sockets.add(ws)
    relay.handleConnection(ws, request.socket.remoteAddress)
    // One frame at a time per connection, so answers come back in the order messages were sent.
    let queue: Promise<void> = Promise.resolve()
    ws.on("message", data => {
      const job = queue.then(() => handleFrame(ws, data, frameDeps)).catch(error => logger.error("frame failed", error))
      queue = job
      inFlight.add(job)
      void job.finally(() => inFlight.delete(job))
    })
    ws.on("error", error => logger.warn(`connection error: ${error.message}`))
    ws.on("close", () => {
      sockets.delete(ws)
      hub.forget(ws)
      relay.handleDisconnect(ws)
    })
  })
  wss.on("error", error => logger.error("relay server error", error))

  const port = (wss.address() as AddressInfo).port
  const url = relayUrl(host, port)
  logger.info(`relay listening on ${url} (${storage})`)

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(purgeTimer)
      const serverClosed = new Promise<void>(done => wss.close(() => done()))
      await closeSockets(sockets)
      await serverClosed
      await Promise.allSettled([...inFlight])
      await lock.drain()
      await relay.destroy()
      await repository.destroy()
      logger.info(`relay on ${url} closed`)
    })()
    return closing
  }

  return {
    url,
    host,
    port,
    storage,
    close,
    deleteAuthoredBy: authors => lock.run(() => repository.deleteAuthoredBy(authors)),
    stats: () => ({
      connections: sockets.size,
      subscriptions: hub.subscriptionCount(),
      storedEvents: closing ? 0 : repository.countStored(),
      ...counters
    })
  }
}

function databasePath(dataDir: string): string {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  return join(dir, DATABASE_FILE_NAME)
}

function listen(host: string, port: number, maxPayload: number): Promise<WebSocketServer> {
  return new Promise((resolveListen, rejectListen) => {
    const wss = new WebSocketServer({ host, port, maxPayload, perMessageDeflate: false })
    const onError = (error: Error): void => {
      wss.close()
      rejectListen(error)
    }
    wss.once("error", onError)
    wss.once("listening", () => {
      wss.off("error", onError)
      resolveListen(wss)
    })
  })
}

/** Polite close first (clients see 1001 "going away"), then cut whoever is still there. */
async function closeSockets(sockets: Set<WebSocket>): Promise<void> {
  const closed = [...sockets].map(ws => new Promise<void>(done => ws.once("close", () => done())))
  for (const ws of sockets) ws.close(1001, "relay shutting down")
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.all(closed),
    new Promise<void>(done => {
      timer = setTimeout(done, CLOSE_GRACE_MS)
    })
  ])
  clearTimeout(timer)
  for (const ws of sockets) ws.terminate()
  await Promise.all(closed)
}
