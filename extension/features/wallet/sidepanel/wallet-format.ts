// The wallet view's pure logic: error codes as sentences, what each history entry was for, the
// send form's checks and the earnings chart's geometry. tests/wallet-ui/ covers it.
import { formatAmp, parseAmp } from "../../../../shared/ledger/amount"
import type { WalletHistoryEntryWire } from "../../../../shared/messages/catalog"
import { parsePubkey, toNpub } from "../../../../shared/wallet/keys"

/** The wallet's error codes (shared/wallet/errors.ts and the background's) as what to do about them. */
export function walletErrorText(code: string, detail?: string): string {
  switch (code) {
    case "bad-key":
      return "That is not a valid npub. An npub starts with “npub1” and is 63 characters long (a 64-character hex key works too)."
    case "own-key":
      return "That is your own npub: you cannot send AMP to yourself."
    case "bad-amount":
      return `Enter an amount in AMP, like 5 or 2.5 (more than 0, at most 8 decimals)${detail ? ` — ${detail}` : ""}.`
    case "insufficient-balance":
      return `Insufficient balance${detail ? `: ${detail}` : ""}.`
    case "frozen-account":
      return "This account is frozen: it signed two conflicting ledger events and can never spend again."
    case "bad-memo":
      return "The note is too long."
    case "no-network":
      return "No AMP network is set up on this device yet. Paste the network's genesis below."
    case "bad-network":
      return `That is not an AMP network's genesis${detail ? `: ${detail}` : ""}.`
    case "bad-url":
      return "Only web pages (http or https) can be amplified with AMP."
    default:
      return detail ?? code
  }
}

export type SendCheck = { ok: true; to: string; npub: string; amount: string } | { ok: false; field: "to" | "amount"; message: string }

/** The send form, checked before the confirmation step (the background checks again). */
export function checkSend(to: string, amount: string, me: string | undefined, spendable: string | null): SendCheck {
  const key = parsePubkey(to)
  if (!key.ok) return { ok: false, field: "to", message: walletErrorText("bad-key") }
  if (me && key.pubkey === me) return { ok: false, field: "to", message: walletErrorText("own-key") }
  let units: bigint
  try {
    units = parseAmp(amount.trim())
  } catch {
    return { ok: false, field: "amount", message: walletErrorText("bad-amount") }
  }
  if (units === 0n) return { ok: false, field: "amount", message: walletErrorText("bad-amount") }
  if (spendable !== null && units > parseAmp(spendable)) {
    return { ok: false, field: "amount", message: walletErrorText("insufficient-balance", `you can spend ${spendable} AMP`) }
  }
  return { ok: true, to: key.pubkey, npub: toNpub(key.pubkey), amount: formatAmp(units) }
}

export const shortNpub = (pubkey: string): string => {
  const npub = toNpub(pubkey)
  return `${npub.slice(0, 10)}…${npub.slice(-4)}`
}

const linkText = (url: string | undefined): string => url ?? "a link"

/** What one history entry was for, in words. */
export function describeEntry(e: WalletHistoryEntryWire): string {
  switch (e.kind) {
    case "issue":
      return "Issued the network's supply"
    case "transfer-in":
      return `Received from ${e.counterparty ? shortNpub(e.counterparty) : "someone"}${e.memo ? ` — “${e.memo}”` : ""}`
    case "transfer-out":
      return `Sent to ${e.counterparty ? shortNpub(e.counterparty) : "someone"}${e.memo ? ` — “${e.memo}”` : ""}`
    case "stake":
      return `Stake on ${linkText(e.url)}`
    case "payout":
      switch (e.role) {
        case "viewer":
          return `Earned for your attention to ${linkText(e.url)}`
        case "creator":
          return `Creator share of a stake on ${linkText(e.url)}`
        case "upkeep":
          return `Upkeep share of a stake on ${linkText(e.url)}`
        default:
          return `Refund of a stake on ${linkText(e.url)}`
      }
    case "burn":
      return `Burned${e.memo ? ` — “${e.memo}”` : ""}`
    case "receipt":
      return `Attention receipt (${e.seconds ?? 0} s)`
    case "settle":
      return `Settled a stake (${e.receipts ?? 0} receipts)`
  }
}

/** "+5 AMP", "−5 AMP" or "" for entries that move nothing. */
export function signedAmount(e: WalletHistoryEntryWire): string {
  if (e.direction === "none") return ""
  return `${e.direction === "in" ? "+" : "−"}${e.amount} AMP`
}

export function statusText(e: WalletHistoryEntryWire): string {
  if (e.status === "applied") return e.kind === "stake" && e.stakeStatus === "open" ? "confirmed · open" : "confirmed"
  if (e.status === "held") return "pending"
  return `refused${e.message ? `: ${e.message}` : ""}`
}

export interface Bar {
  day: string
  /** AMP decimal. */
  total: string
  /** 0..1 of the tallest bar. */
  ratio: number
}

/** The last `days` UTC days ending `today` (YYYY-MM-DD), with the days without earnings at 0. */
export function earningsBars(rows: readonly { day: string; total: string }[], today: string, days = 14): Bar[] {
  const byDay = new Map(rows.map((r) => [r.day, parseAmp(r.total)]))
  const end = Date.parse(`${today}T00:00:00Z`)
  const out: { day: string; units: bigint }[] = []
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10)
    out.push({ day, units: byDay.get(day) ?? 0n })
  }
  const max = out.reduce((m, b) => (b.units > m ? b.units : m), 0n)
  return out.map((b) => ({ day: b.day, total: formatAmp(b.units), ratio: max === 0n ? 0 : Number((b.units * 10_000n) / max) / 10_000 }))
}

/** The chart's text alternative: total, days with earnings and the best day. */
export function earningsSummary(bars: readonly Bar[]): string {
  const units = bars.map((b) => parseAmp(b.total))
  const total = units.reduce((a, b) => a + b, 0n)
  if (total === 0n) return `No earnings in the last ${bars.length} days yet.`
  let best = 0
  units.forEach((u, i) => {
    if (u > units[best]!) best = i
  })
  const active = units.filter((u) => u > 0n).length
  return `Earned ${formatAmp(total)} AMP over the last ${bars.length} days, on ${active} ${active === 1 ? "day" : "days"}; best day ${bars[best]!.day} with ${bars[best]!.total} AMP.`
}
