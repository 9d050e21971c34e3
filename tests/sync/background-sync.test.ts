import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate } from "nostr-tools/pure"
import { npubEncode } from "nostr-tools/nip19"
import type { Filter } from "nostr-tools/filter"
import { afterEach, describe, expect, it } from "vitest"
import type { z } from "zod"

import { queueWhenSigned } from "../../extension/features/sync/background/queue-on-sign"
import { registerSync, SYNC_ALARM } from "../../extension/features/sync/background/register-sync"
import type { KeyStore } from "../../extension/features/identity/background/key-store"
import { startRelay, type RunningRelay } from "../../relay"
import { commentOnPost, reactToPost, setRelays, syncStatus } from "../../shared/messages/catalog"
import type { MessageDef } from "../../shared/messages/define"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { COMMENT_LIMITS, leadingZeroBits, REACTION_LIMITS } from "../../shared/nostr/kinds"
import { amplifyLink } from "../../shared/posts/amplify-link"
import { createFakeExtension, type FakeExtension } from "../fakes/fake-browser"
import { RelayTestClient } from "../relay/relay-test-client"
import { freshDb, NodeWebSocket } from "./sync-fixture"

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function keyStore(): KeyStore {
  const secret = generateSecretKey()
  const pubkey = getPublicKey(secret)
  return {
    pubkey: async () => pubkey,
    npub: async () => npubEncode(pubkey),
    sign: async (t: EventTemplate) => JSON.parse(JSON.stringify(finalizeEvent(t, secret))) as SignedEvent
  }
}

async function relay(): Promise<RunningRelay> {
  const r = await startRelay({ inMemory: true })
  cleanups.push(() => r.close())
  return r
}

async function fetchFrom(url: string, filter: Filter) {
  const c = await RelayTestClient.connect(url)
  try {
    return await c.fetch(filter)
  } finally {
    await c.close()
  }
}

/** Delivers a declared message to the background's listeners as the side panel would (sender = our extension). */
async function ask<D extends MessageDef<string, z.ZodType, z.ZodType>>(fx: FakeExtension, def: D, payload: z.infer<D["request"]>): Promise<z.infer<D["response"]>> {
  const answers = (await (fx.browser.runtime.onMessage as unknown as { trigger(m: unknown, s: unknown): Promise<unknown[]> }).trigger({ type: def.name, payload }, { id: fx.browser.runtime.id })).filter((a) => a !== undefined)
  expect(answers).toHaveLength(1)
  return def.response.parse(answers[0]) as z.infer<D["response"]>
}

async function setup() {
  const r = await relay()
  const fx = createFakeExtension()
  const db = freshDb()
  const keys = keyStore()
  const bg = registerSync(fx.browser, { db, keys, WebSocket: NodeWebSocket, defaultRelays: [r.url] })
  const core = await bg.core()
  cleanups.push(() => core.stop())
  return { r, fx, db, keys, core }
}

describe("background sync feature", () => {
  it("sets a one-minute alarm and reports its relays", async () => {
    const { r, fx } = await setup()
    expect(await fx.browser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 })
    await expect
      .poll(async () => (await ask(fx, syncStatus, {})) as { ok: true; status: { relays: { url: string; state: string }[] } })
      .toMatchObject({ ok: true, status: { source: "defaults", verifier: "wasm", relays: [{ url: `${r.url}/`, state: "open" }], outbox: { pending: 0 } } })
  })

  it("queues an amplified post before shared/posts stores it, and the relay gets it", async () => {
    const { r, db, keys } = await setup()
    const result = await amplifyLink(
      { db, pubkey: keys.pubkey, sign: queueWhenSigned(db, keys.sign), readMetadata: async () => ({ title: "Queued first" }), nowSec: () => Math.floor(Date.now() / 1000) },
      "https://example.com/queued"
    )
    expect(result).toMatchObject({ ok: true, status: "created" })
    const [row] = await db.outbox.toArray()
    expect(row).toMatchObject({ kind: 39701 })
    expect(await db.graphDeltas.toArray()).toMatchObject([{ eventIds: [row!.id], deltas: [{ type: "post", id: "https://example.com/queued" }] }])
    await expect.poll(async () => (await db.outbox.get(row!.id))?.state).toBe("sent")
    expect(await fetchFrom(r.url, { ids: [row!.id] })).toHaveLength(1)
    expect(await db.graphDeltas.count()).toBe(1) // the echo from the relay logs nothing again
  })

  it("likes and comments on a card with NIP-13 work; liking twice changes nothing", async () => {
    const { r, fx, db, keys } = await setup()
    await amplifyLink({ db, pubkey: keys.pubkey, sign: queueWhenSigned(db, keys.sign), readMetadata: async () => ({}), nowSec: () => Math.floor(Date.now() / 1000) }, "https://example.com/social")
    const like = await ask(fx, reactToPost, { url: "https://example.com/social" })
    expect(like).toMatchObject({ ok: true, status: "created" })
    expect(await ask(fx, reactToPost, { url: "https://example.com/social" })).toEqual({ ...like, status: "already" })
    const comment = await ask(fx, commentOnPost, { url: "https://example.com/social", content: "  First!  " })
    expect(comment).toMatchObject({ ok: true })
    expect(await db.comments.toArray()).toMatchObject([{ url: "https://example.com/social", content: "First!", parentKind: "39701" }])
    await expect.poll(async () => (await fetchFrom(r.url, { kinds: [7, 1111] })).length).toBe(2)
    const [reaction, reply] = [(await fetchFrom(r.url, { kinds: [7] }))[0]!, (await fetchFrom(r.url, { kinds: [1111] }))[0]!]
    expect(leadingZeroBits(reaction.id)).toBeGreaterThanOrEqual(REACTION_LIMITS.minPow)
    expect(leadingZeroBits(reply.id)).toBeGreaterThanOrEqual(COMMENT_LIMITS.minPow)
    expect(await ask(fx, reactToPost, { url: "https://example.com/unknown" })).toMatchObject({ ok: false, code: "unknown-post" })
    expect(await ask(fx, commentOnPost, { url: "https://example.com/social", content: "x".repeat(2001) })).toMatchObject({ ok: false, code: "bad-comment" })
  })

  it("publishes the person's relay list (NIP-65) to the new relays and moves the pool there", async () => {
    const { r, fx, keys } = await setup()
    const next = await relay()
    expect(await ask(fx, setRelays, { relays: [{ url: next.url, read: true, write: true }] })).toEqual({ ok: true, relays: [{ url: `${next.url}/`, read: true, write: true }] })
    await expect.poll(async () => (await fetchFrom(next.url, { kinds: [10002] })).map((e) => e.pubkey)).toEqual([await keys.pubkey()])
    expect(await fetchFrom(r.url, { kinds: [10002] })).toEqual([])
    await expect.poll(async () => ((await ask(fx, syncStatus, {})) as { ok: true; status: { source: string; relays: { url: string }[] } }).status).toMatchObject({ source: "nip65", relays: [{ url: `${next.url}/` }] })
    expect(await ask(fx, setRelays, { relays: [{ url: "ws://relay.example.com", read: true, write: true }] })).toMatchObject({ ok: false, code: "bad-relay" })
  })
})
