import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import WebSocket from "ws"
import { afterEach, describe, expect, it } from "vitest"

import { startRelay, type RunningRelay } from "../../relay"
import { openStreamDb, type StreamDb } from "../../shared/db/database"
import type { GraphDelta } from "../../shared/engine/engine-api"
import { bookmarkAddress, commentTemplate, contactListTemplate, deletionTemplate, KIND_WEB_BOOKMARK, parseKnownEvent, reactionTemplate } from "../../shared/nostr/kinds"
import { sanitizeMetadata } from "../../shared/posts/link-metadata"
import { linkPostTemplate, parseLinkPostEvent } from "../../shared/posts/link-post-event"
import { saveLinkPost } from "../../shared/posts/post-store"
import { loadVerifier, storeKnownEvents, type SyncCore, type WebSocketImpl } from "../../shared/sync"
import { RelayTestClient } from "../relay/relay-test-client"
import { startHostileRelay } from "./hostile-relay"
import { freshDb, nowSec, person, plain, syncCore, type Person } from "./sync-fixture"

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function relay(opts: { port?: number; dataDir?: string } = {}): Promise<RunningRelay> {
  const r = await startRelay(opts.dataDir ? { port: opts.port, dataDir: opts.dataDir } : { port: opts.port, inMemory: true })
  cleanups.push(() => r.close())
  return r
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "synereo-sync-test-"))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function client(url: string): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(url)
  cleanups.push(() => c.close())
  return c
}

async function started(core: SyncCore): Promise<SyncCore> {
  cleanups.push(() => core.stop())
  await core.start()
  return core
}

function linkPost(p: Person, url: string, createdAt = nowSec()) {
  return p.sign(linkPostTemplate(url, sanitizeMetadata({ title: `Title of ${url}` }, url), createdAt))
}

/** Event ids in the graph-delta log, sorted; each event must appear once. */
async function loggedIds(db: StreamDb): Promise<string[]> {
  return (await db.graphDeltas.toArray()).flatMap((r) => r.eventIds).sort()
}

function bookmarkTarget(post: { id: string; pubkey: string }, url: string) {
  return { id: post.id, author: post.pubkey, address: bookmarkAddress(post.pubkey, url) }
}

/** A `ws` WebSocket that records every frame the client sends. */
function spyingWebSocket(sent: string[]): WebSocketImpl {
  class Spy extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      sent.push(String(data))
      ;(super.send as (...a: unknown[]) => void)(data, ...rest)
    }
  }
  return Spy as unknown as WebSocketImpl
}

function reqFilters(sent: string[]): Record<string, unknown>[] {
  return sent.filter((f) => f.startsWith('["REQ"')).flatMap((f) => (JSON.parse(f) as unknown[]).slice(2) as Record<string, unknown>[])
}

