import type { StreamDb } from "../../../../shared/db/database"
import { LedgerConfigError } from "../../../../shared/ledger"
import {
  amplifySubmit,
  walletEventStatus,
  walletBalance,
  walletEarnings,
  walletHistory,
  walletNetwork,
  walletPinNetwork,
  walletSend,
  walletDueStakes,
  walletSettleDue,
  walletStake
} from "../../../../shared/messages/catalog"
import { enqueue, notifyOutbox } from "../../../../shared/sync"
import { asLedgerDb, readPinnedGenesis, WalletError, type Publish } from "../../../../shared/wallet"
import type { LedgerSink, SignedEventLike } from "./ledger-sink"
import { createAmplifySubmit } from "../../amplify/background/amplify-submit"
import type { Amplifier } from "../../amplify/background/amplifier"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"
import { NoNetworkError, createWalletService } from "./wallet-service"
import { balanceToWire, dayToWire, entryToWire, networkToWire, submittedToWire, weightsFromWire } from "./wire"

export interface WalletDeps {
  db: StreamDb
  keys: KeyStore
  nowSec?: () => number
  /** Default: the sync core's outbox (shared/sync), which retries until a relay takes the event. */
  publish?: Publish
  /** The amplifier, for the amplify dialog's `amplify/submit` (post, then stake). */
  amplify?: Amplifier
}

/** Every few minutes the background settles the person's stakes whose window has closed. */
export const WALLET_SETTLE_ALARM = "synereo-wallet-settle"
/**
 * The background has no attention engine (it runs in the side panel's worker), so its alarm settles
 * with the ledger's default weights (attention units, no Reo). It leaves a stake this long after its
 * close to an open side panel, which settles with its engine's weights (settle-with-engine.ts).
 */
export const DEFAULT_WEIGHTS_GRACE_SECS = 15 * 60

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
  const ledgerDb = asLedgerDb(deps.db)
  let sync: { core(): Promise<{ ledgerChanged(): Promise<void> }> } | undefined

  /** What the sync core hands the pinned network's ledger events to. */
  const ledgerSink: LedgerSink = {
    network: async () => (await readPinnedGenesis(ledgerDb))?.id ?? null,
    ingest: async (events: SignedEventLike[]) => {
      await service.ingest(events)
    }
  }
  const submitAmplify = deps.amplify ? createAmplifySubmit({ db: deps.db, amplify: deps.amplify, pubkey: () => deps.keys.pubkey(), wallet: () => service.wallet() }) : undefined

  const settleDue = async (): Promise<void> => {
    if ((await readPinnedGenesis(ledgerDb)) === null) return
    const settled = await (await service.wallet()).settleDue({ graceSecs: DEFAULT_WEIGHTS_GRACE_SECS })
    if (settled.length > 0) console.info(`Synereo wallet: settled ${settled.length} stake(s) with default weights`)
  }
  const alarms = browser.alarms
  if (alarms) {
    alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === WALLET_SETTLE_ALARM) void settleDue().catch((err: unknown) => console.warn("Synereo wallet: settling failed", err))
    })
    void Promise.resolve(alarms.get(WALLET_SETTLE_ALARM))
      .then((existing) => (existing ? undefined : alarms.create(WALLET_SETTLE_ALARM, { periodInMinutes: 5, delayInMinutes: 1 })))
      .catch((err: unknown) => console.warn("Synereo wallet: could not set the settle alarm", err))
  }

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(walletNetwork, () => attempt(async () => {
        const g = await service.network()
        return { ok: true as const, network: g === null ? null : networkToWire(g) }
      })),
      route(walletPinNetwork, (req) =>
        attempt(async () => {
          const network = networkToWire(await service.pin(req.genesis))
          // Relays already connected start sending this network's ledger now.
          void sync?.core().then((c) => c.ledgerChanged(), (err: unknown) => console.warn("Synereo wallet: could not subscribe to the ledger", err))
          return { ok: true as const, network }
        })
      ),
      route(walletBalance, () => attempt(async () => ({ ok: true as const, balance: balanceToWire(await (await service.wallet()).balance()) }))),
      route(walletHistory, (req) =>
        attempt(async () => ({ ok: true as const, entries: (await (await service.wallet()).history({ limit: req.limit })).map(entryToWire) }))
      ),
      route(walletSend, (req) => attempt(async () => ({ ok: true as const, submitted: submittedToWire(await (await service.wallet()).send(req)) }))),
      route(walletStake, (req) => attempt(async () => ({ ok: true as const, submitted: submittedToWire(await (await service.wallet()).stake(req)) }))),
      route(walletDueStakes, (req) => attempt(async () => ({ ok: true as const, stakes: await (await service.wallet()).dueStakes(req) }))),
      route(walletSettleDue, (req) =>
        attempt(async () => ({ ok: true as const, settled: (await (await service.wallet()).settleDue({ weights: weightsFromWire(req.weights) })).map(submittedToWire) }))
      ),
      route(walletEarnings, (req) => attempt(async () => ({ ok: true as const, days: (await (await service.wallet()).earningsByDay(req)).map(dayToWire) }))),
      route(walletEventStatus, (req) =>
        attempt(async () => {
          const row = await deps.db.outbox.get(req.id)
          const status = await ledgerDb.ledgerStatuses.get(req.id)
          return {
            ok: true as const,
            outbox: {
              state: row?.state ?? ("none" as const),
              acceptedBy: row?.acceptedBy ?? [],
              rejections: (row?.rejections ?? []).map((r) => ({ url: r.url, reason: r.reason })),
              lastError: row?.lastError ?? null
            },
            ledger: status ? { status: status.status, reason: status.reason, message: status.message } : null
          }
        })
      ),
      route(amplifySubmit, (req) =>
        attempt(async () => {
          if (!submitAmplify) return { ok: false as const, code: "unavailable", message: "amplifying is not available here" }
          const r = await submitAmplify(req)
          return r.ok ? { ...r, stake: r.stake ? submittedToWire(r.stake) : null } : r
        })
      )
    ])
  )
  return {
    ...service,
    ledgerSink,
    /** Connects the wallet to the sync core, which feeds it ledger events and follows a newly pinned network. */
    attachSync(s: { core(): Promise<{ ledgerChanged(): Promise<void> }> }) {
      sync = s
    }
  }
}
