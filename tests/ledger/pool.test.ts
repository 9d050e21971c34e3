// A pool of really signed events, verified once with nostr-tools; fast-check then folds random
// subsets, permutations and duplications of it with a verifier that remembers those results.
import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { getEventHash } from "nostr-tools/pure"
import { Ledger, audit, buildGenesis, defaultVerify, foldEvents, signEvent, type NostrEvent } from "../../shared/ledger"
import { key } from "./keys"
import { AMP, arrange, buildWorld, fresh, rng, scriptArb, T0, type Op, type Signer } from "./world"

const keys = ["issuer", "alice", "bob", "carol", "dave", "upkeep"].map(key)
const genesis = buildGenesis(keys[0]!.sk, {
  network: "synereo-stream/pool",
  supply: 2_000_000_000n * 100_000_000n,
  upkeep: keys[5]!.pk,
  receiptPow: 4,
  minAttentionSecs: 1,
  createdAt: T0
})
const signer: Signer = { actors: keys.map((k) => k.pk), sign: (t, i) => signEvent(t, keys[i]!.sk), receiptPow: 4 }
// One script: a stake that settles with counted receipts, then random operations.
const settlement: Op[] = [
  { t: "transfer", from: 0, to: 1, amt: 100n * AMP, key: null, hidden: false },
  { t: "stake", from: 1, creator: 3, amt: AMP, window: 600 },
  { t: "receipt", viewer: 2, stake: 0, secs: 30, offset: 5, hidden: false },
  { t: "receipt", viewer: 4, stake: 0, secs: 10, offset: 6, hidden: false },
  { t: "settle", from: 1, stake: 0, foreign: false, all: true, receipts: [], early: false, weights: null }
]
const ops = [settlement, ...fc.sample(scriptArb, { numRuns: 40, seed: 20150510 })].flat().slice(0, 90)
const pool: NostrEvent[] = buildWorld(ops, genesis, signer).events
const uniquePool = [...new Map(pool.map((e) => [e.id, e])).values()]

const canon = (e: NostrEvent) => JSON.stringify([e.id, e.pubkey, e.created_at, e.kind, e.tags, e.content, e.sig])
const verified = new Set([genesis, ...uniquePool].filter(defaultVerify).map(canon))
const memoVerify = (e: NostrEvent): boolean => verified.has(canon(e))
// forgeries: edited content under the original signature (id recomputed, so only the signature is wrong)
// (not receipts: a re-hashed receipt would already fail its proof of work)
const forged = uniquePool.filter((e) => e.kind !== 3335).slice(0, 20).map((e) => ({ ...e, content: `${e.content}forged`, id: getEventHash({ ...e, content: `${e.content}forged` }) }))

describe("pool of real signatures", () => {
  it("every pool event verifies with nostr-tools, and the memo verifier agrees with it", () => {
    expect(uniquePool.length).toBeGreaterThan(60)
    expect(verified.size).toBe(uniquePool.length + 1)
    for (const f of forged) {
      expect(defaultVerify(f)).toBe(false)
      expect(memoVerify(f)).toBe(false)
    }
    const real = foldEvents(pool, { genesis })
    expect(foldEvents(pool, { genesis, verify: memoVerify })).toStrictEqual(real)
    expect(audit(real).ok).toBe(true)
    const kinds = new Set([...real.events.values()].map((s) => `${s.type}:${s.status}`))
    for (const k of ["transfer:applied", "stake:applied", "settle:applied", "receipt:applied", "transfer:held", "transfer:rejected"]) {
      expect(kinds).toContain(k)
    }
  })

  it("any subset, in any order, with replays and forgeries mixed in, folds to the state of that subset", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 100 }), (seed, pct) => {
        const r = rng(seed)
        const subset = uniquePool.filter(() => r() * 100 < pct)
        const canonical = foldEvents([...subset].sort((a, b) => (a.id < b.id ? -1 : 1)), { genesis, verify: memoVerify })
        const noisy = arrange([...subset, ...forged.filter(() => r() < 0.2)], seed).map(fresh)
        const ledger = new Ledger({ genesis, verify: memoVerify })
        const results = ledger.addMany(noisy)
        for (let i = 0; i < noisy.length; i++) {
          if (noisy[i]!.content.endsWith("forged")) expect(results[i]).toMatchObject({ accepted: false, reason: "bad_signature" })
        }
        const state = ledger.snapshot()
        expect(state).toStrictEqual(canonical)
        expect(audit(state).problems).toEqual([])
      }),
      { numRuns: 1000 }
    )
  })
})
