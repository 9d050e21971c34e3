// The ledger store's contract besides crashes: pinning one network, two instances writing the same
// database (a restarted worker next to an old one), refused events writing nothing, hooks that
// abort the whole transaction, and derived rows healed at a rebuild.
import { describe, expect, it } from "vitest"

import { LedgerConfigError, buildTransfer, type NostrEvent } from "../../shared/ledger"
import { openLedgerStore, readPinnedGenesis, replayRows } from "../../shared/wallet/store/ledger-store"
import { freshDbName, normalise, openLedgerDb, readDerived } from "./support/ledger-db"
import { AMP, T0, issuer, testGenesis } from "./support/network"
import { key } from "../ledger/keys"

const genesis = testGenesis()
const [alice, bob] = [key("store-alice"), key("store-bob")]
const pay = (seq: number, prev: string, to: string, amount: bigint): NostrEvent =>
  buildTransfer(issuer.sk, { net: genesis.id, seq, prev, to, amount, createdAt: T0 + seq })

describe("ledger store", () => {
  it("pins the first network it opens with, and refuses another", async () => {
    const name = freshDbName()
    const db = openLedgerDb(name)
    await expect(openLedgerStore(db, null)).rejects.toThrow(/no network is pinned/)
    await openLedgerStore(db, genesis)
    expect((await readPinnedGenesis(db))!.id).toBe(genesis.id)
    expect((await openLedgerStore(db, null)).genesis.id).toBe(genesis.id)
    const other = testGenesis({ receiptPow: 5 })
    await expect(openLedgerStore(db, other)).rejects.toThrow(LedgerConfigError)
    expect(await readDerived(db)).toEqual(normalise(replayRows(genesis, [genesis])))
  })

  it("two instances on one database stay consistent: each re-reads what the other wrote", async () => {
    const name = freshDbName()
    const a = await openLedgerStore(openLedgerDb(name), genesis)
    const b = await openLedgerStore(openLedgerDb(name), genesis)
    await b.ledger() // b has its fold…
    const t1 = pay(1, genesis.id, alice.pk, 10n * AMP)
    const t2 = pay(2, t1.id, bob.pk, 5n * AMP)
    expect((await a.ingest([t1]))[0]).toMatchObject({ accepted: true, status: "applied" })
    expect((await b.ingest([t2]))[0]).toMatchObject({ accepted: true, status: "applied" }) // …and sees t1
    expect(b.stats().rebuilds).toBe(2) // its first use, then after a's write
    const t3 = pay(3, t2.id, alice.pk, 1n * AMP)
    await a.ingest([t3])
    expect((await a.ledger()).nextChainRef(issuer.pk)).toEqual({ seq: 4, prev: t3.id })
    expect(await readDerived(a.db)).toEqual(normalise(replayRows(genesis, [t1, t2, t3])))
    expect(a.stats().repairs + b.stats().repairs).toBe(0)
  })

  it("writes nothing for refused or already held events", async () => {
    const store = await openLedgerStore(openLedgerDb(freshDbName()), genesis)
    const t1 = pay(1, genesis.id, alice.pk, AMP)
    await store.ingest([t1])
    const commits = store.stats().commits
    const forged = { ...pay(2, t1.id, bob.pk, AMP), sig: "00".repeat(64) }
    const results = await store.ingest([t1, forged, { not: "an event" }])
    expect(results.map((r) => r.accepted ? r.status : r.reason)).toEqual(["duplicate", "bad_signature", "malformed"])
    expect(store.stats().commits).toBe(commits)
    expect(await store.db.ledgerEvents.count()).toBe(2)
    // also right after a restart, when the fold is rebuilt from the stored events
    const reopened = await openLedgerStore(openLedgerDb(store.db.name), genesis)
    expect((await reopened.ingest([forged]))[0]).toMatchObject({ accepted: false, reason: "bad_signature" })
    const forgedCopy = { ...t1, content: "changed", sig: t1.sig }
    expect((await reopened.ingest([forgedCopy]))[0]).toMatchObject({ accepted: false, reason: "duplicate" })
    expect(await reopened.db.ledgerEvents.count()).toBe(2)
  })

  it("a hook that throws aborts the whole ingest, events included", async () => {
    const store = await openLedgerStore(openLedgerDb(freshDbName()), genesis)
    const t1 = pay(1, genesis.id, alice.pk, AMP)
    await expect(store.ingest([t1], { precheck: async () => Promise.reject(new Error("no")) })).rejects.toThrow("no")
    await expect(
      store.ingest([t1], {
        alsoWrite: async () => {
          await store.db.walletOutbox.put({ id: t1.id, createdAt: 1, event: t1 })
          throw new Error("disk full")
        }
      })
    ).rejects.toThrow("disk full")
    expect(await store.db.ledgerEvents.count()).toBe(1) // the genesis only
    expect(await store.db.walletOutbox.count()).toBe(0)
    expect(await readDerived(store.db)).toEqual(normalise(replayRows(genesis, [genesis])))
    // and the in-memory fold forgot the aborted event: it is accepted when it comes again
    expect((await store.ingest([t1]))[0]).toMatchObject({ accepted: true, status: "applied" })
  })

  it("heals derived rows that disagree with the events at the next rebuild (and counts it)", async () => {
    const name = freshDbName()
    const store = await openLedgerStore(openLedgerDb(name), genesis)
    const t1 = pay(1, genesis.id, alice.pk, AMP)
    await store.ingest([t1])
    const db = openLedgerDb(name)
    await db.ledgerAccounts.update(alice.pk, { balance: "999" })
    await db.ledgerAccounts.put({ ...(await db.ledgerAccounts.get(alice.pk))!, pubkey: bob.pk })
    const reopened = await openLedgerStore(db, genesis)
    await reopened.ledger()
    expect(reopened.stats().repairs).toBe(2)
    expect(await readDerived(db)).toEqual(normalise(replayRows(genesis, [t1])))
  })
})
