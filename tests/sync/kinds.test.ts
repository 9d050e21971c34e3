import { describe, expect, it } from "vitest"

import { EVENT_LIMITS } from "../../shared/nostr/event-schema"
import {
  bookmarkAddress,
  checkRelayUrl,
  commentTemplate,
  contactListTemplate,
  deletionTemplate,
  leadingZeroBits,
  mineEvent,
  muteListTemplate,
  parseComment,
  parseContactList,
  parseDeletion,
  parseKnownEvent,
  parseMuteList,
  parseReaction,
  parseRelayList,
  parseStreamSettings,
  powShortfall,
  reactionTemplate,
  relayListTemplate,
  streamSettingsTemplate,
  withExpiration
} from "../../shared/nostr/kinds"
import { backoffMs, isPermanentRefusal, recordAttempt, enqueue } from "../../shared/sync"
import { openStreamDb } from "../../shared/db/database"
import { person } from "./sync-fixture"

const URL_ = "https://example.com/article"
const T = 1_800_000_000

describe("NIP-22 comments (kind 1111)", () => {
  const alice = person()
  const bookmark = { id: "b".repeat(64), author: alice.pubkey, address: bookmarkAddress(alice.pubkey, URL_) }

  it("builds a web-rooted comment on a bookmark and parses it back", async () => {
    const t = commentTemplate({ url: URL_, parent: { kind: "39701", ...bookmark }, content: "  Good read.  ", createdAt: T })
    expect(t.tags).toEqual([
      ["I", URL_],
      ["K", "web"],
      ["e", bookmark.id, "", alice.pubkey],
      ["a", `39701:${alice.pubkey}:example.com/article`, ""],
      ["k", "39701"],
      ["p", alice.pubkey]
    ])
    const signed = await person().signWithPow(t, 16)
    const r = parseComment(signed)
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ url: URL_, content: "Good read.", parent: { kind: "39701", ...bookmark } }) })
  })

  it.each([
    ["a root that is not a web page", (t: string[][]) => t.map((x) => (x[0] === "K" ? ["K", "1"] : x)), /root is not a web page/],
    ["two roots", (t: string[][]) => [...t, ["I", "https://other.example/"]], /more than one root/],
    ["a javascript: root", (t: string[][]) => t.map((x) => (x[0] === "I" ? ["I", "javascript:alert(1)"] : x)), /root URL refused/],
    ["no parent kind", (t: string[][]) => t.filter((x) => x[0] !== "k"), /exactly one k/],
    ["a parent bookmark without author", (t: string[][]) => t.filter((x) => x[0] !== "p"), /p tag/],
    ["an a tag naming another page", (t: string[][]) => t.map((x) => (x[0] === "a" ? ["a", `39701:${alice.pubkey}:other.example/`] : x)), /a tag does not name/]
  ])("refuses %s", async (_, change, reason) => {
    const t = commentTemplate({ url: URL_, parent: { kind: "39701", ...bookmark }, content: "hi", createdAt: T })
    const signed = person().sign({ ...t, tags: change(t.tags) })
    expect(parseComment(signed, 0)).toEqual({ ok: false, reason: expect.stringMatching(reason) })
  })

  it("refuses empty and overlong text, and too little work", async () => {
    const p = person()
    const base = commentTemplate({ url: URL_, parent: { kind: "web" }, content: "x", createdAt: T })
    expect(parseComment(p.sign({ ...base, content: "   " }), 0)).toMatchObject({ ok: false, reason: /empty/ })
    expect(parseComment(p.sign({ ...base, content: "é".repeat(2001) }), 0)).toMatchObject({ ok: false, reason: /longer than 2000/ })
    expect(parseComment(p.sign({ ...base, content: "é".repeat(2000) }), 0)).toMatchObject({ ok: true })
    expect(parseComment(await p.signWithPow(base, 10))).toMatchObject({ ok: false, reason: /^pow: / })
    expect(parseComment(p.sign(base))).toMatchObject({ ok: false, reason: /^pow: needs a NIP-13 nonce/ })
    expect(() => commentTemplate({ url: URL_ + "?utm_source=x", parent: { kind: "web" }, content: "x", createdAt: T })).toThrow(/canonical/)
  })
})

