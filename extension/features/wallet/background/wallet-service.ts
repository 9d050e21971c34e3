// The background's wallet: one ledger store per worker, opened lazily on the pinned network, and
// the wallet and earning built on it. Nothing happens at import time.
import type Dexie from "dexie"

import { parseGenesis, type GenesisEvent, type NostrEvent } from "../../../../shared/ledger"
import {
  asLedgerDb,
  createEarning,
  createWallet,
  openLedgerStore,
  readPinnedGenesis,
  republishPending,
  type AllowsAmplification,
  type Earning,
  type LedgerStore,
  type Publish,
  type Wallet,
  type WalletSigner
} from "../../../../shared/wallet"

export interface WalletServiceDeps {
  db: Dexie
  signer: WalletSigner
  publish: Publish
  nowSec: () => number
  /** The person's opt-out rule for amplified content; until settings exist, "from everyone". */
  allows?: AllowsAmplification
}

export class NoNetworkError extends Error {
  override readonly name = "NoNetworkError"
}

export function createWalletService(deps: WalletServiceDeps) {
  const db = asLedgerDb(deps.db)
  let opening: Promise<LedgerStore> | undefined

  function store(): Promise<LedgerStore> {
    opening ??= (async () => {
      const pinned = await readPinnedGenesis(db)
      if (pinned === null) throw new NoNetworkError("no AMP network is set up on this device yet")
      const s = await openLedgerStore(db, pinned)
      // A worker killed between storing a signed event and handing it on left it in the wallet's
      // outbox: hand it on now, once per worker start.
      void republishPending(s, deps.publish).catch((err: unknown) => console.warn("Synereo wallet: could not republish", err))
      return s
    })().catch((err: unknown) => {
      opening = undefined
      throw err
    })
    return opening
  }

  const parts = async (): Promise<{ store: LedgerStore; wallet: Wallet; earning: Earning }> => {
    const s = await store()
    const base = { store: s, signer: deps.signer, publish: deps.publish, clock: deps.nowSec }
    return { store: s, wallet: createWallet(base), earning: createEarning({ ...base, allows: deps.allows ?? (() => true) }) }
  }

  return {
    /** The pinned network's genesis, or null. */
    async network(): Promise<GenesisEvent | null> {
      const pinned = await readPinnedGenesis(db)
      return pinned === null ? null : parseGenesis(pinned)
    },
    /** Pins this device to a network; refuses another one once pinned (throws LedgerConfigError). */
    async pin(genesis: unknown): Promise<GenesisEvent> {
      const parsed = parseGenesis(genesis)
      const s = await openLedgerStore(db, genesis as NostrEvent)
      opening = Promise.resolve(s)
      return parsed
    },
    wallet: async () => (await parts()).wallet,
    earning: async () => (await parts()).earning,
    /** For the sync core: ledger events it received (kinds 3330-3335), applied in one transaction. */
    ingest: async (events: unknown[]) => (await store()).ingest(events)
  }
}

export type WalletService = ReturnType<typeof createWalletService>