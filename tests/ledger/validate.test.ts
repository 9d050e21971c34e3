// Stateless validation with real signatures: the default verifier is nostr-tools' verifyEvent.
import { describe, expect, it, vi } from "vitest"
import { finalizeEvent, getEventHash } from "nostr-tools/pure"
import {
  KIND,
  LIMITS,
  Ledger,
  MAX_RECEIPT_WEIGHT,
  LedgerConfigError,
  buildGenesis,
  buildReceipt,
  buildSettle,
  buildStake,
  buildTransfer,
  genesisTemplate,
  mineReceipt,
  parseGenesis,
  receiptTemplate,
  signEvent,
  transferTemplate,
  type NostrEvent
} from "../../shared/ledger"
import { key } from "./keys"

const T0 = 1_700_000_000
const issuer = key("issuer")
const upkeep = key("upkeep")
const alice = key("alice")
const mallory = key("mallory")
const genesis = buildGenesis(issuer.sk, { network: "synereo-stream/validate", supply: 1_000_000n * 100_000_000n, upkeep: upkeep.pk, receiptPow: 8, createdAt: T0 })
const net = genesis.id
const fund = buildTransfer(issuer.sk, { net, seq: 1, prev: net, to: alice.pk, amount: 500n, createdAt: T0 + 1 })
const stakeId = "ab".repeat(32)

/** Re-hashes an edited event so that only the edit (not the id) is wrong; keeps the old signature. */
const rehash = (e: NostrEvent): NostrEvent => ({ ...e, id: getEventHash(e) })
const withTags = (e: NostrEvent, tags: string[][]): NostrEvent => rehash({ ...e, tags })
const reason = (raw: unknown) => {
  const r = new Ledger({ genesis }).add(raw)
  return r.accepted ? r.status : r.reason
}

describe("signatures (default verifier)", () => {
  it("accepts a genuine event", () => {
    expect(new Ledger({ genesis }).add(fund)).toMatchObject({ accepted: true, status: "applied" })
  })

  it("refuses edited content under the old signature, and a stolen pubkey", () => {
    expect(reason(rehash({ ...fund, content: "pay me" }))).toBe("bad_signature")
    expect(reason({ ...fund, content: "pay me" })).toBe("bad_signature") // id no longer the hash
    const byMallory = buildTransfer(mallory.sk, { net, seq: 1, prev: net, to: mallory.pk === alice.pk ? issuer.pk : alice.pk, amount: 5n, createdAt: T0 })
    expect(reason(rehash({ ...byMallory, pubkey: issuer.pk }))).toBe("bad_signature")
    expect(reason({ ...fund, sig: fund.sig.replace(/^./, (c) => (c === "0" ? "1" : "0")) })).toBe("bad_signature")
  })

  it("does not trust the 'verified' mark nostr-tools leaves on finalizeEvent objects", () => {
    const e = finalizeEvent(transferTemplate({ net, seq: 1, prev: net, to: alice.pk, amount: 500n, createdAt: T0 + 1 }), issuer.sk)
    const tampered = Object.assign(e, { tags: e.tags.map((t) => (t[0] === "amount" ? ["amount", "999999"] : t)) })
    expect(reason(tampered)).toBe("bad_signature")
  })

  it("uses an injected verifier (e.g. WASM, or none for benchmarks) on a fresh copy", () => {
    const verify = vi.fn(() => true)
    const ledger = new Ledger({ genesis, verify })
    const forged = rehash({ ...fund, content: "x" })
    expect(ledger.add(forged)).toMatchObject({ accepted: true, status: "applied" })
    expect(verify).toHaveBeenCalledTimes(2) // genesis + event
    const arg = (verify.mock.calls as unknown as NostrEvent[][])[1]![0]!
    expect(arg).toEqual(forged)
    expect(arg).not.toBe(forged)
  })

  it("refuses a forged or malformed genesis as configuration", () => {
    expect(() => new Ledger({ genesis: { ...genesis, content: "x" } })).toThrow(LedgerConfigError)
    expect(() => parseGenesis(fund)).toThrow(LedgerConfigError)
    const t = genesisTemplate({ network: "x", supply: 100n, upkeep: upkeep.pk, createdAt: T0 })
    const badSplit = signEvent({ ...t, tags: t.tags.map((x) => (x[0] === "viewers_bps" ? ["viewers_bps", "8499"] : x)) }, issuer.sk)
    expect(() => parseGenesis(badSplit)).toThrow(/exactly 10000/)
    const badDecimals = signEvent({ ...t, tags: t.tags.map((x) => (x[0] === "decimals" ? ["decimals", "2"] : x)) }, issuer.sk)
    expect(() => parseGenesis(badDecimals)).toThrow(/decimals/)
  })
})

