import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import Database from "better-sqlite3"
import { finalizeEvent, generateSecretKey } from "nostr-tools/pure"
import { afterEach, describe, expect, it } from "vitest"

import { DATABASE_FILE_NAME, startRelay } from "../../relay"
import { startDemo, type DemoRun } from "../../scripts/demo/run-demo"
import { RelayPublisher } from "../../scripts/demo/publisher"
import { MAX_HISTORY_AGE_DAYS } from "../../scripts/demo/state"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { T_DEMO } from "./demo-fixture"

const quiet = { info: () => undefined, warn: () => undefined, error: console.error }
const SHAPE = { identities: 12, communities: ["music", "design"], sybils: 2, days: 1, amplifications: 0, pow: { comment: 4, reaction: 4 } }

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** The relay's port, kept across starts as `npm start` keeps 7777: the relay URL is part of the demo's events. */
let port = 0

/** One `npm start` in miniature: the relay on its data dir, the demo seeded with the relay's store, then both closed. */
async function start(relayDir: string, demoDir: string, nowSec: number, extra?: (url: string) => Promise<void>): Promise<DemoRun> {
  const relay = await startRelay({ port, dataDir: relayDir, logger: quiet })
  port = relay.port
  try {
    const run = await startDemo({
      relayUrl: relay.url,
      dataDir: demoDir,
      live: false,
      shape: SHAPE,
      log: () => undefined,
      nowSec: () => nowSec,
      relayStore: { dataDir: relayDir, deleteAuthoredBy: relay.deleteAuthoredBy }
    })
    await run.seeded
    await run.stop()
    await extra?.(relay.url)
    return run
  } finally {
    await relay.close()
  }
}

/** Every stored event id, read from the relay's sqlite file. */
function storedIds(relayDir: string): Set<string> {
  const db = new Database(join(relayDir, DATABASE_FILE_NAME), { readonly: true })
  try {
    return new Set((db.prepare("SELECT id FROM events").all() as { id: string }[]).map((r) => r.id))
  } finally {
    db.close()
  }
}

function historyIds(run: DemoRun): Set<string> {
  return new Set([...run.community.history()].map((e) => e.id))
}

describe("a new demo history on the same local relay", () => {
  it("replaces the old one, re-dated or re-formatted, and keeps the person's own events", async () => {
    const relayDir = mkdtempSync(join(tmpdir(), "synereo-demo-relay-"))
    const demoDir = mkdtempSync(join(tmpdir(), "synereo-demo-data-"))
    dirs.push(relayDir, demoDir)

    // The person's own note, published while the first history is on the relay.
    const mine = finalizeEvent({ kind: 1, created_at: T_DEMO, tags: [], content: "mine" }, generateSecretKey()) as SignedEvent
    const first = await start(relayDir, demoDir, T_DEMO, async (url) => {
      const p = new RelayPublisher(url)
      await p.publish(mine)
      await p.close()
    })
    const firstIds = historyIds(first)
    expect(storedIds(relayDir)).toEqual(new Set([...firstIds, mine.id]))

    // A restart within the week republishes the same history: nothing is deleted, nothing doubles.
    await start(relayDir, demoDir, T_DEMO + 86400)
    expect(storedIds(relayDir)).toEqual(new Set([...firstIds, mine.id]))

    // Re-dated: same people and texts, other ids. Exactly one generation stays.
    const redated = await start(relayDir, demoDir, T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 1)
    const redatedIds = historyIds(redated)
    expect([...redatedIds].some((id) => firstIds.has(id))).toBe(false)
    expect(storedIds(relayDir)).toEqual(new Set([...redatedIds, mine.id]))

    // Re-formatted (an older DEMO_FORMAT in state.json): a fresh history ending at the new start.
    const state = join(demoDir, "state.json")
    writeFileSync(state, JSON.stringify({ ...JSON.parse(readFileSync(state, "utf8")), format: 1 }))
    const reformatted = await start(relayDir, demoDir, T_DEMO + MAX_HISTORY_AGE_DAYS * 86400 + 2)
    const reformattedIds = historyIds(reformatted)
    expect(reformattedIds.size).toBe(reformatted.community.historyLength)
    expect(storedIds(relayDir)).toEqual(new Set([...reformattedIds, mine.id]))
  }, 300_000)
})
