import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DATABASE_FILE_NAME, startRelay, type RunningRelay } from "../../relay"
import { tempDataDir } from "./relay-fixture"
import { newAuthor, nowSeconds, RelayTestClient } from "./relay-test-client"

describe("the sqlite file survives a restart", () => {
  let data: ReturnType<typeof tempDataDir>
  let relay: RunningRelay | undefined
  beforeEach(() => {
    data = tempDataDir()
  })
  afterEach(async () => {
    await relay?.close()
    relay = undefined
    data.remove()
  })

  async function session<T>(work: (client: RelayTestClient) => Promise<T>): Promise<T> {
    relay = await startRelay({ dataDir: data.dir })
    const client = await RelayTestClient.connect(relay.url)
    try {
      return await work(client)
    } finally {
      await client.close()
      await relay.close()
      relay = undefined
    }
  }

  it("serves events stored before the restart", async () => {
    const alice = newAuthor()
    const note = alice.sign({ content: "persisted" })
    await session(async client => expect((await client.publish(note))[2]).toBe(true))
    expect(existsSync(join(data.dir, DATABASE_FILE_NAME))).toBe(true)

    await session(async client => {
      expect(await client.fetch({ authors: [alice.pubkey] })).toEqual([note])
    })
  })

  it("still honours a deletion after the restart", async () => {
    const alice = newAuthor()
    const note = alice.sign({ content: "deleted before restart" })
    const page = alice.sign({ kind: 39701, tags: [["d", "x"]], created_at: nowSeconds() - 5 })
    const deletion = alice.sign({ kind: 5, tags: [["e", note.id], ["a", `39701:${alice.pubkey}:x`]] })
    await session(async client => {
      await client.publish(note)
      await client.publish(page)
      expect((await client.publish(deletion))[2]).toBe(true)
    })

    await session(async client => {
      expect(await client.fetch({ authors: [alice.pubkey], kinds: [1, 39701] })).toEqual([])
      expect((await client.publish(note))[3]).toMatch(/^blocked: deleted/)
      expect((await client.publish(page))[3]).toMatch(/^blocked: deleted/)
      expect(await client.fetch({ kinds: [5], authors: [alice.pubkey] })).toEqual([deletion])
    })
  })

  it("purges on start what expired while it was stopped", async () => {
    const alice = newAuthor()
    const expiring = alice.sign({ tags: [["expiration", String(nowSeconds() + 60)]] })
    await session(async client => expect((await client.publish(expiring))[2]).toBe(true))

    relay = await startRelay({ dataDir: data.dir, now: () => Date.now() + 120_000 })
    expect(relay.stats()).toMatchObject({ expiredPurged: 1, storedEvents: 0 })
  })
})
