import { afterEach, describe, expect, it } from "vitest"
import { startRelay, type RunningRelay } from "../../relay"
import { newAuthor, RelayTestClient } from "./relay-test-client"

// The operator's cleanup the demo uses to replace an old history (scripts/demo/relay-generation.ts).
describe("deleteAuthoredBy", () => {
  let relay: RunningRelay | undefined
  afterEach(async () => {
    await relay?.close()
    relay = undefined
  })

  it("deletes the authors' events but the ledger's, leaves others alone, and leaves no tombstone", async () => {
    relay = await startRelay({ inMemory: true })
    const client = await RelayTestClient.connect(relay.url)
    const [demo, person] = [newAuthor(), newAuthor()]
    const note = demo.sign({ content: "old history" })
    const ledger = demo.sign({ kind: 3331, content: "{}" })
    const mine = person.sign({ content: "mine" })
    for (const e of [note, ledger, mine]) expect((await client.publish(e))[2]).toBe(true)

    expect(await relay.deleteAuthoredBy([demo.pubkey, demo.pubkey])).toBe(1)
    expect(relay.stats().storedEvents).toBe(2)
    expect(await client.fetch({ authors: [demo.pubkey] })).toEqual([ledger])
    expect(await client.fetch({ authors: [person.pubkey] })).toEqual([mine])
    // Not a NIP-09 deletion: the same event may come back.
    expect(await client.publish(note)).toEqual(["OK", note.id, true, ""])
    await client.close()
  })
})
