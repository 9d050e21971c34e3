// The ledger kept in Dexie. Every ingest is ONE read-write transaction that writes the new event
// rows, every derived row that changed, and the revision, so a crash (a killed MV3 service worker,
// a closed tab, a thrown error) leaves the database either before or after the event, never in
// between: IndexedDB discards a transaction that did not commit. On restart the derived rows
// therefore equal a fresh fold of the stored events (tests/wallet/store-crash.props.test.ts).
//
// The fold itself runs in memory (shared/ledger's Ledger). The store caches it with the revision
// it was built at, and re-reads the events inside the transaction whenever the revision moved
// (another instance wrote) or a transaction failed (the cache may hold an event that never
// committed). The cache is an optimisation only: the database is the truth.
import {
  Ledger,
  LedgerConfigError,
  defaultVerify,
  parseGenesis,
  type AddResult,
  type GenesisEvent,
  type LedgerState,
  type NostrEvent,
  type SplitFn,
  type VerifyFn
} from "../../ledger"
import { deriveRows, eventRow, primaryKey, stateMeta, type DerivedRows, type StateMeta } from "./derive"
import { DERIVED_TABLES, LEDGER_TABLES, type DerivedTable, type LedgerDb, type LedgerEventRow, type LedgerMetaRow } from "./rows"

export interface LedgerStoreOptions {
  /** Signature check of incoming events (default nostr-tools verifyEvent). */
  verify?: VerifyFn
  /** Stake split (default the ledger's defaultSplit). */
  split?: SplitFn
  /**
   * Re-verify signatures of stored events when the fold is rebuilt. Off by default: every stored
   * event was verified by the transaction that stored it, and an MV3 worker rebuilds after each
   * wake-up, where thousands of Schnorr checks would cost seconds.
   */
  reverifyStored?: boolean
}

/** Hooks that run inside an ingest's transaction; throwing from one aborts the whole ingest. */
export interface IngestHooks {
  /** Before anything is applied, e.g. "this receipt was already made". */
  precheck?: () => Promise<void>
  /** Extra rows that must commit with the events, e.g. the outbox entry of a signed event. */
  alsoWrite?: (results: AddResult[]) => Promise<void>
}

/** Operations available while holding the store's lock (see `exclusive`). */
export interface LockedStore {
  /** The in-memory fold, current with the database. Do not mutate it. */
  ledger(): Promise<Ledger>
  ingest(events: Iterable<unknown>, hooks?: IngestHooks): Promise<AddResult[]>
}

export interface LedgerStoreStats {
  /** Times the fold was rebuilt from the stored events (open, another writer, a failed write). */
  rebuilds: number
  /** Derived rows found different from the fold at a rebuild and rewritten (should stay 0). */
  repairs: number
  /** Committed write transactions. */
  commits: number
}

export interface LedgerStore extends LockedStore {
  readonly db: LedgerDb
  readonly genesis: GenesisEvent
  readonly genesisEvent: NostrEvent
  /** Runs `fn` with the lock held: nothing else ingests meanwhile (e.g. read head, sign, store). */
  exclusive<T>(fn: (locked: LockedStore) => Promise<T>): Promise<T>
  stats(): LedgerStoreStats
}

interface Cache {
  revision: number
  ledger: Ledger
  raw: Map<string, NostrEvent>
  rowJson: Record<DerivedTable, Map<string, string>>
}

const fingerprint = (e: NostrEvent): string => JSON.stringify([e.id, e.pubkey, e.created_at, e.kind, e.tags, e.content, e.sig])

/** The genesis this database is pinned to, or null before the first `openLedgerStore` with one. */
export async function readPinnedGenesis(db: LedgerDb): Promise<NostrEvent | null> {
  const row = await db.ledgerMeta.get("genesis")
  return row?.key === "genesis" ? row.event : null
}

/**
 * Opens the ledger of `db`. With `genesis`, pins the database to that network on first use (and
 * refuses a database pinned to another one); without it, uses the pinned genesis.
 */
