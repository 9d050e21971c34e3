import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { newSecretKeyHex, signWith } from "../../shared/identity/secret-key"
import { linkPostTemplate, parseLinkPostEvent } from "../../shared/posts/link-post-event"
import { saveLinkPost } from "../../shared/posts/post-store"
import { freshDb } from "../support/fresh-db"

const URL_ = "https://example.com/story"
const alice = newSecretKeyHex()
const bob = newSecretKeyHex()

function bookmark(sk: string, at: number, title: string) {
  const r = parseLinkPostEvent(signWith(sk, linkPostTemplate(URL_, { title, description: "", siteName: "", image: "" }, at)))
  if (!r.ok) throw new Error(r.reason)
  return r
}

const events = [bookmark(alice, 100, "first"), bookmark(alice, 200, "edited"), bookmark(bob, 150, "bob's")]

describe("saveLinkPost", () => {
  it("folds several amplifiers of one URL into one card", async () => {
    const db = freshDb()
    expect(await saveLinkPost(db, events[0]!.post, events[0]!.event)).toBe("created")
    expect(await saveLinkPost(db, events[2]!.post, events[2]!.event)).toBe("added-amplifier")
    expect(await saveLinkPost(db, events[2]!.post, events[2]!.event)).toBe("unchanged")
    const card = await db.posts.get(URL_)
    expect(card!.amplifiers).toEqual([events[0]!.post.author, events[2]!.post.author])
    expect(card!.title).toBe("first")
    expect(await db.posts.count()).toBe(1)
  })

  it("reaches the same state in any order of arrival, with duplicates", async () => {
    const expected = await (async () => {
      const db = freshDb()
      for (const e of events) await saveLinkPost(db, e.post, e.event)
      return { card: await db.posts.get(URL_), ids: (await db.events.toCollection().primaryKeys()).sort() }
    })()
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...events), { minLength: 3, maxLength: 8 }).filter((a) => new Set(a).size === 3), async (order) => {
        const db = freshDb()
        for (const e of order) await saveLinkPost(db, e.post, e.event)
        const card = await db.posts.get(URL_)
        expect(card).toEqual(expected.card)
        expect((await db.events.toCollection().primaryKeys()).sort()).toEqual(expected.ids)
        db.close()
      }),
      { numRuns: 40 }
    )
  })
})
