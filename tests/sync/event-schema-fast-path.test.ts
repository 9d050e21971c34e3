// The hand-written shape check (fastSignedEvent) must accept exactly what the zod schema accepts,
// return what zod would return, and leave zod's messages on refusals. zod is the reference.
import fc from "fast-check"
import { finalizeEvent, generateSecretKey } from "nostr-tools/pure"
import { describe, expect, it } from "vitest"

import { EVENT_LIMITS, fastSignedEvent, parseSignedEvent, referenceSafeParse } from "../../shared/nostr/event-schema"

const sk = generateSecretKey()
const good = finalizeEvent({ kind: 7, created_at: 1_700_000_000, tags: [["e", "a".repeat(64), "", "b".repeat(64)], ["k", "39701"]], content: "+" }, sk)

/** Both verdicts and, on success, the same value with the same key order (Dexie stores it as is). */
function agree(input: unknown): void {
  const ref = referenceSafeParse(input)
  const fast = fastSignedEvent(input)
  expect(fast !== undefined).toBe(ref.success)
  if (ref.success) {
    expect(JSON.stringify(fast)).toBe(JSON.stringify(ref.data))
    expect(fast).toStrictEqual(ref.data)
    expect(fast!.tags).not.toBe((input as { tags: unknown }).tags)
  }
  const viaSchema = parseSignedEvent(input)
  expect(viaSchema.success).toBe(ref.success)
  if (!viaSchema.success && !ref.success) expect(viaSchema.error.issues).toStrictEqual(ref.error.issues)
  if (viaSchema.success && ref.success) expect(viaSchema.data).toStrictEqual(ref.data)
}

const hexChars = fc.constantFrom(..."0123456789abcdefABCDEFg \n".split(""))
const nearHex = (len: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef".split("")), minLength: len, maxLength: len }),
    fc.string({ unit: hexChars, minLength: len - 1, maxLength: len + 1 }),
    fc.anything()
  )
const nearInt = (max: number) =>
  fc.oneof(
    fc.integer({ min: -2, max: max + 2 }),
    fc.constantFrom(0, -0, max, max + 1, 0.5, NaN, Infinity, -Infinity, 2 ** 53, "7", null, undefined),
    fc.double(),
    fc.anything()
  )
const nearString = (max: number) =>
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("x".repeat(max), "x".repeat(max + 1), "é".repeat(max)), fc.anything())
const nearTags = fc.oneof(
  fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 0, maxLength: 4 }), { maxLength: 6 }),
  fc.array(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.anything()), { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
  fc.constantFrom(
    [],
    [["x".repeat(EVENT_LIMITS.tagValueChars)]],
    [["x".repeat(EVENT_LIMITS.tagValueChars + 1)]],
    [Array.from({ length: EVENT_LIMITS.tagValues }, () => "v")],
    [Array.from({ length: EVENT_LIMITS.tagValues + 1 }, () => "v")],
    Array.from({ length: EVENT_LIMITS.tags }, () => ["t", "x"]),
    Array.from({ length: EVENT_LIMITS.tags + 1 }, () => ["t", "x"]),
    // over the JSON byte bound though every tag is within its own limits
    Array.from({ length: 20 }, () => ["d", "€".repeat(EVENT_LIMITS.tagValueChars)]),
    // eslint-disable-next-line no-sparse-arrays
    [["a", , "b"]],
    [[]]
  ),
  fc.anything()
)
const nearEvent = fc.record(
  {
    id: nearHex(64),
    pubkey: nearHex(64),
    sig: nearHex(128),
    kind: nearInt(65535),
    created_at: nearInt(2 ** 40),
    content: nearString(EVENT_LIMITS.contentChars),
    tags: nearTags,
    extra: fc.anything()
  },
  { requiredKeys: [] }
)
/** A valid event with one field replaced: exercises each rule alone. */
const oneFieldOff = fc
  .record({ key: fc.constantFrom("id", "pubkey", "sig", "kind", "created_at", "content", "tags", "extra"), value: fc.oneof(nearHex(64), nearInt(65535), nearTags, fc.anything()) })
  .map(({ key, value }) => ({ ...good, [key]: value }))

describe("signed event shape: hand-written fast path vs zod", () => {
  it("agrees on a real signed event, with unknown keys stripped", () => {
    agree(good)
    agree({ ...good, extra: 1, seen_on: ["wss://x"] })
    agree({ tags: good.tags, content: good.content, sig: good.sig, kind: good.kind, created_at: good.created_at, pubkey: good.pubkey, id: good.id })
    expect(fastSignedEvent({ ...good, extra: 1 })).not.toHaveProperty("extra")
  })

  it("agrees on garbage", () => {
    fc.assert(fc.property(fc.anything(), (x) => agree(x)), { numRuns: 2000 })
  })

  it("agrees on near-miss events", () => {
    fc.assert(fc.property(nearEvent, (x) => agree(x)), { numRuns: 3000 })
  })

  it("agrees on a valid event with one field off", () => {
    fc.assert(fc.property(oneFieldOff, (x) => agree(x)), { numRuns: 3000 })
  })

  it("agrees on odd objects (prototype fields, arrays, class instances)", () => {
    agree(Object.assign(Object.create(good), {}))
    agree(Object.assign([], good))
    class Ev {
      constructor() {
        Object.assign(this, good)
      }
    }
    agree(new Ev())
    agree(Object.assign(Object.create(null), good))
    agree({ ...good, tags: Object.assign([["a"]], { extra: 1 }) })
  })
})
