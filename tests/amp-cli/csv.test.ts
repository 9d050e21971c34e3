// The allocation CSV is checked whole: every bad row named with its line number and why.
import { describe, expect, it } from "vitest"
import { npubEncode } from "nostr-tools/nip19"

import { allocationsDigest, parseAllocationCsv } from "../../scripts/amp/distribution/csv"
import { recipient } from "./support"

const [a, b, c] = [recipient(1), recipient(2), recipient(3)]

describe("allocation CSV", () => {
  it("reads npub and hex recipients, a header, comments, blank lines, quotes and CRLF", () => {
    const text = `\uFEFFrecipient,amount\r\n# first round\r\n${npubEncode(a)},1.5\r\n\r\n"${b.toUpperCase()}", "0.00000001"\r\n${c} , 2000\r\n`
    const csv = parseAllocationCsv(text)
    expect(csv.problems).toEqual([])
    expect(csv.rows).toEqual([
      { line: 3, recipient: a, amount: 150_000_000n },
      { line: 5, recipient: b, amount: 1n },
      { line: 6, recipient: c, amount: 200_000_000_000n }
    ])
    expect(csv.total).toBe(200_150_000_001n)
  })

  it("names every bad row with its line and reason, and accepts none of the file", () => {
    const issuer = recipient(99)
    const text = [
      "recipient,amount",
      `${a},10`, // 2 ok
      `alice,10`, // 3 unknown key format
      `${b},-5`, // 4 negative
      `${c},ten`, // 5 non-numeric
      `${recipient(4)},1.123456789`, // 6 more than 8 decimals
      `${a},3`, // 7 duplicate of line 2
      `${"f".repeat(64)},1`, // 8 not a curve point
      `${recipient(5)},0`, // 9 zero
      `${recipient(6)}`, // 10 one column
      `${issuer},1`, // 11 the issuer itself
      `${recipient(7)},1e5`, // 12 exponent
      `${recipient(8)},` // 13 empty amount
    ].join("\n")
    const csv = parseAllocationCsv(text, { issuer })
    expect(csv.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    const why = new Map(csv.problems.map((p) => [p.line, p.message]))
    expect(why.get(3)).toMatch(/recipient: "alice" is neither an npub nor a 64-hex public key/)
    expect(why.get(4)).toMatch(/negative/)
    expect(why.get(5)).toMatch(/not a number/)
    expect(why.get(6)).toMatch(/more than 8 decimals/)
    expect(why.get(7)).toMatch(/duplicate recipient \(also on line 2\)/)
    expect(why.get(8)).toMatch(/not a point on secp256k1/)
    expect(why.get(9)).toMatch(/amount is 0/)
    expect(why.get(10)).toMatch(/expected 2 columns/)
    expect(why.get(11)).toMatch(/the issuer itself/)
    expect(why.get(12)).toMatch(/not a number/)
    expect(why.get(13)).toMatch(/amount is empty/)
  })

  it("refuses an empty file and a total above the supply", () => {
    expect(parseAllocationCsv("recipient,amount\n").problems).toEqual([{ line: 0, message: "the file has no allocations" }])
    const huge = parseAllocationCsv(`${a},2000000000\n${b},1`)
    expect(huge.problems).toEqual([{ line: 0, message: "the allocations add up to more than the whole supply" }])
  })

  it("fingerprints the allocations, not the bytes", () => {
    const x = parseAllocationCsv(`${a},1.50\n${b},2`).rows
    const y = parseAllocationCsv(`recipient,amount\n"${npubEncode(a)}" , 1.5\n${b},2.0`).rows
    const z = parseAllocationCsv(`${a},1.5\n${b},2.00000001`).rows
    expect(allocationsDigest(x)).toBe(allocationsDigest(y))
    expect(allocationsDigest(x)).not.toBe(allocationsDigest(z))
  })
})
