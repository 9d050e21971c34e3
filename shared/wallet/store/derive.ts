// The derived rows are a pure function of the ledger snapshot. The store writes exactly these rows;
// the crash tests compare them with the rows of a fresh `foldEvents` of the stored events.
import { KIND, type LedgerState, type NostrEvent } from "../../ledger"
import type {
  DerivedTable,
  LedgerAccountRow,
  LedgerEventRow,
  LedgerMetaRow,
  LedgerStakeRow,
  LedgerStatusRow
} from "./rows"

export interface DerivedRows {
  ledgerAccounts: LedgerAccountRow[]
  ledgerStatuses: LedgerStatusRow[]
  ledgerStakes: LedgerStakeRow[]
}

export type StateMeta = Extract<LedgerMetaRow, { key: "state" }>

export function deriveRows(state: LedgerState, settledAt: (settleId: string) => number | null): DerivedRows {
  const ledgerAccounts: LedgerAccountRow[] = [...state.accounts.values()].map((a) => ({
    pubkey: a.pubkey,
    balance: a.balance.toString(),
    escrowed: a.escrowed.toString(),
    burned: a.burned.toString(),
    pendingIn: a.pendingIn.toString(),
    pendingOut: a.pendingOut.toString(),
    head: a.head,
    nextSeq: a.nextSeq,
    frozenAtSeq: a.frozen?.atSeq ?? null,
    frozenEventIds: a.frozen?.eventIds ?? []
  }))
  const ledgerStatuses: LedgerStatusRow[] = [...state.events.values()].map((s) => ({
    id: s.id,
    type: s.type,
    author: s.author,
    seq: s.seq,
    status: s.status,
    reason: s.reason,
    message: s.message
  }))
  const ledgerStakes: LedgerStakeRow[] = [...state.stakes.values()].map((s) => {
    const p = s.settlement
    const payees = p === null ? [] : [...new Set([s.creator, state.network.upkeep, s.staker, ...p.viewers.keys()])].sort()
    return {
      id: s.id,
      staker: s.staker,
      creator: s.creator,
      url: s.url,
      post: s.post,
      amount: s.amount.toString(),
      createdAt: s.createdAt,
      close: s.close,
      status: s.status,
      settlement:
        p === null
          ? null
          : {
              settleId: p.settleId,
              creator: p.creator.toString(),
              upkeep: p.upkeep.toString(),
              viewers: [...p.viewers].map(([k, v]) => [k, v.toString()]),
              refund: p.refund.toString(),
              counted: [...p.counted],
              ignored: [...p.ignored].sort(([a], [b]) => (a < b ? -1 : 1))
            },
      settledAt: p === null ? null : settledAt(p.settleId),
      payees
    }
  })
  return { ledgerAccounts, ledgerStatuses, ledgerStakes }
}

export function stateMeta(state: LedgerState, revision: number): StateMeta {
  const t = state.totals
  return {
    key: "state",
    revision,
    eventCount: state.events.size,
    totals: {
      issued: t.issued.toString(),
      treasury: t.treasury.toString(),
      circulating: t.circulating.toString(),
      escrowed: t.escrowed.toString(),
      burned: t.burned.toString()
    }
  }
}

export const primaryKey = (table: DerivedTable, row: object): string =>
  table === "ledgerAccounts" ? (row as LedgerAccountRow).pubkey : (row as { id: string }).id

/** The indexed row of a valid ledger event. */
export function eventRow(e: NostrEvent): LedgerEventRow {
  const tag = (name: string): string | null => e.tags.find((t) => t[0] === name)?.[1] ?? null
  const seqTag = tag("seq")
  const parties = [e.pubkey]
  if ((e.kind === KIND.transfer || e.kind === KIND.stake) && tag("p") !== null) parties.push(tag("p")!)
  return {
    id: e.id,
    kind: e.kind,
    pubkey: e.pubkey,
    created_at: e.created_at,
    seq: e.kind === KIND.genesis ? 0 : seqTag === null ? null : Number(seqTag),
    stake: e.kind === KIND.receipt || e.kind === KIND.settle ? tag("e") : null,
    parties: [...new Set(parties)],
    // A plain copy: nostr-tools marks signed objects with a symbol that must not be stored.
    event: { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags.map((t) => [...t]), content: e.content, sig: e.sig }
  }
}
