import { describe, expect, it } from "vitest"

import { registerPeople } from "../../extension/features/people/background/register-people"
import { amplifyPreview, followPerson, saveDisplayName } from "../../shared/messages/catalog"
import { contactListTemplate, KIND_CONTACT_LIST, KIND_METADATA, parseKnownEvent } from "../../shared/nostr/kinds"
import { storeKnownEvents } from "../../shared/sync"
import { createFakeExtension } from "../fakes/fake-browser"
import { ask, keyStore } from "../support/background-messages"
import { freshDb, person } from "../sync/sync-fixture"

const T = 1_800_000_000

function setup() {
  const fx = createFakeExtension()
  const db = freshDb()
  const keys = keyStore()
  let clock = T
  registerPeople(fx.browser, { db, keys, nowSec: () => clock })
  return { fx, db, keys, tick: () => clock++ }
}

const ownLists = async (db: ReturnType<typeof freshDb>, kind: number, me: string) => (await db.events.where("[kind+pubkey]").equals([kind, me]).toArray()).map((e) => e.event)

describe("Follow from the Stream (NIP-02 kind 3 through the outbox)", () => {
  it("adds and removes a person, keeps the list's other entries and relay hints, queues each list and logs the follow deltas", async () => {
    const { fx, db, keys } = setup()
    const me = await keys.pubkey()
    const [ann, bob] = [person(), person()]
    // A list another client of this identity published, with a relay hint and a petname.
    const earlier = await keys.sign({ ...contactListTemplate([{ pubkey: ann.pubkey, relay: "wss://relay.ann.example", petname: "ann" }], T - 100), content: "legacy" })
    const known = parseKnownEvent(earlier)
    if (!known.ok) throw new Error(known.reason)
    await storeKnownEvents(db, [known.value], { nowMs: 0 })

    expect(await ask(fx, followPerson, { pubkey: bob.pubkey, on: true })).toEqual({ ok: true, following: true })
    let [list] = await ownLists(db, KIND_CONTACT_LIST, me)
    expect(list!.tags).toEqual([["p", ann.pubkey, "wss://relay.ann.example", "ann"], ["p", bob.pubkey]])
    expect(list!.content).toBe("legacy")
    expect(list!.created_at).toBe(T)
    expect(await db.outbox.get(list!.id)).toMatchObject({ state: "pending", kind: KIND_CONTACT_LIST })
    const deltas = (await db.graphDeltas.toArray()).flatMap((r) => r.deltas)
    expect(deltas).toContainEqual({ type: "follow", from: me, to: bob.pubkey, at: T, on: true })

    // Same second: the replacement is dated one second later, or it would not replace.
    expect(await ask(fx, followPerson, { pubkey: bob.pubkey, on: false })).toEqual({ ok: true, following: false })
    ;[list] = await ownLists(db, KIND_CONTACT_LIST, me)
    expect(list!.tags).toEqual([["p", ann.pubkey, "wss://relay.ann.example", "ann"]])
    expect(list!.created_at).toBe(T + 1)
    expect((await db.graphDeltas.toArray()).flatMap((r) => r.deltas)).toContainEqual({ type: "follow", from: me, to: bob.pubkey, at: T + 1, on: false })
    expect(await db.outbox.count()).toBe(2)
  })

  it("signs nothing when nothing changes, and refuses following oneself", async () => {
    const { fx, db, keys } = setup()
    const bob = person()
    expect(await ask(fx, followPerson, { pubkey: bob.pubkey, on: false })).toEqual({ ok: true, following: false })
    expect(await db.outbox.count()).toBe(0)
    expect(await ask(fx, followPerson, { pubkey: await keys.pubkey(), on: true })).toMatchObject({ ok: false, code: "own-key" })
  })
})

describe("the person's own name (kind 0 through the outbox)", () => {
  it("publishes display_name and name on a first profile, keeps other fields and another client's name later", async () => {
    const { fx, db, keys, tick } = setup()
    const me = await keys.pubkey()
    expect(await ask(fx, saveDisplayName, { displayName: "  Ada\u202e Lovelace " })).toEqual({ ok: true, displayName: "Ada Lovelace" })
    let [p] = await ownLists(db, KIND_METADATA, me)
    expect(JSON.parse(p!.content)).toEqual({ display_name: "Ada Lovelace", name: "Ada Lovelace" })
    expect(await db.outbox.get(p!.id)).toMatchObject({ state: "pending" })
    expect(await db.profiles.get(me)).toMatchObject({ displayName: "Ada Lovelace", name: "Ada Lovelace" })

    // Another client set a handle and a picture; a new display name keeps both.
    tick()
    const other = parseKnownEvent(await keys.sign({ kind: 0, created_at: T + 1, tags: [], content: JSON.stringify({ name: "ada", picture: "https://img.example/a.png" }) }))
    if (!other.ok) throw new Error(other.reason)
    await storeKnownEvents(db, [other.value], { nowMs: 0 })
    expect(await ask(fx, saveDisplayName, { displayName: "Countess" })).toEqual({ ok: true, displayName: "Countess" })
    ;[p] = await ownLists(db, KIND_METADATA, me)
    expect(JSON.parse(p!.content)).toEqual({ name: "ada", picture: "https://img.example/a.png", display_name: "Countess" })
    expect(p!.created_at).toBe(T + 2)
  })
})

describe("the amplify dialog's preview", () => {
  it("names the title the post will carry: the page's og:title over the tab's title, cleaned", async () => {
    const { fx } = setup()
    fx.activeTabGrants.add(7)
    fx.pageMetadata.set(7, { title: "The page's own \u202etitle", siteName: "Example News" })
    expect(await ask(fx, amplifyPreview, { url: "https://example.com/a?utm_source=x", title: "Tab title | Example", tabId: 7 })).toEqual({ ok: true, title: "The page's own title", siteName: "Example News", already: false })
    // A tab that cannot be read: the tab's title, as the amplifier would use it.
    expect(await ask(fx, amplifyPreview, { url: "https://example.com/b", title: "Tab title", tabId: 8 })).toMatchObject({ ok: true, title: "Tab title", siteName: "example.com" })
    expect(await ask(fx, amplifyPreview, { url: "javascript:alert(1)" })).toMatchObject({ ok: false, code: "unsupported-scheme" })
  })
})