describe("sync core against the real relay", () => {
  it("carries a link post from one person's outbox to another's Stream", async () => {
    const r = await relay()
    const alice = person()
    const bob = person()
    const dbA = freshDb()
    const dbB = freshDb()
    const a = await started(await syncCore(dbA, [r.url], { me: async () => alice.pubkey }))
    await started(await syncCore(dbB, [r.url], { me: async () => bob.pubkey }))

    const post = linkPost(alice, "https://example.com/a")
    expect(await a.publishOwn(post)).toEqual({ ok: true })
    await expect.poll(() => dbB.posts.get("https://example.com/a")).toMatchObject({ amplifiers: [alice.pubkey], title: "Title of https://example.com/a" })
    await expect.poll(async () => (await dbA.outbox.get(post.id))?.state).toBe("sent")
    expect(await dbB.graphDeltas.toArray()).toMatchObject([{ eventIds: [post.id], deltas: [{ type: "post", id: "https://example.com/a", author: alice.pubkey }] }])
  })

  it("keeps an event queued while no relay answers, and sends it after a restart (new core, same database)", async () => {
    const dataDir = tempDir()
    const first = await relay({ dataDir })
    const port = first.port
    await first.close() // the relay is down before the person amplifies
    const alice = person()
    const name = `sync-restart-${Date.now()}`
    const db1 = openStreamDb(name)
    const core1 = await started(await syncCore(db1, [first.url], { me: async () => alice.pubkey }))
    const post = linkPost(alice, "https://example.com/offline")
    expect(await core1.publishOwn(post)).toEqual({ ok: true })
    await core1.flushOutbox()
    expect(await db1.outbox.get(post.id)).toMatchObject({ state: "pending", acceptedBy: [] })
    expect((await core1.status()).relays).toMatchObject([{ state: expect.stringMatching(/closed|connecting/) }])
    await core1.stop() // the service worker dies
    db1.close()

    await relay({ port, dataDir })
    const db2 = openStreamDb(name) // what the next worker opens
    expect(await db2.outbox.get(post.id)).toMatchObject({ state: "pending" })
    await started(await syncCore(db2, [first.url], { me: async () => alice.pubkey }))
    await expect.poll(async () => (await db2.outbox.get(post.id))?.state).toBe("sent")
    const reader = await client(first.url)
    expect(await reader.fetch({ ids: [post.id] })).toEqual([post])
    expect(await db2.events.count()).toBe(1)
  })

  it("keeps a relay's refusal on the outbox row and in the status, and stops retrying it", async () => {
    const r = await relay()
    const alice = person()
    const post = linkPost(alice, "https://example.com/regret")
    const writer = await client(r.url)
    await writer.publish(alice.sign(deletionTemplate({ events: [{ id: post.id, kind: KIND_WEB_BOOKMARK }] }, nowSec())))

    const db = freshDb()
    const core = await started(await syncCore(db, [r.url], { me: async () => alice.pubkey }))
    await core.publishOwn(post)
    await expect.poll(async () => (await db.outbox.get(post.id))?.state).toBe("rejected")
    const row = (await db.outbox.get(post.id))!
    expect(row.rejections).toEqual([{ url: `${r.url}/`, eventId: post.id, kind: KIND_WEB_BOOKMARK, reason: "blocked: deleted by its author (NIP-09)", at: expect.any(Number) }])
    const status = await core.status()
    expect(status.outbox).toMatchObject({ pending: 0, rejected: 1 })
    expect(status.rejections[0]).toMatchObject({ eventId: post.id, reason: "blocked: deleted by its author (NIP-09)" })
    expect(status.relays[0]!.stats).toMatchObject({ rejected: 1, lastRejection: { reason: "blocked: deleted by its author (NIP-09)" } })
    await core.flushOutbox({ ignoreBackoff: true })
    expect((await db.outbox.get(post.id))!.attempts).toBe(1)
  })

  it("resumes from its cursor after the relay restarts: nothing lost, nothing stored twice", async () => {
    const dataDir = tempDir()
    let r = await relay({ dataDir })
    const url = r.url
    const alice = person()
    const bob = person()
    const dbB = freshDb()
    const sent: string[] = []
    const b = await started(await syncCore(dbB, [url], { me: async () => bob.pubkey, WebSocket: spyingWebSocket(sent) }))
    const writer = await client(url)
    const before = linkPost(alice, "https://example.com/before")
    await writer.publish(before)
    await expect.poll(() => dbB.posts.count()).toBe(1)
    await expect.poll(() => dbB.relayCursors.get(`${url}/`)).toBeDefined()
    const cursor = (await dbB.relayCursors.get(`${url}/`))!.since

    // A's outbox holds an event made while the relay is down.
    const dbA = freshDb()
    const a = await started(await syncCore(dbA, [url], { me: async () => alice.pubkey }))
    await r.close()
    await expect.poll(async () => (await b.status()).relays[0]!.state).not.toBe("open")
    const during = linkPost(alice, "https://example.com/during")
    await a.publishOwn(during)
    expect((await dbA.outbox.get(during.id))!.state).toBe("pending")

    sent.length = 0
    r = await relay({ port: r.port, dataDir })
    await expect.poll(async () => (await dbA.outbox.get(during.id))?.state, { timeout: 10_000 }).toBe("sent")
    await expect.poll(() => dbB.posts.count(), { timeout: 10_000 }).toBe(2)
    const resumed = reqFilters(sent).filter((f) => (f.kinds as number[]).includes(KIND_WEB_BOOKMARK))
    expect(resumed.length).toBeGreaterThan(0)
    for (const f of resumed) expect(f.since).toBeGreaterThanOrEqual(cursor - 3600)
    expect(await dbB.events.count()).toBe(2)
    expect(await loggedIds(dbB)).toEqual([before.id, during.id].sort())
  })

  it("after a restart, skips the held events a relay re-sends in the overlap without verifying them again", async () => {
    const r = await relay()
    const alice = person()
    const name = `sync-overlap-${Date.now()}`
    const writer = await client(r.url)
    const old = linkPost(alice, "https://example.com/held")
    await writer.publish(old)
    const db1 = openStreamDb(name)
    const core1 = await started(await syncCore(db1, [r.url], { me: async () => person().pubkey }))
    await expect.poll(() => db1.relayCursors.count()).toBe(1)
    await core1.stop()
    db1.close()

    const fresh = linkPost(alice, "https://example.com/new")
    await writer.publish(fresh)
    const verifier = await loadVerifier()
    const verified: string[] = []
    const db2 = openStreamDb(name)
    const core2 = await started(await syncCore(db2, [r.url], { me: async () => person().pubkey, verify: (e) => (verified.push(e.id), verifier.verify(e)) }))
    await expect.poll(() => db2.posts.count()).toBe(2)
    await core2.idle()
    expect(verified).toEqual([fresh.id])
    expect((await core2.status()).relays[0]!.stats).toMatchObject({ stored: 2, duplicates: 1 })
  })

  it("stores an event once when two relays both send it, and counts the copy as a duplicate", async () => {
    const r1 = await relay()
    const r2 = await relay()
    const alice = person()
    const early = linkPost(alice, "https://example.com/both-early")
    for (const r of [r1, r2]) await (await client(r.url)).publish(early)

    const db = freshDb()
    const deltas: GraphDelta[] = []
    const core = await started(await syncCore(db, [r1.url, r2.url], { me: async () => person().pubkey, sink: { applyDeltas: (d) => deltas.push(...d) } }))
    await expect.poll(() => db.posts.count()).toBe(1)
    const live = linkPost(alice, "https://example.com/both-live")
    await Promise.all([r1, r2].map(async (r) => (await client(r.url)).publish(live)))
    await expect.poll(() => db.posts.count()).toBe(2)
    await core.idle()
    expect(await db.events.count()).toBe(2)
    expect(await loggedIds(db)).toEqual([early.id, live.id].sort())
    expect(deltas.filter((d) => d.type === "post")).toHaveLength(2)
    const stats = (await core.status()).relays.map((x) => x.stats!)
    expect(stats.reduce((n, s) => n + s.stored, 0)).toBe(2)
    expect(stats.reduce((n, s) => n + s.duplicates, 0)).toBe(2)
  })

  it("counts and drops malformed, forged and oversized events, and keeps going", async () => {
    const alice = person()
    const good = linkPost(alice, "https://example.com/good")
    const other = linkPost(person(), "https://example.com/other")
    const forged = { ...linkPost(alice, "https://example.com/forged"), sig: other.sig }
    const tampered = { ...linkPost(alice, "https://example.com/tampered"), content: "changed after signing" }
    const { sig: _dropped, ...unsigned } = linkPost(alice, "https://example.com/unsigned")
    const badPubkey = { ...linkPost(alice, "https://example.com/badkey"), pubkey: "XYZ" }
    const numericTags = { ...linkPost(alice, "https://example.com/numbers"), tags: [[1, 2]] }
    const hostile = await startHostileRelay((f) => ((f.kinds as number[]).includes(KIND_WEB_BOOKMARK) ? [forged, tampered, unsigned, badPubkey, numericTags, good] : []))
    cleanups.push(() => hostile.close())

    // A real relay stores an oversized post (the relay takes 128 KiB), which our limits refuse.
    const r = await relay()
    const huge = alice.sign({ ...linkPostTemplate("https://example.com/huge", sanitizeMetadata({ title: "huge" }, "https://example.com/huge"), nowSec()), content: "x".repeat(20_000) })
    expect((await (await client(r.url)).publish(huge))[2]).toBe(true)

    const db = freshDb()
    const core = await started(await syncCore(db, [hostile.url, r.url], { me: async () => person().pubkey }))
    await expect.poll(() => db.posts.count()).toBe(1)
    await core.idle()
    expect((await db.posts.toArray()).map((p) => p.url)).toEqual(["https://example.com/good"])
    const [hostileStats, realStats] = (await core.status()).relays.map((x) => x.stats!)
    expect(hostileStats).toMatchObject({ invalid: 5, stored: 1, invalidByReason: { "bad id or signature": 2, "malformed event": 3 } })
    expect(realStats).toMatchObject({ invalid: 1, invalidByReason: { "malformed event": 1 } })
    expect((await core.status()).relays.every((x) => x.state === "open")).toBe(true)
  })

  it("enforces NIP-13 proof of work on reactions and comments", async () => {
    const r = await relay()
    const alice = person()
    const url = "https://example.com/pow"
    const post = linkPost(alice, url)
    const writer = await client(r.url)
    await writer.publish(post)
    const target = bookmarkTarget(post, url)
    const now = nowSec()
    const carol = person()
    const liked = await carol.signWithPow(reactionTemplate(target, now), 12)
    const cheap = await person().signWithPow(reactionTemplate(target, now), 4)
    const noNonce = person().sign(reactionTemplate(target, now))
    // lucky or not, a nonce committing to less than the minimum does not count
    const lowTarget = await (async () => {
      const p = person()
      const mined = await p.signWithPow(reactionTemplate(target, now), 12)
      return p.sign({ ...mined, tags: mined.tags.map((t) => (t[0] === "nonce" ? [t[0], t[1]!, "8"] : t)) })
    })()
    const comment = await carol.signWithPow(commentTemplate({ url, parent: { kind: "39701", ...target }, content: "Worth reading.", createdAt: now }), 16)
    const cheapComment = await person().signWithPow(commentTemplate({ url, parent: { kind: "web" }, content: "spam", createdAt: now }), 8)
    for (const e of [liked, cheap, noNonce, lowTarget, comment, cheapComment]) expect((await writer.publish(e))[2]).toBe(true)

    const db = freshDb()
    const core = await started(await syncCore(db, [r.url], { me: async () => person().pubkey }))
    await expect.poll(() => db.comments.count()).toBe(1)
    await expect.poll(() => db.reactions.count()).toBe(1)
    await core.idle()
    expect(await db.reactions.toArray()).toMatchObject([{ id: liked.id, author: carol.pubkey, target: post.id, content: "+" }])
    expect(await db.comments.toArray()).toMatchObject([{ id: comment.id, url, parentId: post.id, parentKind: "39701", content: "Worth reading." }])
    expect((await core.status()).relays[0]!.stats).toMatchObject({ invalid: 4, invalidByReason: { pow: 4 } })
    const deltas = (await db.graphDeltas.toArray()).flatMap((row) => row.deltas)
    expect(deltas).toContainEqual({ type: "engagement", from: carol.pubkey, to: alice.pubkey, kind: "like", at: now, post: url })
    expect(deltas).toContainEqual({ type: "engagement", from: carol.pubkey, to: alice.pubkey, kind: "comment", at: now, post: url })
  })

  it("queues the person's earlier posts that never reached a relay (database v1)", async () => {
    const r = await relay()
    const alice = person()
    const db = freshDb()
    const old = linkPost(alice, "https://example.com/from-v1", nowSec() - 100)
    const parsed = parseLinkPostEvent(old)
    if (!parsed.ok) throw new Error(parsed.reason)
    await saveLinkPost(db, parsed.post, parsed.event)

    await started(await syncCore(db, [r.url], { me: async () => alice.pubkey }))
    await expect.poll(async () => (await db.outbox.get(old.id))?.state).toBe("sent")
    expect(await (await client(r.url)).fetch({ ids: [old.id] })).toEqual([old])
    expect(await db.graphDeltas.toArray()).toMatchObject([{ eventIds: [old.id], deltas: [{ type: "post", author: alice.pubkey }] }])
  })

  it("applies follows as deltas and NIP-09 deletions as removals, whatever the order", async () => {
    const r = await relay()
    const alice = person()
    const bob = person()
    const carol = person()
    const writer = await client(r.url)
    const t = nowSec() - 10
    await writer.publish(alice.sign(contactListTemplate([{ pubkey: bob.pubkey }, { pubkey: carol.pubkey }], t)))
    const post = linkPost(bob, "https://example.com/deleted", t)
    await writer.publish(post)

    const db = freshDb()
    const core = await started(await syncCore(db, [r.url], { me: async () => person().pubkey }))
    await expect.poll(() => db.posts.count()).toBe(1)
    await writer.publish(alice.sign(contactListTemplate([{ pubkey: carol.pubkey }], t + 1)))
    await writer.publish(bob.sign(deletionTemplate({ events: [{ id: post.id, kind: KIND_WEB_BOOKMARK }] }, t + 2)))
    await expect.poll(() => db.posts.count()).toBe(0)
    await core.idle()
    await expect.poll(async () => (await db.graphDeltas.toArray()).flatMap((x) => x.deltas).filter((d) => d.type === "follow")).toEqual([
      { type: "follow", from: alice.pubkey, to: bob.pubkey, at: t, on: true },
      { type: "follow", from: alice.pubkey, to: carol.pubkey, at: t, on: true },
      { type: "follow", from: alice.pubkey, to: bob.pubkey, at: t + 1, on: false }
    ])
    expect(await db.events.get(post.id)).toBeUndefined()
    // the deleted post offered again (another relay, an old copy) is not stored
    const again = plain(post)
    await core.publishOwn(again)
    expect(await db.posts.count()).toBe(0)
  })
})

