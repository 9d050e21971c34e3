// The WASM verifier (shared/sync/verifier.ts over wasm/secp256k1's libsecp256k1 build) must give
// nostr-tools' pure verifyEvent's verdict on everything: checked-in vectors (verify-vectors.json),
// a parity property over valid, tampered and garbage events, and key-cache churn.
import { readFileSync } from "node:fs"
import { join } from "node:path"

import fc from "fast-check"
import { finalizeEvent, getEventHash, verifiedSymbol, verifyEvent as pureVerifyEvent } from "nostr-tools/pure"
import { beforeAll, describe, expect, it, vi } from "vitest"

import type { SignedEvent } from "../../shared/nostr/event-schema"
import { loadVerifier, type Verifier } from "../../shared/sync"
import { KeyCache } from "../../shared/sync/verify/key-cache"
import { loadSecp } from "../../shared/sync/verify/secp-wasm"
import { secpSource } from "../../shared/sync/verify/wasm-source"
import { createWasmVerify } from "../../shared/sync/verify/wasm-verifier"
// Read, not imported: Vite's JSON plugin refuses the lone-surrogate escape one vector holds.
const vectors = (JSON.parse(readFileSync(join(__dirname, "verify-vectors.json"), "utf8")) as { vectors: { name: string; valid: boolean; event: unknown }[] }).vectors

/**
 * The reference: nostr-tools' pure verifier on a copy without its cached verdict (finalizeEvent
 * leaves one under a symbol, and a spread copies it even onto a tampered event); a throw is a refusal.
 */
function reference(event: unknown): boolean {
  try {
    if (!event || typeof event !== "object") return pureVerifyEvent(event as never)
    const copy = { ...event } as Record<PropertyKey, unknown>
    delete copy[verifiedSymbol]
    return pureVerifyEvent(copy as never)
  } catch {
    return false
  }
}

const asEvent = (e: unknown) => e as SignedEvent
let verifier: Verifier

beforeAll(async () => {
  verifier = await loadVerifier({ warn: (m, c) => expect.fail(`${m} ${String(c)}`) })
})

describe("WASM verifier: checked-in vectors", () => {
  it("loads the WASM verifier in Node", () => {
    expect(verifier.impl).toBe("wasm")
  })

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    expect(reference(v.event)).toBe(v.valid) // the data still says what nostr-tools says
    expect(verifier.verify(asEvent(v.event))).toBe(v.valid)
    expect(verifier.verify(asEvent(v.event))).toBe(v.valid) // again, the author's key now cached
  })

  it("gives the same verdicts in reverse order, and never throws on hostile objects", () => {
    for (const v of [...vectors].reverse()) expect(verifier.verify(asEvent(v.event))).toBe(v.valid)
    const good = vectors[0]!.event as Record<string, unknown>
    const hostile = Object.defineProperty({ ...good }, "content", { get: () => { throw new Error("boom") }, enumerable: true })
    expect(verifier.verify(asEvent(hostile))).toBe(false)
    const cyclic: unknown[] = ["t"]
    cyclic.push(cyclic)
    expect(verifier.verify(asEvent({ ...good, tags: [cyclic] }))).toBe(false)
  })
})