describe("network", () => {
  it("refuses events of another network and any other genesis", () => {
    const other = buildGenesis(issuer.sk, { network: "synereo-stream/other", supply: 100n, upkeep: upkeep.pk, createdAt: T0 })
    expect(reason(other)).toBe("wrong_network")
    expect(reason(buildTransfer(issuer.sk, { net: other.id, seq: 1, prev: other.id, to: alice.pk, amount: 5n, createdAt: T0 }))).toBe("wrong_network")
    expect(reason(genesis)).toBe("duplicate")
  })
})

describe("formats", () => {
  it.each([
    ["amount with 9 decimals", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "amount" ? ["amount", "0.000000001"] : t)))],
    ["non-canonical amount", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "amount" ? ["amount", "5.0"] : t)))],
    ["zero amount", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "amount" ? ["amount", "0"] : t)))],
    ["amount above the network supply", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "amount" ? ["amount", "1000001"] : t)))],
    ["two amount tags", (e: NostrEvent) => withTags(e, [...e.tags, ["amount", "1"]])],
    ["seq 0", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "seq" ? ["seq", "0"] : t)))],
    ["missing prev", (e: NostrEvent) => withTags(e, e.tags.filter((t) => t[0] !== "prev"))],
    ["bad recipient", (e: NostrEvent) => withTags(e, e.tags.map((t) => (t[0] === "p" ? ["p", "npub1xyz"] : t)))],
    ["bad idempotency key", (e: NostrEvent) => withTags(e, [...e.tags, ["x", "not-hex"]])],
    ["memo too long", (e: NostrEvent) => rehash({ ...e, content: "m".repeat(LIMITS.maxContentChars + 1) })],
    ["float created_at", (e: NostrEvent) => ({ ...e, created_at: 1.5 })],
    ["NIP-40 expiration tag", (e: NostrEvent) => withTags(e, [...e.tags, ["expiration", String(T0 + 3600)]])],
    ["too many tags", (e: NostrEvent) => withTags(e, [...e.tags, ...Array.from({ length: LIMITS.maxTags }, () => ["t", "x"])])],
    ["over 64 KiB", (e: NostrEvent) => withTags(e, [...e.tags, ...Array.from({ length: 40 }, () => ["t", "x".repeat(2000)])])]
  ])("malformed: %s", (_name, edit) => {
    expect(reason(edit(fund))).toBe("malformed")
  })

  it("refuses non-events and unknown kinds", () => {
    expect(reason(null)).toBe("malformed")
    expect(reason({})).toBe("malformed")
    expect(reason([fund])).toBe("malformed")
    expect(reason(signEvent({ kind: 1, created_at: T0, tags: [], content: "hello" }, alice.sk))).toBe("unknown_kind")
  })

  it("bounds stake windows by the genesis", () => {
    const ref = { net, seq: 1, prev: net, createdAt: T0, amount: 5n, creator: upkeep.pk, url: "https://example.org/" }
    expect(reason(buildStake(alice.sk, { ...ref, close: T0 + 30 * 86_400 }))).toBe("held")
    expect(reason(buildStake(alice.sk, { ...ref, close: T0 + 30 * 86_400 + 1 }))).toBe("malformed")
    expect(reason(buildStake(alice.sk, { ...ref, close: T0 }))).toBe("malformed")
  })

  it("refuses a transfer to oneself", () => {
    expect(reason(buildTransfer(alice.sk, { net, seq: 1, prev: net, to: alice.pk, amount: 5n, createdAt: T0 }))).toBe("self_transfer")
  })

  it("bounds settles: at most 500 receipts, each listed once", () => {
    const ids = Array.from({ length: LIMITS.maxSettleReceipts + 1 }, (_, i) => i.toString(16).padStart(64, "0"))
    const ref = { net, seq: 1, prev: net, createdAt: T0, stake: stakeId }
    expect(reason(buildSettle(alice.sk, { ...ref, receipts: ids.slice(0, LIMITS.maxSettleReceipts) }))).toBe("rejected") // unknown_stake, but well-formed
    expect(reason(buildSettle(alice.sk, { ...ref, receipts: ids }))).toBe("malformed")
    const twice = buildSettle(alice.sk, { ...ref, receipts: [ids[0]!] })
    expect(reason(signEvent({ kind: KIND.settle, created_at: T0, tags: [...twice.tags, ["receipt", ids[0]!]], content: "" }, alice.sk))).toBe("malformed")
  })

  it("takes a receipt weight only as a canonical decimal in 0..2^63-1, on every receipt tag or none", () => {
    const [a, b] = ["0a".repeat(32), "0b".repeat(32)]
    const settle = (...receipts: string[][]) =>
      new Ledger({ genesis }).add(signEvent({ kind: KIND.settle, created_at: T0, tags: [["net", net], ["seq", "1"], ["prev", net], ["e", stakeId], ...receipts], content: "" }, alice.sk))
    const max = String(MAX_RECEIPT_WEIGHT)
    for (const ok of ["0", "1", "3872000000", max]) expect(settle(["receipt", a, ok], ["receipt", b, "7"])).toMatchObject({ accepted: true })
    expect(settle(["receipt", a], ["receipt", b])).toMatchObject({ accepted: true }) // default weights
    const refused: [string, RegExp][] = [
      [String(MAX_RECEIPT_WEIGHT + 1n), /above the maximum/],
      ["99999999999999999999", /not a canonical/],
      ["01", /not a canonical/],
      ["-1", /not a canonical/],
      ["+1", /not a canonical/],
      ["1.0", /not a canonical/],
      ["1e3", /not a canonical/],
      [" 1", /not a canonical/],
      ["", /not a canonical/]
    ]
    for (const [w, message] of refused) expect(settle(["receipt", a, w], ["receipt", b, "1"])).toMatchObject({ accepted: false, reason: "malformed", message })
    expect(settle(["receipt", a, "5"], ["receipt", b])).toMatchObject({ accepted: false, reason: "malformed", message: /every "receipt" tag carries a weight or none/ })
    expect(() => buildSettle(alice.sk, { net, seq: 1, prev: net, stake: stakeId, receipts: [a, b], weights: new Map([[a, 1n]]) })).toThrow(RangeError)
    expect(() => buildSettle(alice.sk, { net, seq: 1, prev: net, stake: stakeId, receipts: [a], weights: new Map([[a, -1n]]) })).toThrow(RangeError)
    expect(() => buildSettle(alice.sk, { net, seq: 1, prev: net, stake: stakeId, receipts: [a], weights: new Map([[a, MAX_RECEIPT_WEIGHT + 1n]]) })).toThrow(RangeError)
  })
})

