// Audit of a snapshot: supply accounting and per-account rows, checked against each other.
import { formatAmp } from "./amount"
import type { LedgerState } from "./state"

export interface AuditRow {
  pubkey: string
  balance: bigint
  escrowed: bigint
  burned: bigint
  pendingIn: bigint
  pendingOut: bigint
  frozen: boolean
}

export interface AuditReport {
  issued: bigint
  treasury: bigint
  circulating: bigint
  escrowed: bigint
  burned: bigint
  accounts: AuditRow[]
  /** True when every check below holds. */
  ok: boolean
  problems: string[]
}

/** Confirmed balance per account, ascending by pubkey. */
export function balances(state: LedgerState): Map<string, bigint> {
  return new Map([...state.accounts.values()].map((a) => [a.pubkey, a.balance]))
}

/**
 * Checks, recomputing every total from the per-account and per-stake rows:
 *  - Σ balances + escrowed + burned == issued (the supply), exactly;
 *  - no balance, escrow or burn is negative;
 *  - escrowed == Σ open stakes == Σ per-account escrow; burned == Σ per-account burns;
 *  - every settlement conserves its stake: creator + upkeep + Σ viewers + refund == amount;
 *  - treasury + circulating match the balances.
 */
export function audit(state: LedgerState): AuditReport {
  const problems: string[] = []
  const t = state.totals
  let sumBalances = 0n
  let sumEscrow = 0n
  let sumBurned = 0n
  const rows: AuditRow[] = []
  for (const a of state.accounts.values()) {
    if (a.balance < 0n) problems.push(`balance of ${a.pubkey} is negative (${a.balance})`)
    if (a.escrowed < 0n) problems.push(`escrow of ${a.pubkey} is negative (${a.escrowed})`)
    if (a.burned < 0n) problems.push(`burn total of ${a.pubkey} is negative (${a.burned})`)
    sumBalances += a.balance
    sumEscrow += a.escrowed
    sumBurned += a.burned
    rows.push({
      pubkey: a.pubkey,
      balance: a.balance,
      escrowed: a.escrowed,
      burned: a.burned,
      pendingIn: a.pendingIn,
      pendingOut: a.pendingOut,
      frozen: a.frozen !== null
    })
  }
  let openStakes = 0n
  for (const s of state.stakes.values()) {
    if (s.status === "open") openStakes += s.amount
    if (s.status === "settled") {
      const p = s.settlement!
      let paid = p.creator + p.upkeep + p.refund
      for (const v of p.viewers.values()) paid += v
      if (paid !== s.amount) problems.push(`settlement of ${s.id} pays ${paid}, stake is ${s.amount}`)
    }
  }
  const fmt = (x: bigint): string => (x < 0n ? `-${formatAmp(-x)}` : formatAmp(x))
  if (sumBalances + t.escrowed + t.burned !== t.issued) {
    problems.push(
      `balances ${fmt(sumBalances)} + escrowed ${fmt(t.escrowed)} + burned ${fmt(t.burned)} != issued ${fmt(t.issued)}`
    )
  }
  if (t.escrowed !== openStakes) problems.push(`escrowed ${t.escrowed} != open stakes ${openStakes}`)
  if (t.escrowed !== sumEscrow) problems.push(`escrowed ${t.escrowed} != per-account escrow ${sumEscrow}`)
  if (t.burned !== sumBurned) problems.push(`burned ${t.burned} != per-account burns ${sumBurned}`)
  if (t.treasury + t.circulating !== sumBalances) problems.push(`treasury + circulating != Σ balances`)
  const issuer = state.accounts.get(state.network.issuer)
  if ((issuer?.balance ?? 0n) !== t.treasury) problems.push(`treasury != issuer balance`)
  return {
    issued: t.issued,
    treasury: t.treasury,
    circulating: t.circulating,
    escrowed: t.escrowed,
    burned: t.burned,
    accounts: rows,
    ok: problems.length === 0,
    problems
  }
}

/** Throws with every problem listed unless the audit passes. */
export function assertBalanced(state: LedgerState): void {
  const r = audit(state)
  if (!r.ok) throw new Error(`ledger audit failed:\n${r.problems.join("\n")}`)
}