describe("WASM verifier: parity with nostr-tools' pure verifyEvent (fast-check)", () => {
  const keys = [1, 2, 3].map((n) => new Uint8Array(32).fill(n))
  const signed = keys.flatMap((sk, i) =>
    [0, 1].map((j) => ({ ...finalizeEvent({ kind: 1 + j, created_at: 1_700_000_000 + i, tags: [["t", `k${i}`], ["e", "c".repeat(64)]], content: `note ${i}.${j} é😀` }, sk) }))
  )
  const fields = ["id", "pubkey", "sig", "content", "tags", "created_at", "kind"] as const
  const hexish = fc.constantFrom(..."0123456789abcdefABCDEFgz ".split(""))

  const valid = fc.constantFrom(...signed)
  /** A field taken from another event (ids, keys, signatures that are real but belong elsewhere). */
  const swapped = fc.tuple(valid, valid, fc.constantFrom(...fields)).map(([e, other, f]) => ({ ...e, [f]: other[f] }))
  /** One character of a hex field replaced, or the field cut or lengthened. */
  const hexEdit = fc
    .tuple(valid, fc.constantFrom("id", "pubkey", "sig"), fc.nat(), hexish, fc.constantFrom("replace", "cut", "grow", "upper"))
    .map(([e, f, at, ch, how]) => {
      const s = e[f]
      const i = at % s.length
      const edited = how === "replace" ? s.slice(0, i) + ch + s.slice(i + 1) : how === "cut" ? s.slice(0, i) : how === "grow" ? s + ch : s.toUpperCase()
      return { ...e, [f]: edited }
    })
  /** Content or tags changed and the id recomputed: only the signature can catch it. */
  const rehashed = fc
    .tuple(valid, fc.string({ maxLength: 30 }), fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), { maxLength: 3 }))
    .map(([e, content, tags]) => {
      const changed = { ...e, content, tags }
      return { ...changed, id: getEventHash(changed) }
    })
  /** Any field replaced by anything. */
  const garbageField = fc.tuple(valid, fc.constantFrom(...fields), fc.anything()).map(([e, f, junk]) => ({ ...e, [f]: junk }))
  const garbage = fc.oneof(fc.anything(), fc.object(), fc.record({ id: fc.string(), pubkey: fc.string(), sig: fc.string(), kind: fc.integer(), created_at: fc.integer(), tags: fc.array(fc.array(fc.string())), content: fc.string() }))

  it("agrees on valid, tampered and garbage events", () => {
    fc.assert(
      fc.property(fc.oneof(valid, swapped, hexEdit, rehashed, garbageField, garbage), (event) => {
        expect(verifier.verify(asEvent(event))).toBe(reference(event))
      }),
      { numRuns: 600 }
    )
  })
})

describe("WASM verifier: parsed-key cache", () => {
  it("keeps verdicts right while authors churn through a small cache", async () => {
    const verify = createWasmVerify(await loadSecp(await secpSource()!()), { keyCacheSize: 3 })
    const authors = [1, 2, 3, 4, 5, 6, 7].map((n) => new Uint8Array(32).fill(n))
    const events = authors.map((sk, i) => ({ ...finalizeEvent({ kind: 1, created_at: i, tags: [], content: `from ${i}` }, sk) }))
    const offCurve = vectors.find((v) => v.name.startsWith("bad: pubkey not on the curve"))!.event as SignedEvent
    for (let round = 0; round < 3; round++) {
      for (const [i, e] of events.entries()) {
        expect(verify(e)).toBe(true)
        expect(verify(offCurve)).toBe(false) // a key that does not parse takes no slot
        const forged = { ...e, sig: events[(i + 1) % events.length]!.sig }
        expect(verify(forged)).toBe(false)
        expect(verify(events[(i + 3) % events.length]!)).toBe(true)
      }
    }
  })

  it("evicts the least recently used key", () => {
    const cache = new KeyCache(1000, 2, 64)
    const a = cache.claim()
    cache.keep("a", a)
    const b = cache.claim()
    cache.keep("b", b)
    expect(cache.get("a")).toBe(a) // a is now the most recent
    const c = cache.claim()
    expect(c).toBe(b)
    cache.keep("c", c)
    expect(cache.get("b")).toBeUndefined()
    expect([cache.get("a"), cache.get("c"), cache.size]).toEqual([a, c, 2])
    cache.release(cache.claim()) // claimed, not kept: back to free
    expect(cache.size).toBe(1)
  })
})

describe("loadVerifier fallbacks (never silent)", () => {
  it("uses the pure-JS verifier when asked", async () => {
    const v = await loadVerifier({ prefer: "js" })
    expect(v.impl).toBe("js")
    for (const x of vectors.slice(0, 8)) expect(v.verify(asEvent(x.event))).toBe(x.valid)
  })

  it("falls back with a warning when the WASM cannot load or is not the expected binary", async () => {
    const emptyModule = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])
    for (const source of [() => Promise.reject(new Error("blocked by CSP")), () => WebAssembly.compile(emptyModule)]) {
      const warn = vi.fn()
      const v = await loadVerifier({ source, warn })
      expect(v.impl).toBe("js")
      expect(warn).toHaveBeenCalledOnce()
    }
  })
})
