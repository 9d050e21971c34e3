import { describe, expect, it } from "vitest"

import { currentMutes, registerStream } from "../../extension/features/stream/background/register-stream"
import { queueWhenSigned } from "../../extension/features/sync/background/queue-on-sign"
import { muteAuthor, reamplifyPost, replyToComment, saveStreamSettings } from "../../shared/messages/catalog"
import { COMMENT_LIMITS, commentTemplate, KIND_APP_DATA, leadingZeroBits, mineEvent, STREAM_SETTINGS_D } from "../../shared/nostr/kinds"
import { amplifyLink } from "../../shared/posts/amplify-link"
import { storeKnownEvents } from "../../shared/sync"
import { parseKnownEvent } from "../../shared/nostr/kinds"
import { createFakeExtension } from "../fakes/fake-browser"
import { ask, keyStore } from "../support/background-messages"
import { freshDb } from "../sync/sync-fixture"

const now = () => Math.floor(Date.now() / 1000)

function setup() {
  const fx = createFakeExtension()
  const db = freshDb()
  const keys = keyStore()
  const amplify = async (req: { url: string; fallbackTitle?: string }) =>
    amplifyLink({ db, pubkey: keys.pubkey, sign: queueWhenSigned(db, keys.sign), readMetadata: async () => ({ title: req.fallbackTitle }), nowSec: now }, req.url)
  registerStream(fx.browser, { db, keys, amplify: amplify as never })
  return { fx, db, keys }
}

describe("the Stream's background messages", () => {
  it("mutes and unmutes an author with a NIP-51 list that keeps its other entries, queued for the relays", async () => {
    const { fx, db, keys } = setup()
    const me = await keys.pubkey()
    const x = "1".repeat(64)
    const y = "2".repeat(64)
    expect(await ask(fx, muteAuthor, { pubkey: x, on: true })).toEqual({ ok: true, pubkeys: [x] })
    expect(await ask(fx, muteAuthor, { pubkey: y, on: true })).toEqual({ ok: true, pubkeys: [x, y] })
    expect(await ask(fx, muteAuthor, { pubkey: x, on: false })).toEqual({ ok: true, pubkeys: [y] })
    expect((await currentMutes(db, me))?.list.pubkeys).toEqual([y])
    expect(await db.events.where("kind").equals(10000).count()).toBe(1) // replaced, not piled up
    expect((await db.outbox.toArray()).filter((r) => r.kind === 10000)).toHaveLength(3)
    expect(await ask(fx, muteAuthor, { pubkey: me, on: true })).toMatchObject({ ok: false, code: "own-key" })
  })

  it("saves Stream settings as kind 30078 and refuses malformed ones", async () => {
    const { fx, db } = setup()
    const settings = { v: 1, allowAmplifiedFrom: ["friends"], communities: [], topics: ["jazz"], blockedAdvertisers: [], dials: { ["3".repeat(64)]: 4 } }
    expect(await ask(fx, saveStreamSettings, { settings })).toMatchObject({ ok: true })
    expect(await ask(fx, saveStreamSettings, { settings: { ...settings, allowAmplifiedFrom: [] } })).toMatchObject({ ok: true })
    const rows = await db.events.where("kind").equals(KIND_APP_DATA).toArray()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.event.tags).toEqual([["d", STREAM_SETTINGS_D]])
    expect(JSON.parse(rows[0]!.event.content)).toMatchObject({ allowAmplifiedFrom: [] })
    expect(await ask(fx, saveStreamSettings, { settings: { ...settings, dials: { x: 9 } } })).toMatchObject({ ok: false, code: "bad-settings" })
  })

  it("replies to a comment (NIP-22 parent kind 1111, with work) and the reply is stored at once", async () => {
    const { fx, db, keys } = setup()
    const other = keyStore()
    const url = "https://example.com/thread"
    await amplifyLink({ db, pubkey: keys.pubkey, sign: queueWhenSigned(db, keys.sign), readMetadata: async () => ({ title: "T" }), nowSec: now }, url)
    const template = commentTemplate({ url, parent: { kind: "web" }, content: "top", createdAt: now() })
    const mined = await mineEvent({ ...template, pubkey: await other.pubkey() }, COMMENT_LIMITS.minPow)
    const top = await other.sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
    const known = parseKnownEvent(top)
    if (!known.ok) throw new Error(known.reason)
    await storeKnownEvents(db, [known.value], { nowMs: Date.now() })
    const r = await ask(fx, replyToComment, { url, parentId: top.id, content: "a reply" })
    expect(r).toMatchObject({ ok: true })
    const reply = await db.comments.get((r as { id: string }).id)
    expect(reply).toMatchObject({ parentId: top.id, parentKind: "1111", parentAuthor: await other.pubkey(), content: "a reply" })
    expect(leadingZeroBits(reply!.id)).toBeGreaterThanOrEqual(COMMENT_LIMITS.minPow)
    expect(await ask(fx, replyToComment, { url: "https://example.com/else", parentId: top.id, content: "x" })).toMatchObject({ ok: false, code: "unknown-comment" })
  })

  it("re-amplifies a stored card and refuses an unknown one", async () => {
    const { fx, db, keys } = setup()
    const url = "https://example.com/again"
    const other = keyStore()
    await amplifyLink({ db, pubkey: other.pubkey, sign: queueWhenSigned(db, other.sign), readMetadata: async () => ({ title: "Again" }), nowSec: now }, url)
    expect(await ask(fx, reamplifyPost, { url })).toMatchObject({ ok: true, status: "created" })
    expect(new Set((await db.posts.get(url))?.amplifiers)).toEqual(new Set([await other.pubkey(), await keys.pubkey()]))
    expect(await ask(fx, reamplifyPost, { url: "https://example.com/none" })).toMatchObject({ ok: false, code: "unknown-post" })
  })
})