describe("NIP-25 reactions (kind 7)", () => {
  const alice = person()
  const target = { id: "c".repeat(64), author: alice.pubkey, address: bookmarkAddress(alice.pubkey, URL_) }

  it("builds a like on a bookmark; '' means '+', '-' is not a like", async () => {
    const p = person()
    const like = parseReaction(await p.signWithPow(reactionTemplate(target, T), 12))
    expect(like).toMatchObject({ ok: true, value: { target: target.id, targetAuthor: alice.pubkey, address: target.address, content: "+", like: true } })
    expect(parseReaction(await p.signWithPow(reactionTemplate(target, T, ""), 12))).toMatchObject({ ok: true, value: { content: "+", like: true } })
    expect(parseReaction(await p.signWithPow(reactionTemplate(target, T, "-"), 12))).toMatchObject({ ok: true, value: { like: false } })
  })

  it("refuses reactions not on a bookmark, without target, or with control characters", async () => {
    const p = person()
    const t = reactionTemplate(target, T)
    expect(parseReaction(p.sign({ ...t, tags: t.tags.filter((x) => x[0] !== "k") }), 0)).toMatchObject({ ok: false, reason: /not on a web bookmark/ })
    expect(parseReaction(p.sign({ ...t, tags: t.tags.filter((x) => x[0] !== "e") }), 0)).toMatchObject({ ok: false, reason: /e tag/ })
    expect(parseReaction(p.sign({ ...t, content: "\u0007" }), 0)).toMatchObject({ ok: false, reason: /control/ })
    expect(parseReaction(p.sign({ ...t, content: "x".repeat(65) }), 0)).toMatchObject({ ok: false, reason: /longer than 64/ })
  })
})

describe("lists: NIP-02, NIP-51, NIP-65", () => {
  it("follow lists keep distinct valid pubkeys and skip junk", () => {
    const [a, b] = [person().pubkey, person().pubkey]
    const e = person().sign({ ...contactListTemplate([{ pubkey: a }, { pubkey: b, petname: "bee" }], T), tags: [["p", a], ["p", "nope"], ["p", b, "", "bee"], ["p", a]] })
    expect(parseContactList(e)).toMatchObject({ ok: true, value: { follows: [a, b], skipped: 1 } })
    expect(() => contactListTemplate(Array.from({ length: EVENT_LIMITS.tags + 1 }, () => ({ pubkey: a })), T)).toThrow(/at most/)
  })

  it("mute lists read public p, t, word and e items", () => {
    const a = person().pubkey
    const e = person().sign(muteListTemplate({ pubkeys: [a], hashtags: ["#Spam"], words: ["Casino"] }, T))
    expect(parseMuteList(e)).toMatchObject({ ok: true, value: { pubkeys: [a], hashtags: ["spam"], words: ["casino"], hasPrivateItems: false } })
  })

  it("relay lists accept wss anywhere and ws only on loopback, at most 20", () => {
    expect(checkRelayUrl("wss://relay.example.com")).toEqual({ ok: true, url: "wss://relay.example.com/" })
    expect(checkRelayUrl("ws://127.0.0.1:7777")).toEqual({ ok: true, url: "ws://127.0.0.1:7777/" })
    expect(checkRelayUrl("ws://relay.example.com")).toMatchObject({ ok: false, reason: /only allowed for a relay on this computer/ })
    expect(checkRelayUrl("https://relay.example.com")).toMatchObject({ ok: false })
    const e = person().sign(relayListTemplate([{ url: "wss://a.example", read: true, write: true }, { url: "wss://b.example", read: true, write: false }], T))
    expect(e.tags).toEqual([["r", "wss://a.example/"], ["r", "wss://b.example/", "read"]])
    expect(parseRelayList(e)).toMatchObject({ ok: true, value: { relays: [{ url: "wss://a.example/", read: true, write: true }, { url: "wss://b.example/", read: true, write: false }] } })
    const many = person().sign({ kind: 10002, created_at: T, content: "", tags: Array.from({ length: 21 }, (_, i) => ["r", `wss://r${i}.example`]) })
    expect(parseRelayList(many)).toMatchObject({ ok: false, reason: /more than 20/ })
  })
})

