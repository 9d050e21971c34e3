// What a settle of one of my stakes lists, and with which weights (docs/PROTOCOL.md §2.9).
//
// Weights come from the settler's attention engine (Reo-weighted attention, `stakeWeights`), which
// runs in the side panel; the wallet only checks them against the ledger's bounds. Without them
// (the background's alarm, the CLI, tests) the settle carries none and the ledger weighs each
// receipt by the attention units of its seconds.
import { KIND, LIMITS, formatWeight } from "../ledger"
import { WalletError } from "./errors"
import type { LedgerDb } from "./store/rows"

/** A receipt the ledger would count for a stake: its viewer's one receipt that can count. */
export interface CountableReceipt {
  id: string
  pubkey: string
  seconds: number
}

/** One of my stakes whose window has closed, with the receipts a settle could count now. */
export interface DueStake {
  stakeId: string
  /** The stake's `p`: the post's creator (the model's originator). */
  creator: string
  /** Me (the model's promoter). */
  staker: string
  close: number
  receipts: CountableReceipt[]
}

/** Weight per receipt id, as the settler's engine computed it. */
export type ReceiptWeights = ReadonlyMap<string, bigint>

export async function countableReceipts(db: LedgerDb, stakeId: string): Promise<CountableReceipt[]> {
  const rows = (await db.ledgerEvents.where("stake").equals(stakeId).toArray()).filter((r) => r.kind === KIND.receipt)
  const statuses = await db.ledgerStatuses.bulkGet(rows.map((r) => r.id))
  // "awaiting_settlement" is the ledger's verdict for the one receipt per viewer that can count.
  return rows
    .filter((_, i) => statuses[i]?.reason === "awaiting_settlement")
    .map((r) => ({ id: r.id, pubkey: r.pubkey, seconds: Number(r.event.tags.find((t) => t[0] === "secs")?.[1] ?? 0) }))
}

/**
 * The receipts a settle lists (at most the protocol's 500: the heaviest first, by weight when
 * weighed, else by seconds) and their weights. With `weights`, every countable receipt must have
 * one: a receipt that arrived after the engine weighed the others is `stale-weights` (weigh again)
 * rather than left out unpaid or given a default the engine did not choose. Weights for receipts
 * that can no longer count are ignored.
 */
export function settleList(countable: readonly CountableReceipt[], weights?: ReceiptWeights): { receipts: string[]; weights?: Map<string, bigint> } {
  const byId = (a: CountableReceipt, b: CountableReceipt) => (a.id < b.id ? -1 : 1)
  if (weights === undefined) {
    const chosen = [...countable].sort((a, b) => b.seconds - a.seconds || byId(a, b)).slice(0, LIMITS.maxSettleReceipts)
    return { receipts: chosen.map((r) => r.id) }
  }
  const unweighed = countable.filter((r) => !weights.has(r.id))
  if (unweighed.length > 0) {
    throw new WalletError("stale-weights", `${unweighed.length} receipt(s) arrived after the weights were computed; weigh them again`)
  }
  const out = new Map<string, bigint>()
  for (const r of countable) {
    const w = weights.get(r.id)!
    try {
      formatWeight(w)
    } catch (err) {
      throw new WalletError("bad-weight", err instanceof Error ? err.message : String(err))
    }
    out.set(r.id, w)
  }
  const chosen = [...countable].sort((a, b) => (out.get(a.id)! === out.get(b.id)! ? byId(a, b) : out.get(a.id)! > out.get(b.id)! ? -1 : 1)).slice(0, LIMITS.maxSettleReceipts)
  return { receipts: chosen.map((r) => r.id), weights: new Map(chosen.map((r) => [r.id, out.get(r.id)!])) }
}
