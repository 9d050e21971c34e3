import { createHash } from "node:crypto"
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

import type { DemoCommunity } from "../../shared/demo"
import type { SignedEvent } from "../../shared/nostr/event-schema"

/** Bumped when the generator changes what a seed produces: older caches are then ignored. */
export const DEMO_FORMAT = 2
export const DEFAULT_DEMO_SEED = 2015
/** A history older than this is replaced by a fresh one ending now (same seed, same people and keys). */
export const MAX_HISTORY_AGE_DAYS = 7

/** `.data/demo/state.json`: what makes the demo the same demo across `npm start` restarts. */
export interface DemoState {
  format: number
  seed: number
  /** Unix seconds the history ends at: the first start of this epoch. */
  anchor: number
}

/**
 * Loads the saved state, or starts one: the seed given (or the saved one, or the default) and an
 * anchor of now. Kept while the seed is the same and the history is younger than
 * MAX_HISTORY_AGE_DAYS; a new anchor removes the old history caches.
 */
export function loadState(dir: string, nowSec: number, seed?: number): { state: DemoState; fresh: boolean } {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, "state.json")
  let saved: DemoState | undefined
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoState>
    if (raw.format === DEMO_FORMAT && Number.isSafeInteger(raw.seed) && Number.isSafeInteger(raw.anchor)) saved = raw as DemoState
  } catch {
    // none yet, or unreadable: start over
  }
  const wanted = seed ?? saved?.seed ?? DEFAULT_DEMO_SEED
  if (saved && saved.seed === wanted && nowSec - saved.anchor < MAX_HISTORY_AGE_DAYS * 86400 && saved.anchor <= nowSec + 60) return { state: saved, fresh: false }
  const state: DemoState = { format: DEMO_FORMAT, seed: wanted, anchor: nowSec }
  for (const f of readdirSync(dir)) if (/^history-[0-9a-f]+\.jsonl$/.test(f)) rmSync(join(dir, f), { force: true })
  writeFileSync(file, JSON.stringify(state, null, 2) + "\n")
  return { state, fresh: true }
}

/**
 * `.data/demo/identities.json`: the simulated people with their secret keys (demo keys derived
 * from the seed, for tools such as the wallet CLI or the ledger's demo seeding). Owner-only.
 */
export function saveIdentities(dir: string, community: DemoCommunity): string {
  const file = join(dir, "identities.json")
  const rows = community.identities.map((p) => ({ name: p.name, pubkey: p.pubkey, secretKey: p.secretKey, communities: p.communities, sybil: p.sybil }))
  writeFileSync(file, JSON.stringify({ seed: community.options.seed, identities: rows }, null, 1) + "\n", { mode: 0o600 })
  return file
}

/**
 * Names one demo history (a generation): everything that shapes its events, the format, seed and
 * anchor included. The same key means the same event ids.
 */
export function historyKey(community: DemoCommunity): string {
  const o = community.options
  return createHash("sha256")
    .update(JSON.stringify({ format: DEMO_FORMAT, ...o, communities: o.communities, length: community.historyLength }))
    .digest("hex")
    .slice(0, 16)
}

/**
 * The signed history on disk (`history-<key>.jsonl`, one `{"i", "e"}` line per event), so a
 * restart republishes the same events without mining again. The key covers everything that
 * shapes the events; a torn last line (a crash mid-write) is ignored and signed again.
 */
export class HistoryCache {
  readonly file: string
  private readonly events = new Map<number, SignedEvent>()

  constructor(dir: string, community: DemoCommunity) {
    this.file = join(dir, `history-${historyKey(community)}.jsonl`)
    if (!existsSync(this.file)) return
    for (const line of readFileSync(this.file, "utf8").split("\n")) {
      if (!line) continue
      try {
        const row = JSON.parse(line) as { i: number; e: SignedEvent }
        if (Number.isInteger(row.i) && row.e && typeof row.e.id === "string") this.events.set(row.i, row.e)
      } catch {
        // a torn line
      }
    }
  }

  get size(): number {
    return this.events.size
  }

  get(index: number): SignedEvent | undefined {
    return this.events.get(index)
  }

  /** Records a freshly signed event (synchronously, so a crash loses at most the line being written). */
  add(index: number, event: SignedEvent): void {
    if (this.events.get(index)?.id === event.id) return
    this.events.set(index, event)
    appendFileSync(this.file, JSON.stringify({ i: index, e: event }) + "\n")
  }
}
