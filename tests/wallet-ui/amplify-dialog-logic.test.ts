import { describe, expect, it } from "vitest"

import { AMOUNT_PRESETS, checkAmount, deliveryOf, reachFor, reachText } from "../../extension/features/amplify/sidepanel/amount"
import { MAX_QUOTE_CHARS, quoteOf } from "../../extension/features/amplify/background/menus"

const outbox = (over: Partial<Parameters<typeof deliveryOf>[0]> = {}) => ({ state: "pending" as const, acceptedBy: [], rejections: [], lastError: null, ...over })

describe("the amount picker", () => {
  it("offers a free amplification first", () => {
    expect(AMOUNT_PRESETS[0]).toBe("0")
    expect(checkAmount("0", "10")).toEqual({ ok: true, units: 0n, text: "0", free: true })
    expect(checkAmount("", null)).toMatchObject({ ok: true, free: true })
  })

  it("takes AMP decimals up to 8 places and normalises them", () => {
    expect(checkAmount(" 2.50 ", "10")).toEqual({ ok: true, units: 250_000_000n, text: "2.5", free: false })
    expect(checkAmount("0.00000001", "10")).toMatchObject({ ok: true, units: 1n })
  })

  it("refuses what is not an AMP decimal", () => {
    for (const bad of ["-1", "1e3", "1.123456789", "abc", "1,5", "01"]) {
      expect(checkAmount(bad, "100")).toEqual({ ok: false, message: "Enter an amount in AMP, like 5 or 2.5 (at most 8 decimals)." })
    }
  })

  it("refuses more than the spendable balance, and any amount without a network", () => {
    expect(checkAmount("10.00000001", "10")).toEqual({ ok: false, message: "Insufficient balance: this needs 10.00000001 AMP and you can spend 10 AMP." })
    expect(checkAmount("10", "10")).toMatchObject({ ok: true })
    expect(checkAmount("1", null)).toMatchObject({ ok: false, message: expect.stringMatching(/^No AMP network/) })
  })

  it("words the engine's reach estimate", () => {
    const reach = [
      { amount: 0n, people: 0 },
      { amount: 500_000_000n, people: 1 },
      { amount: 1_000_000_000n, people: 1234.4 }
    ]
    expect(reachText(reachFor(reach, 0n))).toBe("no paid reach")
    expect(reachText(reachFor(reach, 500_000_000n))).toBe("about 1 person")
    expect(reachText(reachFor(reach, 1_000_000_000n))).toBe("about 1,234 people")
    expect(reachText(reachFor(reach, 7n))).toBe("estimating reach…")
  })
})

describe("where an amplification stands", () => {
  const relay = { isLedgerEvent: true, relayConnected: true }
  it("is pending until a relay accepts it and the ledger applied the stake", () => {
    expect(deliveryOf(outbox(), { status: "applied", reason: null, message: "" }, relay).phase).toBe("pending")
    expect(deliveryOf(outbox({ state: "sent", acceptedBy: ["ws://127.0.0.1:4000"] }), { status: "held", reason: "gap", message: "" }, relay).phase).toBe("pending")
    expect(deliveryOf(outbox({ state: "sent", acceptedBy: ["ws://127.0.0.1:4000"] }), { status: "applied", reason: null, message: "" }, relay)).toEqual({
      phase: "confirmed",
      message: "Confirmed: accepted by 127.0.0.1:4000."
    })
  })

  it("a free post is confirmed by the relay alone", () => {
    expect(deliveryOf(outbox({ state: "sent", acceptedBy: ["wss://relay.example"] }), null, { isLedgerEvent: false, relayConnected: true }).phase).toBe("confirmed")
  })

  it("says it is queued when no relay is connected", () => {
    expect(deliveryOf(outbox(), null, { isLedgerEvent: false, relayConnected: false })).toEqual({
      phase: "offline",
      message: "Offline: no relay is connected. It is queued and will be sent as soon as a relay is reachable."
    })
  })

  it("shows the relay's own reason for a refusal, and the ledger's", () => {
    const refused = outbox({ state: "rejected", rejections: [{ url: "wss://relay.example", reason: "blocked: not on the allow list" }] })
    expect(deliveryOf(refused, null, relay)).toEqual({ phase: "rejected", message: "The relay relay.example rejected it: “blocked: not on the allow list”." })
    expect(deliveryOf(outbox({ state: "sent", acceptedBy: ["x"] }), { status: "rejected", reason: "overspend", message: "balance too low" }, relay)).toEqual({
      phase: "rejected",
      message: "The ledger refused it: balance too low."
    })
  })
})

describe("a selection as the note", () => {
  it("collapses whitespace and cuts long quotes", () => {
    expect(quoteOf("  Attention\n\n is   scarce ")).toBe("Attention is scarce")
    const long = quoteOf("a".repeat(MAX_QUOTE_CHARS + 50))
    expect(long).toHaveLength(MAX_QUOTE_CHARS)
    expect(long.endsWith("…")).toBe(true)
  })
})