describe("storing in batches", () => {
  it("gives a new URL the same card as shared/posts would, and defers to it for every other case", async () => {
    const alice = person()
    const bob = person()
    const urlA = "https://example.com/one"
    const urlB = "https://example.com/two"
    const events = [linkPost(alice, urlA, 1_800_000_000), linkPost(bob, urlB, 1_800_000_001), linkPost(alice, urlB, 1_800_000_002)]
    const batched = freshDb()
    const one = freshDb()
    const known = events.map((e) => {
      const r = parseKnownEvent(e)
      if (!r.ok) throw new Error(r.reason)
      return r.value
    })
    const result = await storeKnownEvents(batched, known, { nowMs: 1 })
    for (const e of events) {
      const p = parseLinkPostEvent(e)
      if (!p.ok) throw new Error(p.reason)
      await saveLinkPost(one, p.post, p.event)
    }
    expect(await batched.posts.orderBy("url").toArray()).toEqual(await one.posts.orderBy("url").toArray())
    expect((await batched.events.toCollection().primaryKeys()).sort()).toEqual((await one.events.toCollection().primaryKeys()).sort())
    expect(result.deltas).toEqual([
      { type: "post", id: urlA, author: alice.pubkey, createdAt: 1_800_000_000, hops: 1 },
      { type: "post", id: urlB, author: bob.pubkey, createdAt: 1_800_000_001, hops: 1 },
      { type: "engagement", from: alice.pubkey, to: bob.pubkey, kind: "share", at: 1_800_000_002, post: urlB }
    ])
    // the same batch again: duplicates only, nothing logged twice
    const again = await storeKnownEvents(batched, known, { nowMs: 2 })
    expect(again).toMatchObject({ stored: [], duplicates: events.map((e) => e.id), deltas: [] })
    expect(await loggedIds(batched)).toEqual(events.map((e) => e.id).sort())
  })
})