describe("receipts", () => {
  const base = { net, stake: stakeId, seconds: 30, createdAt: T0 }

  it("need the network's NIP-13 difficulty, committed and achieved", () => {
    expect(reason(buildReceipt(alice.sk, { ...base, difficulty: 8 }))).toBe("held") // unknown stake: waits
    expect(reason(buildReceipt(alice.sk, { ...base, difficulty: 4 }))).toBe("insufficient_pow") // committed target too low
    expect(reason(signEvent(receiptTemplate(base), alice.sk))).toBe("insufficient_pow") // no nonce tag
    // commits to 8 but the id does not have 8 leading zero bits
    const t = receiptTemplate(base)
    let n = 0
    let e: NostrEvent
    do {
      e = signEvent({ ...t, tags: [...t.tags, ["nonce", String(n++), "8"]] }, alice.sk)
    } while (e.id.startsWith("00"))
    expect(reason(e)).toBe("insufficient_pow")
  })

  it("need the minimum attention", () => {
    expect(reason(buildReceipt(alice.sk, { ...base, seconds: 7, difficulty: 8 }))).toBe("below_min_attention")
    expect(reason(buildReceipt(alice.sk, { ...base, seconds: 8, difficulty: 8 }))).toBe("held")
  })

  it("mining keeps created_at", () => {
    const t = mineReceipt(receiptTemplate(base), alice.pk, 8)
    expect(t.created_at).toBe(T0)
    expect(t.tags.at(-1)![0]).toBe("nonce")
  })
})
