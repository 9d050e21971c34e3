import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

import type { DemoCommunity } from "../../shared/demo"
import { historyKey } from "./state"

/** The relay side of startDemo's `retire`: what replacing a demo history needs from the local relay. */
export interface DemoRelayStore {
  /** The relay's data directory, where the marker of the demo history it holds is kept. */
  dataDir: string
  /** RunningRelay.deleteAuthoredBy: deletes without NIP-09 tombstones, so events can come back. */
  deleteAuthoredBy(authors: readonly string[]): Promise<number>
}

/** `<relay data dir>/demo-generation.json`: which demo history the relay holds, and by whom. */
interface Marker {
  generation: string
  authors: string[]
}

export const MARKER_FILE = "demo-generation.json"

/**
 * Makes sure the local relay holds no other demo history than `community`'s, before it is
 * published. A new history (re-dated after MAX_HISTORY_AGE_DAYS, another DEMO_FORMAT or seed)
 * has the same people and texts under other ids and dates, so both on the relay would show the
 * community twice. Why this way rather than the alternatives:
 * - a relay data directory per generation would also drop the person's own posts, likes and
 *   follows; deleting by author keeps everything that is not the demo's (follows of demo people
 *   stay meaningful: their keys come from the seed and do not change);
 * - NIP-09 deletion requests would leave tombstones the relay enforces (a deleted id is refused
 *   for good) and would have to be signed and sent per event; the relay's own operator API
 *   deletes the rows directly.
 * The AMP ledger's events are kept (the relay never deletes them: money cannot vanish). The marker
 * is written after the deletion, so a crash in between only deletes again on the next start; a
 * relay without a marker (first start, or one filled before this existed) is cleaned once too.
 * Returns how many events were deleted.
 */
export async function retireOtherDemoHistories(store: DemoRelayStore, community: DemoCommunity): Promise<number> {
  const file = join(store.dataDir, MARKER_FILE)
  const generation = historyKey(community)
  const authors = community.identities.map((p) => p.pubkey)
  const saved = readMarker(file)
  if (saved?.generation === generation) return 0
  // The old history's people too: another seed is another set of keys.
  const deleted = await store.deleteAuthoredBy([...new Set([...(saved?.authors ?? []), ...authors])])
  writeFileSync(file, JSON.stringify({ generation, authors } satisfies Marker) + "\n")
  return deleted
}

function readMarker(file: string): Marker | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<Marker>
    if (typeof raw.generation === "string" && Array.isArray(raw.authors)) return { generation: raw.generation, authors: raw.authors.filter((a) => typeof a === "string") }
  } catch {
    // none yet, or unreadable: treated as an unknown history
  }
  return undefined
}
