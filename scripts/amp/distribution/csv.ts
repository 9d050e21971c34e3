// The allocation CSV of a distribution: `recipient,amount` per line, recipient an npub or 64-hex
// public key, amount an AMP decimal. A header line, blank lines and `#` comments are allowed.
// The file is checked whole: every bad row is reported with its line number and why, and a file
// with any bad row is refused entirely, so a distribution never goes out half-checked.
import { createHash } from "node:crypto"

import { MAX_SUPPLY, formatAmp, parseAmp } from "../../../shared/ledger"
import { parsePubkey } from "../../../shared/wallet/keys"

export interface AllocationRow {
  /** 1-based line number in the file. */
  line: number
  recipient: string
  amount: bigint
}

export interface RowProblem {
  line: number
  message: string
}

export interface ParsedCsv {
  rows: AllocationRow[]
  problems: RowProblem[]
  total: bigint
}

/** Splits one CSV line; fields may be double-quoted ("" inside quotes is a quote). */
function splitLine(line: string): string[] | null {
  const fields: string[] = []
  let i = 0
  for (;;) {
    let field = ""
    let j = i
    while (line[j] === " " || line[j] === "\t") j++
    if (line[j] === '"') {
      i = j + 1
      for (;;) {
        if (i >= line.length) return null // unterminated quote
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += line[i++]
      }
      while (line[i] === " " || line[i] === "\t") i++
      if (i < line.length && line[i] !== ",") return null
    } else {
      const end = line.indexOf(",", i)
      field = end < 0 ? line.slice(i) : line.slice(i, end)
      i = end < 0 ? line.length : end
    }
    fields.push(field.trim())
    if (i >= line.length) return fields
    i++ // the comma
  }
}

function amountProblem(text: string): string | null {
  if (text === "") return "amount is empty"
  if (text.startsWith("-")) return `amount "${text}" is negative`
  if (/^[0-9]*\.[0-9]{9,}$/.test(text)) return `amount "${text}" has more than 8 decimals (1 AMP = 10^8 base units)`
  if (!/^[0-9.]+$/.test(text)) return `amount "${text}" is not a number`
  try {
    if (parseAmp(text) === 0n) return "amount is 0"
  } catch (err) {
    return (err as Error).message
  }
  return null
}

export function parseAllocationCsv(text: string, opts: { issuer?: string } = {}): ParsedCsv {
  const rows: AllocationRow[] = []
  const problems: RowProblem[] = []
  const firstLine = new Map<string, number>()
  let sawData = false
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/)
  lines.forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === "" || trimmed.startsWith("#")) return
    const fields = splitLine(trimmed)
    if (!sawData) {
      sawData = true
      if (fields !== null && /^recipient$/i.test(fields[0] ?? "")) return // header
    }
    if (fields === null) return void problems.push({ line, message: "unterminated or misplaced double quote" })
    if (fields.length !== 2) return void problems.push({ line, message: `expected 2 columns (recipient, amount), found ${fields.length}` })
    const issues: string[] = []
    const key = parsePubkey(fields[0]!)
    if (!key.ok) issues.push(`recipient: ${key.message}`)
    else if (key.pubkey === opts.issuer) issues.push("recipient is the issuer itself (a transfer to oneself is not allowed)")
    else if (firstLine.has(key.pubkey)) issues.push(`duplicate recipient (also on line ${firstLine.get(key.pubkey)})`)
    const amountIssue = amountProblem(fields[1]!)
    if (amountIssue) issues.push(amountIssue)
    if (issues.length > 0) return void problems.push({ line, message: issues.join("; ") })
    const recipient = (key as { pubkey: string }).pubkey
    firstLine.set(recipient, line)
    rows.push({ line, recipient, amount: parseAmp(fields[1]!) })
  })
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, message: "the file has no allocations" })
  const total = rows.reduce((s, r) => s + r.amount, 0n)
  if (total > MAX_SUPPLY) problems.push({ line: 0, message: `the allocations add up to more than the whole supply` })
  return { rows, problems, total }
}

/**
 * Fingerprint of the allocations (not of the file's bytes), so re-saving the CSV with other
 * spacing or quoting still matches its journal, while any change of a recipient or amount does not.
 */
export function allocationsDigest(rows: readonly AllocationRow[]): string {
  const h = createHash("sha256")
  for (const r of rows) h.update(`${r.recipient},${formatAmp(r.amount)}\n`)
  return h.digest("hex")
}