describe("NIP-09 deletions, NIP-40 expiration, NIP-78 settings", () => {
  it("deletion requests name the author's own events, never ledger kinds", () => {
    const p = person()
    const d = p.sign(deletionTemplate({ events: [{ id: "d".repeat(64), kind: 7 }], addresses: [`39701:${p.pubkey}:example.com/`] }, T))
    expect(parseDeletion(d)).toMatchObject({ ok: true, value: { ids: ["d".repeat(64)], addresses: [`39701:${p.pubkey}:example.com/`], kinds: [7, 39701] } })
    expect(() => deletionTemplate({ events: [{ id: "d".repeat(64), kind: 3331 }] }, T)).toThrow(/cannot be deleted/)
    const foreign = p.sign({ kind: 5, created_at: T, content: "", tags: [["a", `39701:${person().pubkey}:x`]] })
    expect(parseDeletion(foreign)).toMatchObject({ ok: false, reason: /names no event of its author/ })
  })

  it("a malformed expiration tag makes any event malformed", () => {
    const p = person()
    const ok = p.sign(withExpiration(relayListTemplate([], T), T + 60))
    expect(parseKnownEvent(ok)).toMatchObject({ ok: true })
    const bad = p.sign({ ...relayListTemplate([], T), tags: [["expiration", "soon"]] })
    expect(parseKnownEvent(bad)).toEqual({ ok: false, reason: "malformed expiration tag (NIP-40)" })
  })

  it("stream settings round-trip and refuse dials out of range", () => {
    const p = person()
    const settings = { v: 1 as const, allowAmplifiedFrom: ["friends" as const], communities: [], topics: ["rust"], blockedAdvertisers: [], dials: { [p.pubkey]: 2 } }
    expect(parseStreamSettings(p.sign(streamSettingsTemplate(settings, T)))).toMatchObject({ ok: true, value: { settings } })
    const bad = p.sign({ ...streamSettingsTemplate(settings, T), content: JSON.stringify({ ...settings, dials: { x: 9 } }) })
    expect(parseStreamSettings(bad)).toMatchObject({ ok: false })
  })

  it("the generic limits hold: 600 tags, 64 KiB of JSON", () => {
    const p = person()
    const tags = Array.from({ length: 600 }, (_, i) => ["p", String(i).padStart(64, "0")])
    expect(parseKnownEvent(p.sign({ kind: 3, created_at: T, content: "", tags }))).toMatchObject({ ok: true })
    expect(parseKnownEvent(p.sign({ kind: 3, created_at: T, content: "", tags: [...tags, ["p", "f".repeat(64)]] }))).toMatchObject({ ok: false, reason: /malformed event/ })
    const big = p.sign({ kind: 3, created_at: T, content: "", tags: Array.from({ length: 20 }, () => ["x", "y".repeat(4000)]) })
    expect(parseKnownEvent(big)).toMatchObject({ ok: false, reason: /larger than 65536 bytes/ })
  })
})

describe("NIP-13 proof of work", () => {
  it("mines without touching created_at and checks the committed target", async () => {
    const p = person()
    const mined = await mineEvent({ kind: 7, created_at: T, tags: [], content: "+", pubkey: p.pubkey }, 10)
    expect(mined.created_at).toBe(T)
    expect(leadingZeroBits(mined.id)).toBeGreaterThanOrEqual(10)
    expect(mined.tags.at(-1)).toEqual(["nonce", expect.any(String), "10"])
    expect(powShortfall(mined, 10)).toBeUndefined()
    expect(powShortfall(mined, 11)).toMatch(/committed target 10 is below the minimum 11/)
    expect(leadingZeroBits("0f" + "f".repeat(62))).toBe(4)
    expect(leadingZeroBits("00" + "1" + "f".repeat(61))).toBe(11)
  })
})

describe("outbox backoff", () => {
  it("is exponential with jitter, capped, and persists across a restart", async () => {
    expect(backoffMs(1, () => 0)).toBe(1000)
    expect(backoffMs(1, () => 1)).toBe(2000)
    expect(backoffMs(3, () => 1)).toBe(8000)
    expect(backoffMs(30, () => 1)).toBe(600_000)
    expect(isPermanentRefusal("blocked: deleted")).toBe(true)
    expect(isPermanentRefusal("rate-limited: slow down")).toBe(false)

    const name = `outbox-${Date.now()}`
    const db = openStreamDb(name)
    const event = person().sign({ kind: 1, created_at: T, tags: [], content: "x" })
    await enqueue(db, event, 1_000)
    await recordAttempt(db, event.id, { accepted: [], refused: [{ url: "wss://a/", reason: "rate-limited: later" }], failed: [{ url: "wss://b/", error: "publish timed out" }] }, 5_000, () => 0.5)
    db.close()
    const again = openStreamDb(name)
    expect(await again.outbox.get(event.id)).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: 5_000 + 1500, lastError: "publish timed out", rejections: [{ url: "wss://a/", reason: "rate-limited: later" }] })
    await recordAttempt(again, event.id, { accepted: [], refused: [], failed: [{ url: "wss://b/", error: "publish timed out" }] }, 7_000, () => 0.5)
    expect(await again.outbox.get(event.id)).toMatchObject({ attempts: 2, nextAttemptAt: 7_000 + 3000 })
    await recordAttempt(again, event.id, { accepted: ["wss://b/"], refused: [], failed: [] }, 9_000)
    expect(await again.outbox.get(event.id)).toMatchObject({ state: "sent", sentAt: 9_000, acceptedBy: ["wss://b/"] })
  })
})
