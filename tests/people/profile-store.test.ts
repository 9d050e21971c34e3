import Dexie from "dexie"
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { openStreamDb } from "../../shared/db/database"
import { declareVersions } from "../../shared/db/schema"
import { deletionTemplate, KIND_METADATA, parseKnownEvent, type KnownEvent } from "../../shared/nostr/kinds"
import { storeKnownEvents } from "../../shared/sync"
import { freshDb, person, type Person } from "../sync/sync-fixture"

const T = 1_800_000_000

function known(e: unknown): KnownEvent {
  const r = parseKnownEvent(e)
  if (!r.ok) throw new Error(r.reason)
  return r.value
}

function profileEvent(p: Person, name: string, createdAt: number) {
  return p.sign({ kind: KIND_METADATA, created_at: createdAt, tags: [], content: JSON.stringify({ name }) })
}

/** NIP-01: the larger created_at wins; on a tie the lower id. */
function newest<T extends { created_at: number; id: string }>(events: T[]): T {
  return events.reduce((a, b) => (b.created_at > a.created_at || (b.created_at === a.created_at && b.id < a.id) ? b : a))
}

describe("profiles table (Dexie v6)", () => {
  const alice = person()
  const bob = person()
  // Versions with equal times, so the id tie-break is exercised too.
  const versions = [
    ...[0, 1, 1, 2, 2, 3].map((d, i) => profileEvent(alice, `alice ${i}`, T + d)),
    ...[5, 5, 4].map((d, i) => profileEvent(bob, `bob ${i}`, T + d))
  ]

  it("keeps only the newest profile per author, whatever the arrival order and batching", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(versions, { minLength: 1 }), fc.integer({ min: 1, max: 4 }), async (arrived, batch) => {
        const db = freshDb()
        try {
          for (let i = 0; i < arrived.length; i += batch) await storeKnownEvents(db, arrived.slice(i, i + batch).map(known), { nowMs: 0 })
          for (const who of [alice, bob]) {
            const mine = arrived.filter((e) => e.pubkey === who.pubkey)
            const row = await db.profiles.get(who.pubkey)
            if (mine.length === 0) {
              expect(row).toBeUndefined()
              continue
            }
            const want = newest(mine)
            expect(row).toMatchObject({ id: want.id, pubkey: who.pubkey, createdAt: want.created_at, name: JSON.parse(want.content).name })
            // The raw event is kept like every replaceable list: one per author.
            expect((await db.events.where("[kind+pubkey]").equals([KIND_METADATA, who.pubkey]).toArray()).map((e) => e.id)).toEqual([want.id])
          }
          expect(await db.graphDeltas.count()).toBe(0) // a name changes no ranking
        } finally {
          db.close()
          await Dexie.delete(db.name)
        }
      }),
      { numRuns: 60 }
    )
  })

  it("drops the row when its author deletes the profile event (NIP-09)", async () => {
    const db = freshDb()
    const p = profileEvent(alice, "alice", T)
    await storeKnownEvents(db, [known(p)], { nowMs: 0 })
    expect(await db.profiles.get(alice.pubkey)).toMatchObject({ name: "alice" })
    await storeKnownEvents(db, [known(alice.sign(deletionTemplate({ events: [{ id: p.id, kind: KIND_METADATA }] }, T + 1)))], { nowMs: 0 })
    expect(await db.profiles.get(alice.pubkey)).toBeUndefined()
  })

  it("migrates a version-5 database: every row kept, an empty profiles table added", async () => {
    const name = `migrate-v5-${Date.now()}`
    // Version 5 as browsers hold it: the real declarations of versions 1-5 and nothing later.
    const v5 = new Dexie(name)
    const upTo5 = { version: (n: number) => (n <= 5 ? v5.version(n) : { stores: () => ({ upgrade: () => undefined }) }) }
    declareVersions(upTo5 as unknown as Dexie)
    const bookmark = { id: "e".repeat(64), kind: 39701, pubkey: alice.pubkey, created_at: T, event: {} }
    await v5.table("events").add(bookmark)
    await v5.table("hiddenPosts").add({ url: "https://example.com/", at: 1 })
    expect(v5.verno).toBe(5)
    v5.close()

    const db = openStreamDb(name)
    await db.open()
    expect(db.verno).toBe(6)
    expect(await db.events.toArray()).toEqual([bookmark])
    expect(await db.hiddenPosts.count()).toBe(1)
    expect(await db.profiles.count()).toBe(0)
    await db.profiles.put({ id: "f".repeat(64), pubkey: alice.pubkey, createdAt: T, name: "alice", displayName: "", about: "", nip05: "" })
    expect(await db.profiles.get(alice.pubkey)).toMatchObject({ name: "alice" })
    db.close()
    await Dexie.delete(name)
  })
})
