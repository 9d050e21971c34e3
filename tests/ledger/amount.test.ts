import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { AmountError, MAX_SUPPLY, formatAmp, isCanonicalAmp, parseAmp, tryParseAmp } from "../../shared/ledger"

describe("parseAmp", () => {
  it.each([
    ["0", 0n],
    ["1", 100_000_000n],
    ["0.00000001", 1n],
    ["1.5", 150_000_000n],
    ["1.50000000", 150_000_000n],
    ["12.34567891", 1_234_567_891n],
    ["2000000000", MAX_SUPPLY],
    ["1999999999.99999999", MAX_SUPPLY - 1n]
  ])("parses %s", (text, units) => {
    expect(parseAmp(text)).toBe(units)
  })

  it.each([
    "1.000000001", // 9 decimals
    "-1",
    "1e5",
    " 1",
    "1 ",
    "",
    "+1",
    "1.",
    ".5",
    "01",
    "00",
    "0x10",
    "1,5",
    "NaN",
    "Infinity",
    "１", // full-width digit
    "2000000000.00000001", // one base unit over the supply
    "2000000001",
    "99999999999",
    "1".repeat(40)
  ])("refuses %j", (text) => {
    expect(() => parseAmp(text)).toThrow(AmountError)
    expect(tryParseAmp(text)).toBeNull()
  })

  it("refuses non-strings", () => {
    expect(() => parseAmp(1 as unknown as string)).toThrow(AmountError)
  })
})

describe("formatAmp", () => {
  it("is canonical: no trailing zeros or dot", () => {
    expect(formatAmp(0n)).toBe("0")
    expect(formatAmp(1n)).toBe("0.00000001")
    expect(formatAmp(150_000_000n)).toBe("1.5")
    expect(formatAmp(100_000_000n)).toBe("1")
    expect(formatAmp(MAX_SUPPLY)).toBe("2000000000")
    expect(isCanonicalAmp("1.50")).toBe(false)
    expect(isCanonicalAmp("1.5")).toBe(true)
  })

  it("refuses negative and over-supply amounts", () => {
    expect(() => formatAmp(-1n)).toThrow(AmountError)
    expect(() => formatAmp(MAX_SUPPLY + 1n)).toThrow(AmountError)
  })

  it("round-trips every amount up to the supply", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_SUPPLY }), (units) => {
        const text = formatAmp(units)
        expect(parseAmp(text)).toBe(units)
        expect(isCanonicalAmp(text)).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })

  it("never throws anything but AmountError, and what parses re-formats to the same value", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9.eE+\- ]{0,14}$/)), (text) => {
        let units: bigint
        try {
          units = parseAmp(text)
        } catch (e) {
          expect(e).toBeInstanceOf(AmountError)
          return
        }
        expect(units >= 0n && units <= MAX_SUPPLY).toBe(true)
        expect(parseAmp(formatAmp(units))).toBe(units)
      }),
      { numRuns: 1000 }
    )
  })
})
