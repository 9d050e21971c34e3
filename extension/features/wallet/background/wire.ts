// Wallet results in their message form: amounts as AMP decimal strings (see shared/messages).
import { formatAmp, type GenesisEvent } from "../../../../shared/ledger"
import type { DayEarnings, HistoryEntry, Submitted, WalletBalance } from "../../../../shared/wallet"
import type { WalletBalanceWire, WalletHistoryEntryWire, WalletNetwork } from "../../../../shared/messages/catalog"

export function networkToWire(g: GenesisEvent): WalletNetwork {
  return {
    genesisId: g.id,
    network: g.network,
    issuer: g.pubkey,
    supply: formatAmp(g.supply),
    upkeep: g.upkeep,
    split: { ...g.split },
    receiptPow: g.receiptPow,
    minAttentionSecs: g.minAttentionSecs,
    maxStakeWindowSecs: g.maxStakeWindowSecs
  }
}

export function balanceToWire(b: WalletBalance): WalletBalanceWire {
  return {
    pubkey: b.pubkey,
    confirmed: formatAmp(b.confirmed),
    pendingIn: formatAmp(b.pendingIn),
    pendingOut: formatAmp(b.pendingOut),
    escrowed: formatAmp(b.escrowed),
    burned: formatAmp(b.burned),
    spendable: formatAmp(b.spendable),
    frozenAtSeq: b.frozenAtSeq
  }
}

export function entryToWire(e: HistoryEntry): WalletHistoryEntryWire {
  const { amount, ...rest } = e
  return { ...rest, amount: formatAmp(amount) }
}

export function submittedToWire(s: Submitted) {
  return { id: s.id, status: s.status, reason: s.reason, message: s.message, published: s.published, publishError: s.publishError }
}

export function dayToWire(d: DayEarnings) {
  return { day: d.day, viewer: formatAmp(d.viewer), creator: formatAmp(d.creator), upkeep: formatAmp(d.upkeep), total: formatAmp(d.total) }
}

/**
 * The side panel's engine weights, per stake and receipt. The catalog's guard checked their form;
 * the wallet checks each against the ledger's bound (bad-weight) before anything is signed.
 */
export function weightsFromWire(weights: { stakeId: string; receipts: [string, string][] }[] | undefined): Map<string, Map<string, bigint>> | undefined {
  if (weights === undefined) return undefined
  return new Map(weights.map((w) => [w.stakeId, new Map(w.receipts.map(([id, weight]) => [id, BigInt(weight)]))]))
}
