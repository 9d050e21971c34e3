import WebSocket from "ws"

import type { SignedEvent } from "../../shared/nostr/event-schema"

export interface PublishTally {
  /** `OK true` for a new event. */
  accepted: number
  /** `OK true "duplicate: …"`: the relay already had it (a restart re-publishing its history). */
  duplicates: number
  /** `OK false`: counted, and the first reasons kept. */
  refused: number
  reasons: string[]
}

export interface PublisherOptions {
  /** EVENT messages awaiting their OK at most; default 32. */
  concurrency?: number
  /** How long to wait for an OK before sending again on a new connection; default 15 s. */
  okTimeoutMs?: number
  log?: (line: string) => void
}

interface Pending {
  event: SignedEvent
  resolve: (ok: boolean) => void
  timer?: ReturnType<typeof setTimeout>
}

/**
 * Publishes events to one relay over a WebSocket (`ws`), with at most `concurrency` EVENTs in
 * flight. A dropped connection is reopened with backoff and the unanswered events are sent again,
 * which is harmless: an event's id is its content, and a relay answers a repeat as a duplicate.
 */
export class RelayPublisher {
  readonly tally: PublishTally = { accepted: 0, duplicates: 0, refused: 0, reasons: [] }
  private ws: WebSocket | undefined
  private opening: Promise<WebSocket> | undefined
  private readonly pending = new Map<string, Pending>()
  private readonly slots: (() => void)[] = []
  private closed = false
  private failures = 0
  private readonly concurrency: number
  private readonly okTimeoutMs: number
  private readonly log: (line: string) => void

  constructor(
    readonly url: string,
    opts: PublisherOptions = {}
  ) {
    this.concurrency = opts.concurrency ?? 32
    this.okTimeoutMs = opts.okTimeoutMs ?? 15_000
    this.log = opts.log ?? (() => {})
  }

  /** Sends one event; resolves once the relay answered (true: stored or already held). */
  async publish(event: SignedEvent): Promise<boolean> {
    while (this.pending.size >= this.concurrency) await new Promise<void>((r) => this.slots.push(r))
    if (this.closed) return false
    const existing = this.pending.get(event.id)
    if (existing) return new Promise<boolean>((resolve) => {
      const before = existing.resolve
      existing.resolve = (ok) => (before(ok), resolve(ok))
    })
    return new Promise<boolean>((resolve) => {
      const p: Pending = { event, resolve }
      this.pending.set(event.id, p)
      void this.send(p)
    })
  }

  /** Publishes a whole sequence (pulled lazily, so signing overlaps sending); resolves when every OK is in. */
  async publishAll(events: Iterable<SignedEvent>, onEach?: (event: SignedEvent, ok: boolean) => void): Promise<void> {
    const inFlight = new Set<Promise<void>>()
    for (const event of events) {
      if (this.closed) break
      const job = this.publish(event).then((ok) => onEach?.(event, ok))
      inFlight.add(job)
      void job.finally(() => inFlight.delete(job))
      // Let answers in between signatures (the generator is synchronous).
      await new Promise<void>((r) => setImmediate(r))
      while (this.pending.size >= this.concurrency && !this.closed) await new Promise<void>((r) => this.slots.push(r))
    }
    await Promise.all(inFlight)
  }

  /** Waits for the events in flight (up to `graceMs`), then closes. */
  async close(graceMs = 2_000): Promise<void> {
    if (this.pending.size > 0) await Promise.race([new Promise<void>((r) => this.whenIdle(r)), new Promise((r) => setTimeout(r, graceMs))])
    this.closed = true
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer)
      p.resolve(false)
    }
    this.pending.clear()
    this.releaseSlots()
    this.ws?.close()
    this.ws = undefined
  }

  private whenIdle(done: () => void): void {
    if (this.pending.size === 0) return done()
    setTimeout(() => this.whenIdle(done), 50)
  }

  private releaseSlots(): void {
    while (this.slots.length > 0 && (this.closed || this.pending.size < this.concurrency)) this.slots.shift()!()
  }

  private async send(p: Pending): Promise<void> {
    let ws: WebSocket
    try {
      ws = await this.connection()
    } catch {
      return // the reconnect loop resends everything pending
    }
    if (this.closed || this.pending.get(p.event.id) !== p) return
    if (p.timer) clearTimeout(p.timer)
    p.timer = setTimeout(() => {
      // No answer: the connection is probably stuck. Drop it; everything pending is sent again.
      if (this.ws === ws) ws.terminate()
    }, this.okTimeoutMs)
    ws.send(JSON.stringify(["EVENT", p.event]))
  }

  private connection(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return Promise.resolve(this.ws)
    this.opening ??= this.open().finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  private async open(): Promise<WebSocket> {
    for (;;) {
      if (this.closed) throw new Error("publisher closed")
      try {
        const ws = await new Promise<WebSocket>((resolve, reject) => {
          const sock = new WebSocket(this.url, { perMessageDeflate: false })
          sock.once("open", () => resolve(sock))
          sock.once("error", reject)
        })
        this.failures = 0
        this.ws = ws
        ws.on("message", (data) => this.onMessage(String(data)))
        ws.on("error", () => {})
        ws.on("close", () => {
          if (this.ws !== ws) return
          this.ws = undefined
          if (this.closed || this.pending.size === 0) return
          // Send what is still unanswered on a new connection.
          for (const p of this.pending.values()) void this.send(p)
        })
        return ws
      } catch (err) {
        const wait = Math.min(10_000, 250 * 2 ** this.failures++)
        if (this.failures === 1 || this.failures % 10 === 0) this.log(`Demo: cannot reach ${this.url} (${err instanceof Error ? err.message : String(err)}); retrying`)
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }

  private onMessage(text: string): void {
    let msg: unknown
    try {
      msg = JSON.parse(text)
    } catch {
      return
    }
    if (!Array.isArray(msg) || msg[0] !== "OK" || typeof msg[1] !== "string") return
    const p = this.pending.get(msg[1])
    if (!p) return
    if (p.timer) clearTimeout(p.timer)
    this.pending.delete(msg[1])
    const ok = msg[2] === true
    const reason = typeof msg[3] === "string" ? msg[3] : ""
    if (ok && reason.startsWith("duplicate")) this.tally.duplicates++
    else if (ok) this.tally.accepted++
    else {
      this.tally.refused++
      if (this.tally.reasons.length < 5) this.tally.reasons.push(`${p.event.kind}/${p.event.id.slice(0, 8)}: ${reason}`)
    }
    p.resolve(ok)
    this.releaseSlots()
  }
}