export async function openLedgerStore(db: LedgerDb, genesis: NostrEvent | null, opts: LedgerStoreOptions = {}): Promise<LedgerStore> {
  const verify = opts.verify ?? defaultVerify
  const pinned = await pinGenesis(db, genesis, verify, opts.split)
  const parsed = parseGenesis(pinned, verify)
  const stats: LedgerStoreStats = { rebuilds: 0, repairs: 0, commits: 0 }
  let cache: Cache | null = null
  let lock: Promise<unknown> = Promise.resolve()

  async function rebuild(revision: number): Promise<Cache> {
    stats.rebuilds++
    const rows = await db.ledgerEvents.toArray()
    // The fold's verify also checks every event that arrives later, so only exact copies of the
    // stored events skip the signature check; anything else is verified as usual.
    const stored = new Map(rows.map((r) => [r.id, fingerprint(r.event)]))
    const fast: VerifyFn = (e) => (!opts.reverifyStored && stored.get(e.id) === fingerprint(e)) || verify(e)
    const ledger = new Ledger({ genesis: pinned, verify: fast, split: opts.split })
    const raw = new Map(rows.map((r) => [r.id, r.event]))
    ledger.addMany(rows.map((r) => r.event))
    const derived = deriveRows(ledger.snapshot(), (id) => raw.get(id)?.created_at ?? null)
    const rowJson = emptyRowJson()
    for (const table of DERIVED_TABLES) {
      const have = new Map((await db.table(table).toArray()).map((r: object) => [primaryKey(table, r), JSON.stringify(r)]))
      const want = new Map(derived[table].map((r) => [primaryKey(table, r), JSON.stringify(r)] as const))
      const stale = [...have.keys()].filter((k) => !want.has(k))
      const fix = derived[table].filter((r) => have.get(primaryKey(table, r)) !== want.get(primaryKey(table, r)))
      // Never expected (each transaction writes the event and its rows together); kept so a
      // database written by an older, buggy build heals instead of showing wrong balances.
      if (stale.length + fix.length > 0) {
        stats.repairs += stale.length + fix.length
        await db.table(table).bulkDelete(stale)
        await db.table(table).bulkPut(fix)
      }
      rowJson[table] = want
    }
    return { revision, ledger, raw, rowJson }
  }

  /** Inside a transaction: the cache, rebuilt if the database moved on without us. */
  async function current(): Promise<Cache> {
    const meta = (await db.ledgerMeta.get("state")) as StateMeta | undefined
    const revision = meta?.revision ?? 0
    if (cache === null || cache.revision !== revision) cache = await rebuild(revision)
    return cache
  }

  async function write(c: Cache, added: LedgerEventRow[], state: LedgerState): Promise<void> {
    const derived: DerivedRows = deriveRows(state, (id) => c.raw.get(id)?.created_at ?? null)
    await db.ledgerEvents.bulkAdd(added)
    for (const table of DERIVED_TABLES) {
      const before = c.rowJson[table]
      const after = new Map<string, string>()
      const changed: object[] = []
      for (const row of derived[table]) {
        const k = primaryKey(table, row)
        const json = JSON.stringify(row)
        after.set(k, json)
        if (before.get(k) !== json) changed.push(row)
      }
      const gone = [...before.keys()].filter((k) => !after.has(k))
      if (gone.length > 0) await db.table(table).bulkDelete(gone)
      if (changed.length > 0) await db.table(table).bulkPut(changed)
      c.rowJson[table] = after
    }
    c.revision += 1
    await db.ledgerMeta.put(stateMeta(state, c.revision))
  }

  const locked: LockedStore = {
    async ledger() {
      // "rw": a rebuild may have to repair derived rows.
      return db.transaction("rw", [...LEDGER_TABLES], async () => (await current()).ledger).catch((err: unknown) => {
        cache = null
        throw err
      })
    },
    async ingest(events, hooks = {}) {
      const input = [...events]
      let wrote = false
      try {
        // One transaction: the new event rows, every derived row that changed and the revision
        // commit together or not at all.
        const results = await db.transaction("rw", [...LEDGER_TABLES], async () => {
          const c = await current()
          if (hooks.precheck) await hooks.precheck()
          const results = c.ledger.addMany(input)
          const added: LedgerEventRow[] = []
          results.forEach((r, i) => {
            if (!r.accepted) return
            const row = eventRow(input[i] as NostrEvent) // a plain copy of the validated event
            c.raw.set(row.id, row.event)
            added.push(row)
          })
          if (added.length > 0) await write(c, added, c.ledger.snapshot())
          if (hooks.alsoWrite) await hooks.alsoWrite(results)
          wrote = added.length > 0 || hooks.alsoWrite !== undefined
          return results
        })
        if (wrote) stats.commits++
        return results
      } catch (err) {
        // The in-memory fold may hold events whose transaction never committed.
        cache = null
        throw err
      }
    }
  }

  return {
    db,
    genesis: parsed,
    genesisEvent: pinned,
    ...locked,
    ledger: () => exclusive((l) => l.ledger()),
    ingest: (events, hooks) => exclusive((l) => l.ingest(events, hooks)),
    exclusive,
    stats: () => ({ ...stats })
  }

  function exclusive<T>(fn: (l: LockedStore) => Promise<T>): Promise<T> {
    const run = lock.then(() => fn(locked))
    lock = run.catch(() => undefined)
    return run
  }
}

function emptyRowJson(): Record<DerivedTable, Map<string, string>> {
  return { ledgerAccounts: new Map(), ledgerStatuses: new Map(), ledgerStakes: new Map() }
}

async function pinGenesis(db: LedgerDb, genesis: NostrEvent | null, verify: VerifyFn, split?: SplitFn): Promise<NostrEvent> {
  return db.transaction("rw", [...LEDGER_TABLES], async () => {
    const pinned = await readPinnedGenesis(db)
    if (pinned !== null) {
      if (genesis !== null && genesis.id !== pinned.id) {
        throw new LedgerConfigError(`this database follows network ${pinned.id.slice(0, 12)}…, not ${genesis.id.slice(0, 12)}…`)
      }
      return pinned
    }
    if (genesis === null) throw new LedgerConfigError("no network is pinned in this database yet")
    parseGenesis(genesis, verify)
    const clean = eventRow(genesis).event
    // The genesis-only state: the issuer holds the supply. Written with the pin, in one transaction.
    const ledger = new Ledger({ genesis: clean, verify, split })
    const state = ledger.snapshot()
    const derived = deriveRows(state, () => null)
    await db.ledgerMeta.put({ key: "genesis", event: clean } as LedgerMetaRow)
    await db.ledgerEvents.put(eventRow(clean))
    for (const table of DERIVED_TABLES) await db.table(table).bulkPut(derived[table])
    await db.ledgerMeta.put(stateMeta(state, 1))
    return clean
  })
}

/** The derived rows of a fresh fold of `events`: what the tables must equal after any history. */
export function replayRows(genesis: NostrEvent, events: Iterable<NostrEvent>, opts: LedgerStoreOptions = {}): DerivedRows {
  const ledger = new Ledger({ genesis, verify: opts.verify ?? defaultVerify, split: opts.split })
  const raw = new Map<string, NostrEvent>()
  for (const e of events) raw.set(e.id, e)
  ledger.addMany(raw.values())
  return deriveRows(ledger.snapshot(), (id) => raw.get(id)?.created_at ?? null)
}
