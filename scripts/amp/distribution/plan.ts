// Plans a distribution: every transfer derived up front from the issuer's chain head, the CSV rows
// and a fixed time, each tagged with its idempotency key (PROTOCOL §2.13).
import { buildTransfer, distributionKey, formatAmp, LIMITS, type NostrEvent } from "../../../shared/ledger"
import type { AllocationRow } from "./csv"

/**
 * Events per second of created_at. Relays page by created_at (`until`), and a second cannot be
 * split; spreading a large plan over a few seconds keeps every second well under a page.
 */
export const EVENTS_PER_SECOND = 400

export interface PlanInput {
  sk: Uint8Array
  genesisId: string
  distributionId: string
  rows: readonly AllocationRow[]
  start: { seq: number; prev: string }
  plannedAt: number
}

export function planTransfers(p: PlanInput): { rows: { line: number; recipient: string; amount: string; key: string }[]; events: NostrEvent[] } {
  const rows: { line: number; recipient: string; amount: string; key: string }[] = []
  const events: NostrEvent[] = []
  let prev = p.start.prev
  p.rows.forEach((r, i) => {
    const key = distributionKey(p.distributionId, r.recipient)
    const memo = `distribution ${p.distributionId}, line ${r.line}`.slice(0, LIMITS.maxContentChars)
    const e = buildTransfer(p.sk, {
      net: p.genesisId,
      seq: p.start.seq + i,
      prev,
      to: r.recipient,
      amount: r.amount,
      key,
      memo,
      createdAt: p.plannedAt + Math.floor(i / EVENTS_PER_SECOND)
    })
    rows.push({ line: r.line, recipient: r.recipient, amount: formatAmp(r.amount), key })
    events.push(e)
    prev = e.id
  })
  return { rows, events }
}
