import { npubEncode } from "nostr-tools/nip19"
import { describe, expect, it } from "vitest"

import type { WalletHistoryEntryWire } from "../../shared/messages/catalog"
import { checkSend, describeEntry, earningsBars, earningsSummary, signedAmount, statusText, walletErrorText } from "../../extension/features/wallet/sidepanel/wallet-format"

const ME = "a".repeat(63) + "1"
// A real curve point (the x of a valid key): nostr-tools' own test vector.
const BOB = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e"

const entry = (over: Partial<WalletHistoryEntryWire>): WalletHistoryEntryWire => ({
  id: "f".repeat(64),
  at: 1_750_000_000,
  kind: "stake",
  direction: "out",
  amount: "5",
  status: "applied",
  reason: null,
  message: "",
  ...over
})

describe("the send form's checks", () => {
  it("refuses a bad npub, the person's own key, and bad amounts, naming the field", () => {
    expect(checkSend("npub1nope", "1", ME, "10")).toEqual({ ok: false, field: "to", message: walletErrorText("bad-key") })
    expect(checkSend(BOB, "1", BOB, "10")).toEqual({ ok: false, field: "to", message: walletErrorText("own-key") })
    expect(checkSend(BOB, "0", ME, "10")).toMatchObject({ ok: false, field: "amount" })
    expect(checkSend(BOB, "1.123456789", ME, "10")).toMatchObject({ ok: false, field: "amount" })
    expect(checkSend(BOB, "11", ME, "10")).toEqual({ ok: false, field: "amount", message: "Insufficient balance: you can spend 10 AMP." })
  })

  it("accepts an npub or hex key and normalises the amount", () => {
    expect(checkSend(npubEncode(BOB), "1.50", ME, "10")).toEqual({ ok: true, to: BOB, npub: npubEncode(BOB), amount: "1.5" })
    expect(checkSend(BOB.toUpperCase(), "1", ME, null)).toMatchObject({ ok: true, to: BOB })
  })

  it("has a sentence for every wallet error code", () => {
    for (const code of ["bad-key", "own-key", "bad-amount", "insufficient-balance", "frozen-account", "bad-memo", "no-network", "bad-network", "bad-url"]) {
      expect(walletErrorText(code)).not.toBe(code)
    }
    expect(walletErrorText("something-new", "as the background said")).toBe("as the background said")
  })
})

describe("history entries say what they were for", () => {
  it("stakes, transfers, payouts, receipts", () => {
    expect(describeEntry(entry({ url: "https://example.com/a" }))).toBe("Stake on https://example.com/a")
    const short = `${npubEncode(BOB).slice(0, 10)}…${npubEncode(BOB).slice(-4)}`
    expect(describeEntry(entry({ kind: "transfer-out", counterparty: BOB, memo: "thanks" }))).toBe(`Sent to ${short} — “thanks”`)
    expect(describeEntry(entry({ kind: "transfer-in", direction: "in", counterparty: BOB, memo: "" }))).toBe(`Received from ${short}`)
    expect(describeEntry(entry({ kind: "payout", direction: "in", role: "viewer", url: "https://e.org/" }))).toBe("Earned for your attention to https://e.org/")
    expect(describeEntry(entry({ kind: "payout", direction: "in", role: "refund", url: "https://e.org/" }))).toBe("Refund of a stake on https://e.org/")
    expect(describeEntry(entry({ kind: "receipt", direction: "none", amount: "0", seconds: 42 }))).toBe("Attention receipt (42 s)")
  })

  it("signs amounts and states status", () => {
    expect(signedAmount(entry({}))).toBe("−5 AMP")
    expect(signedAmount(entry({ direction: "in" }))).toBe("+5 AMP")
    expect(signedAmount(entry({ direction: "none" }))).toBe("")
    expect(statusText(entry({ stakeStatus: "open" }))).toBe("confirmed · open")
    expect(statusText(entry({ status: "held" }))).toBe("pending")
    expect(statusText(entry({ status: "rejected", message: "overspend" }))).toBe("refused: overspend")
  })
})

describe("the earnings chart", () => {
  it("fills the last 14 days, scales to the best day, and sums exactly", () => {
    const bars = earningsBars(
      [
        { day: "2026-11-21", total: "0.1" },
        { day: "2026-11-19", total: "0.2" },
        { day: "2026-10-01", total: "99" } // outside the window
      ],
      "2026-11-21"
    )
    expect(bars).toHaveLength(14)
    expect(bars[0]!.day).toBe("2026-11-08")
    expect(bars[13]).toEqual({ day: "2026-11-21", total: "0.1", ratio: 0.5 })
    expect(bars[11]).toEqual({ day: "2026-11-19", total: "0.2", ratio: 1 })
    expect(bars.filter((b) => b.ratio === 0)).toHaveLength(12)
    expect(earningsSummary(bars)).toBe("Earned 0.3 AMP over the last 14 days, on 2 days; best day 2026-11-19 with 0.2 AMP.")
  })

  it("says so when there is nothing yet", () => {
    const bars = earningsBars([], "2026-01-03", 7)
    expect(bars.map((b) => b.day)).toEqual(["2025-12-28", "2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03"])
    expect(earningsSummary(bars)).toBe("No earnings in the last 7 days yet.")
  })
})
