import type { StreamDb } from "../../../../shared/db/database"
import { LedgerConfigError } from "../../../../shared/ledger"
import {
  walletBalance,
  walletEarnings,
  walletHistory,
  walletNetwork,
  walletPinNetwork,
  walletSend,
  walletSettleDue,
  walletStake
} from "../../../../shared/messages/catalog"
import { enqueue, notifyOutbox } from "../../../../shared/sync"
import { WalletError, type Publish } from "../../../../shared/wallet"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"
import { NoNetworkError, createWalletService } from "./wallet-service"
import { balanceToWire, dayToWire, entryToWire, networkToWire, submittedToWire } from "./wire"

export interface WalletDeps {
  db: StreamDb
  keys: KeyStore
  nowSec?: () => number
  /** Default: the sync core's outbox (shared/sync), which retries until a relay takes the event. */
  publish?: Publish
}

type Failure = { ok: false; code: string; message: string }

/** Refusals the person can act on become `{ ok: false, code, message }`; anything else is a bug. */
function failure(err: unknown): Failure {
  if (err instanceof WalletError) return { ok: false, code: err.code, message: err.message }
  if (err instanceof NoNetworkError) return { ok: false, code: "no-network", message: err.message }
  if (err instanceof LedgerConfigError) return { ok: false, code: "bad-network", message: err.message }
  throw err
}

async function attempt<T>(run: () => Promise<T>): Promise<T | Failure> {
  try {
    return await run()
  } catch (err) {
    return failure(err)
  }
}

/**
 * The background's wallet feature: answers the wallet/* messages with its own listener. Events the
 * wallet signs go to the sync core's outbox (after the wallet stored them, in its own transaction),
 * so they are published whenever a write relay is connected.
 */
export function registerWallet(browser: ExtensionApi, deps: WalletDeps) {
  const nowSec = deps.nowSec ?? (() => Math.floor(Date.now() / 1000))
  const publish: Publish =
    deps.publish ??
    (async (event) => {
      await enqueue(deps.db, event, nowSec() * 1000)
      notifyOutbox(deps.db)
    })
  const service = createWalletService({ db: deps.db, signer: { pubkey: () => deps.keys.pubkey(), sign: (t) => deps.keys.sign(t) }, publish, nowSec })

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(walletNetwork, () => attempt(async () => {
        const g = await service.network()
        return { ok: true as const, network: g === null ? null : networkToWire(g) }
      })),
      route(walletPinNetwork, (req) => attempt(async () => ({ ok: true as const, network: networkToWire(await service.pin(req.genesis)) }))),
      route(walletBalance, () => attempt(async () => ({ ok: true as const, balance: balanceToWire(await (await service.wallet()).balance()) }))),
      route(walletHistory, (req) =>
        attempt(async () => ({ ok: true as const, entries: (await (await service.wallet()).history({ limit: req.limit })).map(entryToWire) }))
      ),
      route(walletSend, (req) => attempt(async () => ({ ok: true as const, submitted: submittedToWire(await (await service.wallet()).send(req)) }))),
      route(walletStake, (req) => attempt(async () => ({ ok: true as const, submitted: submittedToWire(await (await service.wallet()).stake(req)) }))),
      route(walletSettleDue, () =>
        attempt(async () => ({ ok: true as const, settled: (await (await service.wallet()).settleDue()).map(submittedToWire) }))
      ),
      route(walletEarnings, (req) => attempt(async () => ({ ok: true as const, days: (await (await service.wallet()).earningsByDay(req)).map(dayToWire) })))
    ])
  )
  return service
}
