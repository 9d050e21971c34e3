import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DEFAULT_LIMITS, MAX_TAG_VALUE_CHARS } from "../../relay"
import { RelayFixture } from "./relay-fixture"
import { forgedCopy, newAuthor, type RelayMessage, type RelayTestClient } from "./relay-test-client"

describe("invalid input gets a definite answer and the connection survives", () => {
  let fixture: RelayFixture
  let client: RelayTestClient
  beforeEach(async () => {
    fixture = await RelayFixture.start("memory")
    client = await fixture.client()
  })
  afterEach(async () => {
    await fixture.stop()
  })

  /** Sends an EVENT and returns every frame answering it, after a barrier. */
  async function answersTo(event: Record<string, unknown>): Promise<RelayMessage[]> {
    const before = client.received.length
    client.send(["EVENT", event])
    await client.barrier()
    return client.received.slice(before).filter(m => m[0] !== "EOSE")
  }

  it("refuses a forged signature with OK false", async () => {
    const forged = forgedCopy(newAuthor().sign({ content: "hi" }))
    expect(await answersTo(forged)).toEqual([["OK", forged.id, false, "invalid: signature is wrong"]])
  })

  it("refuses a wrong id with OK false", async () => {
    const event = newAuthor().sign({ content: "hi" })
    const tampered = { ...event, content: "tampered" }
    expect(await answersTo(tampered)).toEqual([["OK", event.id, false, "invalid: id is wrong"]])
  })

  it.each([
    ["a non-hex signature", { sig: "zz" }],
    ["a missing field", { content: undefined }],
    ["a negative kind", { kind: -1 }],
    ["a tag that is not a string array", { tags: [[1, 2]] }]
  ])("refuses %s with exactly one OK false invalid (not a NOTICE)", async (_, change) => {
    const event = { ...newAuthor().sign({ content: "x" }), ...change }
    const answers = await answersTo(event)
    expect(answers).toHaveLength(1)
    expect(answers[0]).toEqual(["OK", event.id, false, expect.stringMatching(/^invalid: /)])
  })

  it("accepts the genuine event right after a forged copy was refused (no cache poisoning)", async () => {
    const genuine = newAuthor().sign({ content: "the real one" })
    expect((await client.publish(forgedCopy(genuine)))[2]).toBe(false)
    expect(await client.publish(genuine)).toEqual(["OK", genuine.id, true, ""])
    expect(await client.fetch({ ids: [genuine.id] })).toEqual([genuine])
  })

  it("refuses a forged copy of an event it already stores instead of calling it a duplicate", async () => {
    const genuine = newAuthor().sign({ content: "stored" })
    await client.publish(genuine)
    expect(await client.publish(forgedCopy(genuine))).toEqual(["OK", genuine.id, false, "invalid: signature is wrong"])
    expect(await client.fetch({ ids: [genuine.id] })).toEqual([genuine])
  })

  it(`refuses an event over ${DEFAULT_LIMITS.maxMessageBytes} bytes with OK false invalid: too large`, async () => {
    const big = newAuthor().sign({ content: "x".repeat(DEFAULT_LIMITS.maxMessageBytes) })
    const [, , ok, reason] = await client.publish(big)
    expect(ok).toBe(false)
    expect(reason).toMatch(/^invalid: too large/)
    const fits = newAuthor().sign({ content: "x".repeat(DEFAULT_LIMITS.maxMessageBytes - 1024) })
    expect((await client.publish(fits))[2]).toBe(true)
  })

  // Link posts carry URLs of up to 2048 characters in `d` and `i`; the clients' event schema allows
  // tag values of up to 4096 characters (shared/nostr/event-schema.ts), and so does the relay. The
  // library checks only the value (second item) of single-letter tags, which are the indexed ones.
  it(`accepts single-letter tag values of up to ${MAX_TAG_VALUE_CHARS} characters and refuses longer ones`, async () => {
    const author = newAuthor()
    const url = "https://example.com/" + "a".repeat(2048 - 20)
    const post = author.sign({ kind: 39701, tags: [["d", url.slice(8)], ["i", url], ["k", "web"]] })
    expect(await client.publish(post)).toEqual(["OK", post.id, true, ""])
    expect(await client.fetch({ kinds: [39701], "#i": [url] })).toEqual([post])

    const longest = author.sign({ tags: [["r", "r".repeat(MAX_TAG_VALUE_CHARS)]] })
    expect(await client.publish(longest)).toEqual(["OK", longest.id, true, ""])
    const tooLong = author.sign({ tags: [["r", "r".repeat(MAX_TAG_VALUE_CHARS + 1)]] })
    expect(await client.publish(tooLong)).toEqual(["OK", tooLong.id, false, expect.stringMatching(/^invalid: /)])
    expect(await client.fetch({ ids: [tooLong.id] })).toEqual([])
  })

  it("closes only a connection that sends a frame beyond the hard frame limit", async () => {
    const warnings: string[] = []
    const own = await RelayFixture.start("memory", {
      logger: { info: () => undefined, warn: message => warnings.push(message), error: () => undefined }
    })
    try {
      const sender = await own.client()
      const closed = new Promise<number>(resolve => sender.socket.once("close", code => resolve(code)))
      sender.sendRaw(JSON.stringify(["EVENT", { content: "x".repeat(DEFAULT_LIMITS.maxFrameBytes) }]))
      expect(await closed).toBe(1009)
      expect(warnings).toEqual([expect.stringMatching(/Max payload size exceeded/)])
      await (await own.client()).barrier()
    } finally {
      await own.stop()
    }
  })

  it.each([
    ["text that is not JSON", "hello relay"],
    ["a JSON object", '{"EVENT": 1}'],
    ["an empty array", "[]"],
    ["an array without a type", "[1, 2]"],
    ["an unknown type", '["PING"]'],
    ["an EVENT without an event", '["EVENT"]'],
    ["an EVENT whose event has no id", '["EVENT", {"kind": 1}]'],
    ["a REQ without an id", '["REQ", {"kinds": [1]}]'],
    ["binary garbage", Buffer.from([0xff, 0x00, 0x13])]
  ])("answers %s with a NOTICE and keeps the connection", async (_, frame) => {
    const before = client.received.length
    client.sendRaw(frame)
    await client.barrier()
    const answers = client.received.slice(before).filter(m => m[0] !== "EOSE")
    expect(answers).toEqual([["NOTICE", expect.stringMatching(/^invalid: /)]])
    expect(client.isOpen).toBe(true)
    const note = newAuthor().sign({ content: "still here" })
    expect((await client.publish(note))[2]).toBe(true)
  })

  it("refuses an invalid filter with CLOSED for that subscription", async () => {
    client.send(["REQ", "bad-filter", { limit: -1 }])
    expect(await client.take(m => m[1] === "bad-filter")).toEqual(["CLOSED", "bad-filter", expect.stringMatching(/^invalid: /)])
    expect(fixture.relay.stats().subscriptions).toBe(0)
  })
})
