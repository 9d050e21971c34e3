// One step of the fixed point: decide what a chain event does given the working state, then
// apply it. `decide` is pure (it is also used to explain why an event is held).
import type { ChainEvent, GenesisEvent, LedgerEvent, ReceiptEvent, StakeEvent } from "./events"
import { LedgerInvariantError, type HoldReason, type RejectReason } from "./reasons"
import { computeSettlement, describeSettlement } from "./settle"
import type { SplitFn } from "./split"
import { amp, short, type FixState, type Settlement } from "./state"

export interface DecideEnv {
  genesis: GenesisEvent
  split: SplitFn
  fix: FixState
  /** Any valid event of the set, by id. */
  event(id: string): LedgerEvent | undefined
}

export type Op =
  | { type: "transfer"; from: string; to: string; amount: bigint; key: string | null }
  | { type: "stake"; stake: StakeEvent }
  | { type: "burn"; from: string; amount: bigint }
  | { type: "settle"; stake: StakeEvent; settlement: Settlement }

export type Decision =
  | { kind: "apply"; op: Op; message: string }
  | { kind: "noop"; reason: RejectReason; message: string }
  | { kind: "stall"; reason: HoldReason; message: string; missing: string[] }

const balanceOf = (fix: FixState, a: string): bigint => fix.balances.get(a) ?? 0n

function covers(env: DecideEnv, ev: ChainEvent, amount: bigint): Decision | null {
  const has = balanceOf(env.fix, ev.pubkey)
  if (has >= amount) return null
  return {
    kind: "stall",
    reason: "overdraw",
    message: `needs ${amp(amount)}, the account's applied balance is ${amp(has)}`,
    missing: []
  }
}

/**
 * What `ev` does now. Its chain prefix is complete and decided. "noop" outcomes depend only on
 * that prefix and on event contents, so they are final; "stall" outcomes (overdraw,
 * missing_receipt) may turn into "apply" as more credits or receipts arrive, never the reverse.
 */
export function decide(env: DecideEnv, ev: ChainEvent): Decision {
  const fix = env.fix
  switch (ev.type) {
    case "transfer": {
      if (ev.key !== null && fix.usedKeys.has(`${ev.pubkey}:${ev.key}`)) {
        return {
          kind: "noop",
          reason: "duplicate_idempotency_key",
          message: `this account already made a transfer with key ${short(ev.key)}`
        }
      }
      return covers(env, ev, ev.amount) ?? {
        kind: "apply",
        op: { type: "transfer", from: ev.pubkey, to: ev.to, amount: ev.amount, key: ev.key },
        message: `transferred ${amp(ev.amount)} to ${short(ev.to)}`
      }
    }
    case "stake":
      return covers(env, ev, ev.amount) ?? {
        kind: "apply",
        op: { type: "stake", stake: ev },
        message: `escrowed ${amp(ev.amount)} until ${ev.close}`
      }
    case "burn":
      return covers(env, ev, ev.amount) ?? {
        kind: "apply",
        op: { type: "burn", from: ev.pubkey, amount: ev.amount },
        message: `burned ${amp(ev.amount)}`
      }
    case "settle": {
      const st = env.event(ev.stake)
      if (st === undefined || st.type !== "stake" || st.pubkey !== ev.pubkey || st.seq >= ev.seq) {
        return {
          kind: "noop",
          reason: "unknown_stake",
          message: `stake ${short(ev.stake)} is not an earlier event of this account's chain`
        }
      }
      if (fix.settlements.has(st.id)) {
        return { kind: "noop", reason: "stake_already_settled", message: `stake ${short(st.id)} is already settled` }
      }
      if (!fix.openStakes.has(st.id)) {
        throw new LedgerInvariantError(`stake ${st.id} precedes its settle but is not open`)
      }
      if (ev.createdAt < st.close) {
        return {
          kind: "noop",
          reason: "settle_too_early",
          message: `settle created at ${ev.createdAt}, before the stake closes at ${st.close}`
        }
      }
      const lookup = (id: string): ReceiptEvent | undefined => {
        const r = env.event(id)
        return r?.type === "receipt" ? r : undefined
      }
      const res = computeSettlement(st, ev, lookup, env.genesis.split, env.split)
      if (!res.ok) {
        return {
          kind: "stall",
          reason: "missing_receipt",
          message: `waits for ${res.missing.length} listed receipt(s), e.g. ${short(res.missing[0]!)}`,
          missing: res.missing
        }
      }
      return { kind: "apply", op: { type: "settle", stake: st, settlement: res.settlement }, message: describeSettlement(res.settlement) }
    }
  }
}

function credit(fix: FixState, a: string, amount: bigint): void {
  fix.balances.set(a, balanceOf(fix, a) + amount)
  fix.sumBalances += amount
}

function debit(fix: FixState, a: string, amount: bigint): void {
  const next = balanceOf(fix, a) - amount
  if (next < 0n) throw new LedgerInvariantError(`balance of ${a} would become negative`)
  fix.balances.set(a, next)
  fix.sumBalances -= amount
}

const add = (m: Map<string, bigint>, k: string, d: bigint): void => {
  m.set(k, (m.get(k) ?? 0n) + d)
}

/** Applies a decided op to the working state. Returns the accounts it credited. */
export function applyOp(fix: FixState, genesis: GenesisEvent, op: Op): string[] {
  switch (op.type) {
    case "transfer":
      debit(fix, op.from, op.amount)
      credit(fix, op.to, op.amount)
      if (op.key !== null) fix.usedKeys.add(`${op.from}:${op.key}`)
      return [op.to]
    case "stake":
      debit(fix, op.stake.pubkey, op.stake.amount)
      fix.openStakes.set(op.stake.id, op.stake)
      fix.escrowed += op.stake.amount
      add(fix.escrowedBy, op.stake.pubkey, op.stake.amount)
      return []
    case "burn":
      debit(fix, op.from, op.amount)
      fix.burned += op.amount
      add(fix.burnedBy, op.from, op.amount)
      return []
    case "settle": {
      const { stake, settlement: s } = op
      fix.openStakes.delete(stake.id)
      fix.escrowed -= stake.amount
      add(fix.escrowedBy, stake.pubkey, -stake.amount)
      fix.settlements.set(stake.id, s)
      const credited: string[] = []
      const pay = (a: string, amount: bigint): void => {
        credit(fix, a, amount)
        credited.push(a)
      }
      pay(stake.creator, s.creator)
      pay(genesis.upkeep, s.upkeep)
      for (const [viewer, amount] of s.viewers) pay(viewer, amount)
      pay(stake.pubkey, s.refund)
      return credited
    }
  }
}
