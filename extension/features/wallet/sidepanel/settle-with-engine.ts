// The side panel settles the person's due stakes with its attention engine's weights (docs/MODEL.md
// §7, PROTOCOL §2.9): weight(v) = floor(R(v)·10^6) · attention(v), R the viewer's Reo from this
// person's point of view. The background has no engine (it runs in this page's worker), so it
// lists what to weigh, checks the weights it is sent, and signs; its own alarm settles what no
// panel did after a grace, with the ledger's default weights (register-wallet.ts).
import { useEffect } from "react"

import { walletDueStakes, walletSettleDue, type WalletDueStake } from "../../../../shared/messages/catalog"
import { engine } from "../../../engine/engine-client"
import { send } from "../../messaging/send"
import { graphFeedCaughtUp } from "../../sync/sidepanel/use-graph-feed"

/** Receipts signed just before a stake closes need a moment to reach the relays and this device. */
export const SETTLE_AFTER_CLOSE_SECS = 60
const SETTLE_CHECK_MS = 30_000

async function weigh(s: WalletDueStake): Promise<{ stakeId: string; receipts: [string, string][] }> {
  // A receipt is its viewer's signed claim of foreground, non-idle attention (the earning client's
  // rule for signing one), so only its seconds vary here.
  const viewers = s.receipts.map((r) => ({ pubkey: r.pubkey, dwellSec: r.seconds, foreground: true, idle: false }))
  const weights = await engine().stakeWeights({ originator: s.creator, promoter: s.staker, viewers })
  return { stakeId: s.stakeId, receipts: s.receipts.map((r, i) => [r.id, weights[i]!.weight.toString()]) }
}

/**
 * Settles the person's stakes closed at least SETTLE_AFTER_CLOSE_SECS ago with this page's engine's
 * weights. Does nothing until the engine holds the whole stored graph: a partial graph gives
 * viewers it has not seen yet no Reo, and their share would go back to the staker. Returns how
 * many stakes were settled.
 */
export async function settleWithEngine(): Promise<number> {
  if (!graphFeedCaughtUp()) return 0
  const due = await send(walletDueStakes, { graceSecs: SETTLE_AFTER_CLOSE_SECS })
  if (!due.ok || due.stakes.length === 0) return 0
  const settled = await send(walletSettleDue, { weights: await Promise.all(due.stakes.map(weigh)) })
  if (!settled.ok) throw new Error(settled.message)
  return settled.settled.length
}

/**
 * Settles due stakes with the engine while the side panel is open. Called next to the graph feed
 * (SyncStatus), in the panel's first bundle: a lazily loaded view gets its own copy of the engine
 * client and feed modules from the bundler, hence its own empty worker.
 */
export function useSettleWithEngine(): void {
  useEffect(() => {
    const timer = setInterval(() => void settleWithEngine().catch((err: unknown) => console.warn("Synereo wallet: settling with the engine failed", err)), SETTLE_CHECK_MS)
    return () => clearInterval(timer)
  }, [])
}
