// Databases for the wallet tests: fake-indexeddb (loaded by the unit project's setupFiles), one
// database name per test, and a DBCore middleware that simulates a crash after N operations.
import { randomUUID } from "node:crypto"
import type Dexie from "dexie"
import type { DBCoreTable } from "dexie"

import { openStreamDb } from "../../../shared/db/database"
import { DERIVED_TABLES, asLedgerDb, type LedgerDb } from "../../../shared/wallet/store/rows"
import type { DerivedRows } from "../../../shared/wallet/store/derive"

export const freshDbName = (): string => `wallet-test-${randomUUID()}`

/** The project's database (every declared version) under `name`, viewed as the ledger tables. */
export function openLedgerDb(name: string): LedgerDb {
  return asLedgerDb(openStreamDb(name))
}

export class SimulatedCrash extends Error {
  override readonly name = "SimulatedCrash"
}

export interface CrashSwitch {
  /** True once the budget ran out: from then on every operation of this instance fails. */
  readonly crashed: boolean
  /** Operations (reads and writes) performed so far by this database instance. */
  readonly ops: number
}

/**
 * Makes `db` die after `budget` DBCore operations: the next read or write, and every one after
 * it, rejects. A rejected request inside a Dexie transaction aborts the transaction, which is what
 * IndexedDB does with a transaction whose page or service worker is killed before it commits.
 * Must be called before the database is first used.
 */
export function crashAfter(db: Dexie, budget: number): CrashSwitch {
  const sw = { crashed: false, ops: 0 }
  const gate = <T>(run: () => Promise<T>): Promise<T> => {
    if (sw.crashed || sw.ops >= budget) {
      sw.crashed = true
      return Promise.reject(new SimulatedCrash(`simulated crash after ${budget} operations`))
    }
    sw.ops++
    return run()
  }
  db.use({
    stack: "dbcore",
    name: "simulated-crash",
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const t = down.table(name)
        return {
          ...t,
          mutate: (req) => gate(() => t.mutate(req)),
          get: (req) => gate(() => t.get(req)),
          getMany: (req) => gate(() => t.getMany(req)),
          query: (req) => gate(() => t.query(req)),
          openCursor: (req) => gate(() => t.openCursor(req)),
          count: (req) => gate(() => t.count(req))
        }
      }
    })
  })
  return sw
}

const byKey = (a: { k: string }, b: { k: string }): number => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)

/** Every derived row of the database, in key order, as plain JSON (comparable with replayRows). */
export async function readDerived(db: LedgerDb): Promise<DerivedRows> {
  const out = {} as Record<(typeof DERIVED_TABLES)[number], unknown[]>
  for (const table of DERIVED_TABLES) {
    const rows = (await db.table(table).toArray()) as object[]
    out[table] = rows
      .map((r) => ({ k: "pubkey" in r ? String(r.pubkey) : String((r as { id: string }).id), r }))
      .sort(byKey)
      .map((x) => JSON.parse(JSON.stringify(x.r)))
  }
  return out as unknown as DerivedRows
}

/** `rows` with each table sorted by key and cloned through JSON, like readDerived. */
export function normalise(rows: DerivedRows): DerivedRows {
  const out = {} as Record<string, unknown[]>
  for (const table of DERIVED_TABLES) {
    out[table] = (rows[table] as object[])
      .map((r) => ({ k: "pubkey" in r ? String(r.pubkey) : String((r as { id: string }).id), r }))
      .sort(byKey)
      .map((x) => JSON.parse(JSON.stringify(x.r)))
  }
  return out as unknown as DerivedRows
}
