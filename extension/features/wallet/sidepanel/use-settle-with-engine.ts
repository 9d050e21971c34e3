import { useEffect } from "react"

import { engine } from "../../../engine/engine-client"
import { send } from "../../messaging/send"
import { graphFeedCaughtUp } from "../../sync/sidepanel/use-graph-feed"
import { settleWithEngine, type SettleDeps } from "./settle-with-engine"

const SETTLE_CHECK_MS = 30_000

/** The panel's own: its engine worker, the runtime's messaging, its graph feed. */
export const PANEL_SETTLE_DEPS: SettleDeps = { engine, send, caughtUp: graphFeedCaughtUp }

/**
 * Settles due stakes with the engine while the side panel is open. Called next to the graph feed
 * (SyncStatus), in the panel's first bundle: a lazily loaded view gets its own copy of the engine
 * client and feed modules from the bundler, hence its own empty worker.
 */
export function useSettleWithEngine(deps: SettleDeps = PANEL_SETTLE_DEPS): void {
  useEffect(() => {
    const timer = setInterval(
      () => void settleWithEngine(deps).catch((err: unknown) => console.warn("Synereo wallet: settling with the engine failed", err)),
      SETTLE_CHECK_MS
    )
    return () => clearInterval(timer)
  }, [deps])
}
