// The side panel settles the person's due stakes with its attention engine's weights (docs/MODEL.md
// §7, PROTOCOL §2.9): weight(v) = floor(R(v)·10^6) · attention(v), R the viewer's Reo from this
// person's point of view. The background has no engine (it runs in this page's worker), so it
// lists what to weigh, checks the weights it is sent, and signs; its own alarm settles what no
// panel did after a grace, with the ledger's default weights (register-wallet.ts).
//
// The engine, the messaging and the feed's state come in as dependencies (the panel's are wired in
// use-settle-with-engine.ts), so Node tests run this over an in-process engine and the background's
// real routes: this module must not load the worker or the browser API.
import type { EngineApi, StakeRequest } from "../../../../shared/engine/engine-api"
import { walletDueStakes, walletSettleDue, type WalletDueStake } from "../../../../shared/messages/catalog"
import type { Send } from "../../messaging/send"

/** Receipts signed just before a stake closes need a moment to reach the relays and this device. */
export const SETTLE_AFTER_CLOSE_SECS = 60

type Weights = ReturnType<EngineApi["stakeWeights"]>

/** The part of the engine a settle needs: the worker's Comlink proxy, or an engine service in process. */
export interface StakeWeigher {
  stakeWeights(request: StakeRequest): Weights | Promise<Weights>
}

export interface SettleDeps {
  /** Called only once there is something to weigh: the panel's engine starts a worker on first use. */
  engine: () => StakeWeigher
  send: Send
  /** True once the engine holds the whole stored graph (graphFeedCaughtUp in the panel). */
  caughtUp: () => boolean
}

async function weigh(engine: StakeWeigher, s: WalletDueStake): Promise<{ stakeId: string; receipts: [string, string][] }> {
  // A receipt is its viewer's signed claim of foreground, non-idle attention (the earning client's
  // rule for signing one), so only its seconds vary here.
  const viewers = s.receipts.map((r) => ({ pubkey: r.pubkey, dwellSec: r.seconds, foreground: true, idle: false }))
  const weights = await engine.stakeWeights({ originator: s.creator, promoter: s.staker, viewers })
  return { stakeId: s.stakeId, receipts: s.receipts.map((r, i) => [r.id, weights[i]!.weight.toString()]) }
}

/**
 * Settles the person's stakes closed at least SETTLE_AFTER_CLOSE_SECS ago with the engine's
 * weights. Does nothing until the engine holds the whole stored graph: a partial graph gives
 * viewers it has not seen yet no Reo, and their share would go back to the staker. A stake whose
 * receipts changed while it was weighed is left for the next pass (the background's
 * `stale-weights`). Returns how many stakes were settled.
 */
export async function settleWithEngine(deps: SettleDeps): Promise<number> {
  if (!deps.caughtUp()) return 0
  const due = await deps.send(walletDueStakes, { graceSecs: SETTLE_AFTER_CLOSE_SECS })
  if (!due.ok || due.stakes.length === 0) return 0
  const engine = deps.engine()
  const settled = await deps.send(walletSettleDue, { weights: await Promise.all(due.stakes.map((s) => weigh(engine, s))) })
  if (!settled.ok) throw new Error(settled.message)
  return settled.settled.length
}
