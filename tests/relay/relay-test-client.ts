import { finalizeEvent, generateSecretKey, getPublicKey, type Event, type EventTemplate } from "nostr-tools/pure"
import type { Filter } from "nostr-tools/filter"
import WebSocket from "ws"

export type RelayMessage = [string, ...unknown[]]
export type OkMessage = ["OK", string, boolean, string]

const WAIT_MS = 5000
let subscriptionCounter = 0

/**
 * A bare NIP-01 client over a real WebSocket that keeps every frame it receives, so a test can
 * assert on exactly what the relay sent (how many OKs, whether a NOTICE came) rather than on what
 * a friendly library chose to surface.
 */
export class RelayTestClient {
  /** Frames received and not yet taken by a wait. */
  readonly inbox: RelayMessage[] = []
  /** Every frame ever received, in order. */
  readonly received: RelayMessage[] = []
  private waiters: Array<() => void> = []

  private constructor(readonly socket: WebSocket) {
    socket.on("message", data => {
      const message = JSON.parse(data.toString()) as RelayMessage
      this.inbox.push(message)
      this.received.push(message)
      for (const wake of this.waiters.splice(0)) wake()
    })
    socket.on("close", () => {
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  static connect(url: string): Promise<RelayTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url)
      socket.once("open", () => resolve(new RelayTestClient(socket)))
      socket.once("error", reject)
    })
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message))
  }

  sendRaw(frame: string | Buffer): void {
    this.socket.send(frame)
  }

  /** Takes the first frame in the inbox that matches, waiting for it if needed. */
  async take(match: (message: RelayMessage) => boolean, what = "a matching message"): Promise<RelayMessage> {
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      const index = this.inbox.findIndex(match)
      if (index >= 0) return this.inbox.splice(index, 1)[0]!
      if (!this.isOpen) throw new Error(`connection closed while waiting for ${what}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what}; inbox: ${JSON.stringify(this.inbox)}`)
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  async publish(event: Event | Record<string, unknown>): Promise<OkMessage> {
    this.send(["EVENT", event])
    const id = (event as { id?: unknown }).id
    return (await this.take(m => m[0] === "OK" && m[1] === id, `OK for ${String(id)}`)) as OkMessage
  }

  /** Stored events for the filters, i.e. everything up to EOSE. The subscription stays open. */
  async query(filters: Filter | Filter[], subscriptionId = nextSubscriptionId()): Promise<Event[]> {
    this.send(["REQ", subscriptionId, ...(Array.isArray(filters) ? filters : [filters])])
    await this.take(m => (m[0] === "EOSE" || m[0] === "CLOSED") && m[1] === subscriptionId, `EOSE of ${subscriptionId}`)
    const events: Event[] = []
    for (let i = 0; i < this.inbox.length; ) {
      const message = this.inbox[i]!
      if (message[0] === "EVENT" && message[1] === subscriptionId) {
        events.push(message[2] as Event)
        this.inbox.splice(i, 1)
      } else i++
    }
    return events
  }

  /** query() and CLOSE, for one-off reads. */
  async fetch(filters: Filter | Filter[]): Promise<Event[]> {
    const subscriptionId = nextSubscriptionId()
    const events = await this.query(filters, subscriptionId)
    this.send(["CLOSE", subscriptionId])
    return events
  }

  /**
   * The relay answers one connection's frames in order, so once this EOSE arrives every answer to
   * earlier frames has arrived too: a barrier for asserting that something was NOT sent.
   */
  async barrier(): Promise<void> {
    await this.fetch({ limit: 0 })
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise(resolve => {
      this.socket.once("close", () => resolve())
      this.socket.close()
    })
  }
}

export function nextSubscriptionId(): string {
  subscriptionCounter += 1
  return `sub-${subscriptionCounter}`
}

export interface Author {
  secretKey: Uint8Array
  pubkey: string
  sign(template: Partial<EventTemplate>): Event
}

export function newAuthor(): Author {
  const secretKey = generateSecretKey()
  return {
    secretKey,
    pubkey: getPublicKey(secretKey),
    // JSON round trip drops nostr-tools' Symbol(verified), so events compare equal to what the relay sends
    sign: template =>
      plain(finalizeEvent(
        {
          kind: template.kind ?? 1,
          content: template.content ?? "",
          tags: template.tags ?? [],
          created_at: template.created_at ?? nowSeconds()
        },
        secretKey
      ))
  }
}

function plain(event: Event): Event {
  return JSON.parse(JSON.stringify(event)) as Event
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/** A copy of a genuine event with a valid-looking but wrong signature (same id). */
export function forgedCopy(event: Event): Event {
  const other = newAuthor().sign({ content: "forger" })
  return { ...event, sig: other.sig }
}

export function ids(events: Event[]): string[] {
  return events.map(e => e.id).sort()
}
