// Fault injection: the ledger store over a real Dexie (fake-indexeddb) is killed at random points
// (after a random number of database operations, i.e. inside any transaction: before, between or
// after its reads and writes), reopened as a new instance, and fed the rest of the events. At every
// restart, and at the end, the derived rows must equal a fresh fold of the stored events, and the
// stored events must be exactly the valid events delivered so far: never half an event.
import { describe, expect, it } from "vitest"
import fc from "fast-check"

import { replayRows, openLedgerStore, type LedgerStore } from "../../shared/wallet/store/ledger-store"
import type { LedgerDb } from "../../shared/wallet/store/rows"
import type { NostrEvent } from "../../shared/ledger"
import { arrange, buildWorld, fakeGenesis, hashVerify, scriptArb } from "../ledger/world"
import { crashAfter, freshDbName, normalise, openLedgerDb, readDerived, type CrashSwitch } from "./support/ledger-db"

const GENESIS = fakeGenesis()
const OPTS = { verify: hashVerify }

interface Instance {
  db: LedgerDb
  sw: CrashSwitch | null
  store: LedgerStore | null
}

/** Opens the database as a fresh instance (a restarted worker), armed to crash after `budget` ops. */
async function start(name: string, budget: number | undefined): Promise<Instance> {
  const db = openLedgerDb(name)
  const sw = budget === undefined ? null : crashAfter(db, budget)
  try {
    return { db, sw, store: await openLedgerStore(db, GENESIS, OPTS) }
  } catch (err) {
    if (!sw?.crashed) throw err
    return { db, sw, store: null } // died while opening
  }
}

async function storedEvents(db: LedgerDb): Promise<NostrEvent[]> {
  return (await db.ledgerEvents.toArray()).map((r) => r.event)
}

/** What a restart must find: derived rows equal to a fresh fold of whatever events were stored. */
async function expectEqualsReplay(name: string): Promise<NostrEvent[]> {
  const db = openLedgerDb(name)
  try {
    const events = await storedEvents(db)
    const meta = await db.ledgerMeta.get("state")
    if (events.length === 0) {
      // Died before the genesis was pinned: nothing at all, not a half-pinned network.
      expect(meta).toBeUndefined()
      expect(await db.ledgerMeta.count()).toBe(0)
      expect(await readDerived(db)).toEqual({ ledgerAccounts: [], ledgerStatuses: [], ledgerStakes: [] })
      return events
    }
    expect(await readDerived(db)).toEqual(normalise(replayRows(GENESIS, events, OPTS)))
    expect(meta?.key === "state" ? meta.eventCount : -1).toBe(events.length)
    return events
  } finally {
    db.close()
  }
}

interface RunReport {
  crashes: number
  opsAtCrash: number[]
  repairs: number
}

/**
 * Delivers `batches` (each one ingest call) through instances that crash after the given op
 * budgets, one budget per instance; a batch that was being ingested when the instance died is
 * delivered again after the restart, as a relay would send it again.
 */
async function runWithCrashes(batches: NostrEvent[][], budgets: number[]): Promise<{ name: string; report: RunReport }> {
  const name = freshDbName()
  const report: RunReport = { crashes: 0, opsAtCrash: [], repairs: 0 }
  const queue = [...budgets]
  let inst = await start(name, queue.shift())
  const restart = async (): Promise<void> => {
    report.crashes++
    report.opsAtCrash.push(inst.sw!.ops)
    report.repairs += inst.store?.stats().repairs ?? 0
    inst.db.close()
    await expectEqualsReplay(name)
    inst = await start(name, queue.shift())
  }
  while (inst.store === null) await restart()
  for (const batch of batches) {
    for (;;) {
      try {
        await inst.store!.ingest(batch)
        break
      } catch (err) {
        if (!inst.sw?.crashed) throw err
        do await restart()
        while (inst.store === null)
      }
    }
  }
  report.repairs += inst.store!.stats().repairs
  inst.db.close()
  return { name, report }
}

function toBatches(events: NostrEvent[], sizes: number[]): NostrEvent[][] {
  const out: NostrEvent[][] = []
  let i = 0
  let s = 0
  while (i < events.length) {
    const n = sizes.length === 0 ? 1 : sizes[s++ % sizes.length]!
    out.push(events.slice(i, i + n))
    i += n
  }
  return out
}

describe("ledger store: crash at random points, restart, continue", () => {
  it("always equals a fresh fold of the stored events, and in the end of every delivered event", async () => {
    const seen = { runs: 0, crashes: 0, ops: new Set<number>() }
    await fc.assert(
      fc.asyncProperty(
        scriptArb,
        fc.integer(),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 6 }),
        async (ops, seed, sizes, budgets) => {
          const w = buildWorld(ops, GENESIS)
          const delivery = arrange(w.events, seed, 0.2)
          const { name, report } = await runWithCrashes(toBatches(delivery, sizes), budgets)
          const stored = await expectEqualsReplay(name)
          // Nothing lost, nothing invented: the stored set is the genesis plus every valid event.
          const everything = normalise(replayRows(GENESIS, w.events, OPTS))
          const db = openLedgerDb(name)
          expect(await readDerived(db)).toEqual(everything)
          db.close()
          const validIds = new Set(everything.ledgerStatuses.map((s) => s.id))
          expect(new Set(stored.map((e) => e.id))).toEqual(validIds)
          expect(report.repairs).toBe(0)
          seen.runs++
          seen.crashes += report.crashes
          for (const n of report.opsAtCrash) seen.ops.add(n)
        }
      ),
      { numRuns: 100 }
    )
    console.log(`store crash property: ${seen.runs} runs, ${seen.crashes} crashes, at ${seen.ops.size} distinct operation counts`)
    expect(seen.crashes).toBeGreaterThan(seen.runs)
    expect(seen.ops.size).toBeGreaterThan(20)
  }, 240_000)

  it("a crash at every single operation of one history, each followed by a restart, ends in the same state", async () => {
    // The two longest of a few generated scripts, one after the other, fixed by the seed.
    const scripts = fc.sample(scriptArb, { numRuns: 40, seed: 3003 }).sort((a, b) => b.length - a.length)
    const w = buildWorld([...scripts[0]!, ...scripts[1]!], GENESIS)
    const batches = toBatches(arrange(w.events, 7, 0.2), [1, 2, 1, 3])
    // A crash-free run tells how many operations the whole history takes.
    const probe = await runWithCrashes(batches, [Number.MAX_SAFE_INTEGER])
    const total = probe.report.crashes === 0 ? await countOps(batches) : 0
    expect(total).toBeGreaterThan(40)
    const expected = normalise(replayRows(GENESIS, w.events, OPTS))
    for (let at = 0; at <= total; at++) {
      const { name, report } = await runWithCrashes(batches, [at])
      expect(report.crashes, `crash at op ${at}`).toBe(at < total ? 1 : 0)
      const db = openLedgerDb(name)
      expect(await readDerived(db)).toEqual(expected)
      db.close()
    }
    console.log(`store crash sweep: ${w.events.length} events in ${batches.length} ingests, crashed at each of ${total} operations`)
  }, 240_000)
})

async function countOps(batches: NostrEvent[][]): Promise<number> {
  const db = openLedgerDb(freshDbName())
  const sw = crashAfter(db, Number.MAX_SAFE_INTEGER)
  const store = await openLedgerStore(db, GENESIS, OPTS)
  for (const b of batches) await store.ingest(b)
  db.close()
  return sw.ops
}
