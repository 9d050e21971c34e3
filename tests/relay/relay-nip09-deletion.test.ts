import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { RelayFixture, STORAGE_MODES } from "./relay-fixture"
import { ids, newAuthor, nowSeconds, type RelayTestClient } from "./relay-test-client"

// Out of the box @nostr-relay/core deletes on kind 5 but does not keep the request, so the deleted
// event can simply be published again and is served again. These tests pin the wrapper's fix.
describe.each(STORAGE_MODES)("NIP-09 deletion (%s)", mode => {
  let fixture: RelayFixture
  let client: RelayTestClient
  beforeEach(async () => {
    fixture = await RelayFixture.start(mode)
    client = await fixture.client()
  })
  afterEach(async () => {
    await fixture.stop()
  })

  it("deletes by e id, stores and serves the request, and blocks re-publication", async () => {
    const alice = newAuthor()
    const note = alice.sign({ content: "regret" })
    const kept = alice.sign({ content: "keep me" })
    await client.publish(note)
    await client.publish(kept)
    const deletion = alice.sign({ kind: 5, tags: [["e", note.id], ["k", "1"]] })

    expect(await client.publish(deletion)).toEqual(["OK", deletion.id, true, ""])
    expect(await client.fetch({ ids: [note.id] })).toEqual([])
    expect(await client.fetch({ authors: [alice.pubkey], kinds: [1] })).toEqual([kept])
    expect(await client.fetch({ kinds: [5], authors: [alice.pubkey] })).toEqual([deletion])

    const [, , ok, reason] = await client.publish(note)
    expect(ok).toBe(false)
    expect(reason).toMatch(/^blocked: deleted/)
    expect(await client.fetch({ ids: [note.id] })).toEqual([])
  })

  it("blocks an event whose deletion arrived before it", async () => {
    const alice = newAuthor()
    const note = alice.sign({ content: "late" })
    await client.publish(alice.sign({ kind: 5, tags: [["e", note.id]] }))
    expect((await client.publish(note)).slice(2, 3)).toEqual([false])
    expect(await client.fetch({ ids: [note.id] })).toEqual([])
  })

  it("deletes every version of an a address up to the request, not newer ones", async () => {
    const alice = newAuthor()
    const t = nowSeconds() - 100
    const address = `39701:${alice.pubkey}:example.com/a`
    const v1 = alice.sign({ kind: 39701, tags: [["d", "example.com/a"]], content: "v1", created_at: t })
    const v2 = alice.sign({ kind: 39701, tags: [["d", "example.com/a"]], content: "v2", created_at: t + 1 })
    const otherPage = alice.sign({ kind: 39701, tags: [["d", "example.com/b"]], created_at: t })
    await client.publish(v1)
    await client.publish(v2)
    await client.publish(otherPage)

    const deletion = alice.sign({ kind: 5, tags: [["a", address]], created_at: t + 2 })
    expect((await client.publish(deletion))[2]).toBe(true)
    expect(await client.fetch({ kinds: [39701], authors: [alice.pubkey] })).toEqual([otherPage])

    for (const old of [v1, v2]) {
      const [, , ok, reason] = await client.publish(old)
      expect(ok).toBe(false)
      expect(reason).toMatch(/^blocked: deleted/)
    }
    const v3 = alice.sign({ kind: 39701, tags: [["d", "example.com/a"]], content: "v3", created_at: t + 3 })
    expect((await client.publish(v3))[2]).toBe(true)
    expect(ids(await client.fetch({ kinds: [39701], authors: [alice.pubkey] }))).toEqual(ids([otherPage, v3]))
  })

  it("deletes a replaceable event by its empty-d address", async () => {
    const alice = newAuthor()
    const t = nowSeconds() - 10
    const relays = alice.sign({ kind: 10002, tags: [["r", "wss://x.example"]], created_at: t })
    await client.publish(relays)
    await client.publish(alice.sign({ kind: 5, tags: [["a", `10002:${alice.pubkey}:`]], created_at: t + 1 }))
    expect(await client.fetch({ kinds: [10002], authors: [alice.pubkey] })).toEqual([])
    expect((await client.publish(relays))[2]).toBe(false)
  })

  it("lets a deletion from a different author delete nothing and block nothing", async () => {
    const alice = newAuthor()
    const mallory = newAuthor()
    const note = alice.sign({ content: "mine" })
    const page = alice.sign({ kind: 39701, tags: [["d", "p"]] })
    const future = alice.sign({ content: "not yet published" })
    await client.publish(note)
    await client.publish(page)
    const forgedDeletion = mallory.sign({
      kind: 5,
      tags: [["e", note.id], ["e", future.id], ["a", `39701:${alice.pubkey}:p`]]
    })

    expect((await client.publish(forgedDeletion))[2]).toBe(true)
    expect(ids(await client.fetch({ authors: [alice.pubkey] }))).toEqual(ids([note, page]))
    expect((await client.publish(future))[2]).toBe(true)
  })

  it("ignores a deletion of a deletion request", async () => {
    const alice = newAuthor()
    const note = alice.sign({ content: "gone" })
    await client.publish(note)
    const deletion = alice.sign({ kind: 5, tags: [["e", note.id]] })
    await client.publish(deletion)
    await client.publish(alice.sign({ kind: 5, tags: [["e", deletion.id]] }))

    expect(ids(await client.fetch({ kinds: [5], authors: [alice.pubkey] }))).toContain(deletion.id)
    expect((await client.publish(note))[2]).toBe(false)
  })

  // Ledger events (kinds 3330-3335, docs/PROTOCOL.md §2.14) must outlive any deletion request: a
  // payer who could delete a transfer after being paid would make it vanish for late peers.
  it.each([3330, 3331, 3332, 3333, 3334, 3335])("never deletes a ledger event of kind %i, by e id or before it arrives", async kind => {
    const alice = newAuthor()
    const transfer = alice.sign({ kind, tags: [["net", "0".repeat(64)], ["amount", "1"]] })
    const later = alice.sign({ kind, tags: [["net", "0".repeat(64)], ["amount", "2"]] })
    await client.publish(transfer)

    const deletion = alice.sign({ kind: 5, tags: [["e", transfer.id], ["e", later.id], ["k", String(kind)]] })
    expect((await client.publish(deletion))[2]).toBe(true)
    expect(await client.fetch({ ids: [transfer.id] })).toEqual([transfer])
    expect(await client.publish(transfer)).toEqual(["OK", transfer.id, true, expect.stringMatching(/^duplicate:/)])
    // a deletion that arrived first blocks nothing either
    expect(await client.publish(later)).toEqual(["OK", later.id, true, ""])
    expect(ids(await client.fetch({ kinds: [kind], authors: [alice.pubkey] }))).toEqual(ids([transfer, later]))
  })

  it("sends the stored deletion request to live subscribers", async () => {
    const alice = newAuthor()
    await client.query({ kinds: [5] }, "deletions")
    const deletion = alice.sign({ kind: 5, tags: [["e", "0".repeat(64)]] })
    const writer = await fixture.client()
    await writer.publish(deletion)
    expect((await client.take(m => m[0] === "EVENT" && m[1] === "deletions"))[2]).toEqual(deletion)
  })
})
