// The amplify dialog's pure logic: the amount picker, reach wording and where a submitted post
// stands. No React, no browser API: tests/wallet-ui/ covers it.
import { AmountError, formatAmp, parseAmp } from "../../../../shared/ledger/amount"

/** The picker's presets, in AMP; "0" is a free amplification. */
export const AMOUNT_PRESETS = ["0", "1", "5", "10", "25"] as const

export type AmountCheck = { ok: true; units: bigint; text: string; free: boolean } | { ok: false; message: string }

/**
 * Checks what the person picked or typed: an AMP decimal (shared/ledger/amount rules), 0 allowed,
 * and no more than the spendable balance (`null`: no network pinned, only free amplification).
 */
export function checkAmount(input: string, spendable: string | null): AmountCheck {
  const text = input.trim() === "" ? "0" : input.trim()
  let units: bigint
  try {
    units = parseAmp(text)
  } catch (err) {
    return { ok: false, message: err instanceof AmountError ? "Enter an amount in AMP, like 5 or 2.5 (at most 8 decimals)." : String(err) }
  }
  if (units === 0n) return { ok: true, units, text: "0", free: true }
  if (spendable === null) return { ok: false, message: "No AMP network is set up on this device yet: only a free amplification (0 AMP) is possible." }
  const have = parseAmp(spendable)
  if (units > have) return { ok: false, message: `Insufficient balance: this needs ${formatAmp(units)} AMP and you can spend ${formatAmp(have)} AMP.` }
  return { ok: true, units, text: formatAmp(units), free: false }
}

/** "about 1,234 people" */
export function reachText(people: number | undefined): string {
  if (people === undefined) return "estimating reach…"
  if (people <= 0) return "no paid reach"
  const n = Math.round(people).toLocaleString("en-US")
  return people === 1 ? "about 1 person" : `about ${n} people`
}

/** The reach the engine gave for `units`, when it was asked. */
export function reachFor(reach: readonly { amount: bigint; people: number }[] | undefined, units: bigint): number | undefined {
  return reach?.find((r) => r.amount === units)?.people
}

export interface OutboxView {
  state: "pending" | "sent" | "rejected" | "none"
  acceptedBy: string[]
  rejections: { url: string; reason: string }[]
  lastError: string | null
}
export interface LedgerView {
  status: "applied" | "held" | "rejected"
  reason: string | null
  message: string
}

export type Delivery =
  | { phase: "pending"; message: string }
  | { phase: "offline"; message: string }
  | { phase: "confirmed"; message: string }
  | { phase: "rejected"; message: string }

const host = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * Where a submitted event stands. Confirmed = a relay answered `OK true` and, for a stake, the
 * ledger applied it. A relay's refusal is shown with its own words; no connected relay = queued.
 */
export function deliveryOf(outbox: OutboxView, ledger: LedgerView | null, opts: { isLedgerEvent: boolean; relayConnected: boolean }): Delivery {
  if (ledger?.status === "rejected") return { phase: "rejected", message: `The ledger refused it: ${ledger.message || ledger.reason || "rejected"}.` }
  if (outbox.state === "rejected" || (outbox.state === "pending" && outbox.rejections.length > 0)) {
    const r = outbox.rejections[0]
    return { phase: "rejected", message: r ? `The relay ${host(r.url)} rejected it: “${r.reason}”.` : "Every relay rejected it." }
  }
  if (outbox.state === "sent" || outbox.acceptedBy.length > 0) {
    if (!opts.isLedgerEvent || ledger?.status === "applied") return { phase: "confirmed", message: `Confirmed: accepted by ${outbox.acceptedBy.map(host).join(", ") || "a relay"}.` }
    return { phase: "pending", message: "Sent; waiting for the ledger to apply it…" }
  }
  if (!opts.relayConnected) return { phase: "offline", message: "Offline: no relay is connected. It is queued and will be sent as soon as a relay is reachable." }
  return { phase: "pending", message: "Pending: waiting for a relay to confirm…" }
}
