import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { afterEach, describe, expect, it } from "vitest"

import { DEFAULT_DEMO_SEED, DEMO_FORMAT, HistoryCache, loadState, MAX_HISTORY_AGE_DAYS, saveIdentities } from "../../scripts/demo/state"
import { demo, T_DEMO } from "./demo-fixture"

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "synereo-demo-state-"))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe(".data/demo", () => {
  it("keeps the same seed and history end across restarts, and starts a new history when it is too old", () => {
    const dir = tempDir()
    const first = loadState(dir, T_DEMO)
    expect(first).toEqual({ fresh: true, state: { format: DEMO_FORMAT, seed: DEFAULT_DEMO_SEED, anchor: T_DEMO } })
    expect(loadState(dir, T_DEMO + 3 * 86400)).toEqual({ fresh: false, state: first.state })
    const later = loadState(dir, T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 1)
    expect(later).toEqual({ fresh: true, state: { format: DEMO_FORMAT, seed: DEFAULT_DEMO_SEED, anchor: T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 1 } })
    // Another seed is another community.
    expect(loadState(dir, T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 2, 7).state.seed).toBe(7)
  })

  it("caches the signed history, survives a torn last line, and writes the demo keys owner-only", async () => {
    const dir = tempDir()
    const c = await demo({ identities: 12, communities: ["music", "design"], sybils: 2, days: 1, pow: { comment: 4, reaction: 4 } })
    const cache = new HistoryCache(dir, c)
    const events = [...c.history({ cached: (i) => cache.get(i) })]
    events.forEach((e, i) => cache.add(i, e))
    appendFileSync(cache.file, '{"i": 99999, "e": {"id"')
    const reopened = new HistoryCache(dir, c)
    expect(reopened.size).toBe(events.length)
    expect([...c.history({ cached: (i) => reopened.get(i) })]).toEqual(events)

    const file = saveIdentities(dir, c)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const saved = JSON.parse(readFileSync(file, "utf8")) as { identities: { pubkey: string; secretKey: string; sybil: boolean }[] }
    expect(saved.identities.map((p) => p.pubkey)).toEqual(c.identities.map((p) => p.pubkey))

    // A new history (new anchor) removes the old caches.
    loadState(dir, T_DEMO)
    loadState(dir, T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 1)
    expect(existsSync(cache.file)).toBe(false)
  })
})
