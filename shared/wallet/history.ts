// A person's ledger history, each entry saying what the money was for, and earnings per UTC day.
// Pure functions of the stored rows (read in one transaction by the wallet).
import { KIND, parseAmp } from "../ledger"
import type { LedgerEventRow, LedgerStakeRow, LedgerStatusRow } from "./store/rows"

export type PayoutRole = "viewer" | "creator" | "upkeep" | "refund"

interface EntryBase {
  /** Id of the event that moved the money (for payouts: the settle). */
  id: string
  /** Unix seconds (the event's created_at). */
  at: number
  status: "applied" | "held" | "rejected"
  reason: string | null
  message: string
}

export type HistoryEntry =
  | (EntryBase & { kind: "issue"; direction: "in"; amount: bigint })
  | (EntryBase & { kind: "transfer-in" | "transfer-out"; direction: "in" | "out"; amount: bigint; counterparty: string; memo: string })
  | (EntryBase & { kind: "stake"; direction: "out"; amount: bigint; url: string; post: string | null; creator: string; close: number; stakeStatus: LedgerStakeRow["status"] | "unknown" })
  | (EntryBase & { kind: "payout"; direction: "in"; amount: bigint; role: PayoutRole; stakeId: string; url: string; staker: string })
  | (EntryBase & { kind: "burn"; direction: "out"; amount: bigint; memo: string })
  | (EntryBase & { kind: "receipt"; direction: "none"; amount: 0n; stakeId: string; seconds: number })
  | (EntryBase & { kind: "settle"; direction: "none"; amount: 0n; stakeId: string; receipts: number })

const tag = (row: LedgerEventRow, name: string): string => row.event.tags.find((t) => t[0] === name)?.[1] ?? ""

/** Each role a settlement paid `me` in, with its amount (zero shares are left out). */
export function payoutsTo(me: string, stake: LedgerStakeRow, upkeep: string): { role: PayoutRole; amount: bigint }[] {
  const s = stake.settlement
  if (s === null) return []
  const out: { role: PayoutRole; amount: bigint }[] = []
  const viewer = s.viewers.find(([pk]) => pk === me)
  if (viewer) out.push({ role: "viewer", amount: BigInt(viewer[1]) })
  if (stake.creator === me) out.push({ role: "creator", amount: BigInt(s.creator) })
  if (upkeep === me) out.push({ role: "upkeep", amount: BigInt(s.upkeep) })
  if (stake.staker === me) out.push({ role: "refund", amount: BigInt(s.refund) })
  return out.filter((p) => p.amount > 0n)
}

export function buildHistory(
  me: string,
  upkeep: string,
  events: readonly LedgerEventRow[],
  statuses: ReadonlyMap<string, LedgerStatusRow>,
  stakes: ReadonlyMap<string, LedgerStakeRow>
): HistoryEntry[] {
  const out: HistoryEntry[] = []
  const base = (row: LedgerEventRow): EntryBase => {
    const s = statuses.get(row.id)
    return { id: row.id, at: row.created_at, status: s?.status ?? "held", reason: s?.reason ?? null, message: s?.message ?? "" }
  }
  for (const row of events) {
    const mine = row.pubkey === me
    switch (row.kind) {
      case KIND.genesis:
        if (mine) out.push({ ...base(row), kind: "issue", direction: "in", amount: amountOf(tag(row, "supply")) })
        break
      case KIND.transfer: {
        const to = tag(row, "p")
        if (!mine && to !== me) break
        out.push({
          ...base(row),
          kind: mine ? "transfer-out" : "transfer-in",
          direction: mine ? "out" : "in",
          amount: amountOf(tag(row, "amount")),
          counterparty: mine ? to : row.pubkey,
          memo: row.event.content
        })
        break
      }
      case KIND.stake:
        if (!mine) break // a stake on my post pays me only when settled: see the payout entries
        out.push({
          ...base(row),
          kind: "stake",
          direction: "out",
          amount: amountOf(tag(row, "amount")),
          url: tag(row, "r"),
          post: tag(row, "e") || null,
          creator: tag(row, "p"),
          close: Number(tag(row, "close")),
          stakeStatus: stakes.get(row.id)?.status ?? "unknown"
        })
        break
      case KIND.burn:
        if (mine) out.push({ ...base(row), kind: "burn", direction: "out", amount: amountOf(tag(row, "amount")), memo: row.event.content })
        break
      case KIND.receipt:
        if (mine) out.push({ ...base(row), kind: "receipt", direction: "none", amount: 0n, stakeId: row.stake ?? "", seconds: Number(tag(row, "secs")) })
        break
      case KIND.settle:
        if (mine) {
          const receipts = row.event.tags.filter((t) => t[0] === "receipt").length
          out.push({ ...base(row), kind: "settle", direction: "none", amount: 0n, stakeId: row.stake ?? "", receipts })
        }
        break
    }
  }
  for (const stake of stakes.values()) {
    if (stake.settlement === null) continue
    const settle = statuses.get(stake.settlement.settleId)
    for (const p of payoutsTo(me, stake, upkeep)) {
      out.push({
        id: stake.settlement.settleId,
        at: stake.settledAt ?? stake.close,
        status: settle?.status ?? "applied",
        reason: null,
        message: `${p.role} share of the stake on ${stake.url}`,
        kind: "payout",
        direction: "in",
        amount: p.amount,
        role: p.role,
        stakeId: stake.id,
        url: stake.url,
        staker: stake.staker
      })
    }
  }
  // Newest first; ties by kind then id so the order never depends on how rows were read.
  return out.sort((a, b) => b.at - a.at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export interface DayEarnings {
  /** UTC day, YYYY-MM-DD. */
  day: string
  viewer: bigint
  creator: bigint
  upkeep: bigint
  total: bigint
}

export const utcDay = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 10)

/**
 * What `me` earned per UTC day: viewer, creator and upkeep shares of applied settlements, dated by
 * the settle. Refunds of one's own stakes are not earnings. Days without earnings are omitted.
 */
export function earningsByDay(me: string, upkeep: string, stakes: Iterable<LedgerStakeRow>): DayEarnings[] {
  const days = new Map<string, DayEarnings>()
  for (const stake of stakes) {
    if (stake.status !== "settled") continue
    for (const p of payoutsTo(me, stake, upkeep)) {
      if (p.role === "refund") continue
      const day = utcDay(stake.settledAt ?? stake.close)
      const d = days.get(day) ?? { day, viewer: 0n, creator: 0n, upkeep: 0n, total: 0n }
      d[p.role] += p.amount
      d.total += p.amount
      days.set(day, d)
    }
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1))
}

// Stored events passed validation, so every amount tag is a canonical AMP decimal.
const amountOf = (text: string): bigint => parseAmp(text)
