// The side panel's settle with its engine's weights, end to end in Node: settleWithEngine over a real
// engine service holding the staker's graph, and the background's real wallet routes (in-memory fake
// browser, fake-indexeddb). The settle must carry exactly the engine's weights, and the ledger must
// pay by them (docs/MODEL.md §7, PROTOCOL §2.9).
import { beforeEach, describe, expect, it, vi } from "vitest"

import { registerBackground } from "../../extension/features/register-background"
import type { Send } from "../../extension/features/messaging/send"
import { SETTLE_AFTER_CLOSE_SECS, settleWithEngine, type SettleDeps, type StakeWeigher } from "../../extension/features/wallet/sidepanel/settle-with-engine"
import { createEngineService } from "../../shared/engine/engine-service"
import type { EngineApi } from "../../shared/engine/engine-api"
import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import { KIND, audit, buildReceipt, buildTransfer, defaultSplit, foldEvents, parseGenesis, type NostrEvent } from "../../shared/ledger"
import { walletPinNetwork, walletStake } from "../../shared/messages/catalog"
import { asLedgerDb, openLedgerStore } from "../../shared/wallet"
import { key } from "../ledger/keys"
import { createFakeExtension, type FakeExtension } from "../fakes/fake-browser"
import { ask } from "../support/background-messages"
import { freshDb } from "../support/fresh-db"
import { AMP, T0, issuer, testGenesis, upkeep } from "./support/network"

const genesis = testGenesis()
const { split, receiptPow } = parseGenesis(genesis)
const [creator, v1, v2, late] = [key("cleo-se"), key("vera-se"), key("vic-se"), key("lena-se")]
const WINDOW = 60
const STAKE = 1_000_000_001n // odd, so the split leaves rounding dust to place

let fx: FakeExtension
let bg: ReturnType<typeof registerBackground>
let now: number
let staker: string
let stakeId: string
let close: number
let engine: EngineApi

const send: Send = (def, request) => ask(fx, def, request)
const deps = (over: Partial<SettleDeps> = {}): SettleDeps => ({ engine: () => engine, send, caughtUp: () => true, ...over })
const ledgerDb = () => asLedgerDb(bg.db)
const ingest = async (events: NostrEvent[]) => (await openLedgerStore(ledgerDb(), genesis)).ingest(events)
const receipt = (viewer: typeof v1, seconds: number) => buildReceipt(viewer.sk, { net: genesis.id, stake: stakeId, seconds, createdAt: T0 + 520, difficulty: receiptPow })

/**
 * The staker's engine: it follows and likes V1; V2 is only followed by the creator the staker liked,
 * a second-hand acquaintance. The staker also follows the viewer whose receipt comes late.
 */
function stakersEngine(): EngineApi {
  const e = createEngineService(createTsKernel())
  e.setViewer(staker, now)
  const at = now - 100
  const report = e.applyDeltas(
    [
      { type: "follow", from: staker, to: v1.pk, at, on: true },
      { type: "engagement", from: staker, to: v1.pk, kind: "like", at },
      { type: "engagement", from: staker, to: creator.pk, kind: "like", at },
      { type: "follow", from: v1.pk, to: staker, at, on: true },
      { type: "follow", from: creator.pk, to: staker, at, on: true },
      { type: "follow", from: creator.pk, to: v2.pk, at, on: true },
      { type: "follow", from: v2.pk, to: staker, at, on: true },
      { type: "follow", from: staker, to: late.pk, at, on: true }
    ],
    now
  )
  expect(report.rejected).toEqual([])
  return e
}

const tagsOf = (e: NostrEvent, name: string) => e.tags.filter((t) => t[0] === name)
const settles = async () => (await ledgerDb().ledgerEvents.toArray()).filter((r) => r.kind === KIND.settle).map((r) => r.event)

beforeEach(async () => {
  now = T0 + 500
  fx = createFakeExtension()
  bg = registerBackground(fx.browser, { db: freshDb(), nowSec: () => now })
  await fx.install()
  expect(await send(walletPinNetwork, { genesis })).toMatchObject({ ok: true })
  staker = await bg.keys.pubkey()
  await ingest([buildTransfer(issuer.sk, { net: genesis.id, seq: 1, prev: genesis.id, to: staker, amount: 100n * AMP, createdAt: T0 + 10 })])
  const staked = await send(walletStake, { amount: "10.00000001", url: "https://example.org/weighed", creator: creator.pk, windowSecs: WINDOW })
  if (!staked.ok) throw new Error(staked.message)
  stakeId = staked.submitted.id
  close = now + WINDOW
  await ingest([receipt(v1, 30), receipt(v2, 30)])
  now = close + SETTLE_AFTER_CLOSE_SECS
  engine = stakersEngine()
})

describe("settling with the side panel's engine, through the background's wallet routes", () => {
  it("signs a settle with the engine's weights, and the ledger pays by them to the base unit", async () => {
    const countable = [v1, v2].map((v) => ({ pubkey: v.pk, dwellSec: 30, foreground: true, idle: false }))
    const weights = engine.stakeWeights({ originator: creator.pk, promoter: staker, viewers: countable })
    expect(weights[0]!.weight).toBeGreaterThan(10n * weights[1]!.weight) // V1 has much more Reo with the staker
    expect(weights[1]!.weight).toBeGreaterThan(0n)

    expect(await settleWithEngine(deps())).toBe(1)
    const [settle] = await settles()
    const ids = new Map((await ledgerDb().ledgerEvents.where("stake").equals(stakeId).toArray()).filter((r) => r.kind === KIND.receipt).map((r) => [r.pubkey, r.id]))
    const expectedTags = weights.map((w) => ["receipt", ids.get(w.pubkey)!, w.weight.toString()])
    expect(tagsOf(settle!, "receipt")).toEqual(expectedTags.sort((a, b) => (a[1]! < b[1]! ? -1 : 1))) // the builder orders them by id
    expect(await bg.db.outbox.get(settle!.id)).toMatchObject({ state: "pending", kind: KIND.settle })

    const row = (await ledgerDb().ledgerStakes.get(stakeId))!
    expect(row.status).toBe("settled")
    const paid = new Map(row.settlement!.viewers.map(([pk, amount]) => [pk, BigInt(amount)]))
    const expected = engine.settleStake({ originator: creator.pk, promoter: staker, viewers: countable, stake: STAKE })
    expect(paid.get(v1.pk)!).toBeGreaterThan(paid.get(v2.pk)!)
    expect(paid).toEqual(expected.viewers)
    // The ledger's default split and the engine's differ only in where the rounding leftover goes
    // (largest weight vs largest remainder): here one base unit, and both give it to V1.
    expect(paid).toEqual(defaultSplit(STAKE, split, weights).viewers)
    expect(expected.viewers.get(v1.pk)! + expected.viewers.get(v2.pk)!).toBe(STAKE - expected.creator - expected.upkeep)
    expect(BigInt(row.settlement!.creator)).toBe((STAKE * BigInt(split.creatorBps)) / 10_000n)
    expect(BigInt(row.settlement!.upkeep)).toBe((STAKE * BigInt(split.upkeepBps)) / 10_000n)
    expect(expected.creator).toBe(BigInt(row.settlement!.creator))
    expect(BigInt(row.settlement!.refund)).toBe(0n)

    const state = foldEvents([genesis, ...(await ledgerDb().ledgerEvents.toArray()).map((r) => r.event)], { genesis })
    const report = audit(state)
    expect(report.problems).toEqual([])
    const balance = (pk: string) => state.accounts.get(pk)?.balance ?? 0n
    expect(balance(creator.pk)).toBe(BigInt(row.settlement!.creator))
    expect(balance(upkeep.pk)).toBe(BigInt(row.settlement!.upkeep))
    expect(balance(v1.pk) + balance(v2.pk) + balance(creator.pk) + balance(upkeep.pk)).toBe(STAKE)
    expect(balance(staker)).toBe(100n * AMP - STAKE)
    expect(state.accounts.get(staker)!.escrowed).toBe(0n)
  })

  it("settles nothing while the graph feed has not caught up, and asks the background nothing", async () => {
    const spy = vi.fn(send)
    const weigher = vi.fn(() => engine)
    expect(await settleWithEngine(deps({ caughtUp: () => false, send: spy as Send, engine: weigher }))).toBe(0)
    expect(spy).not.toHaveBeenCalled()
    expect(weigher).not.toHaveBeenCalled()
    expect(await settles()).toEqual([])
    expect((await ledgerDb().ledgerStakes.get(stakeId))!.status).toBe("open")
    expect(await settleWithEngine(deps({ send: spy as Send, engine: weigher }))).toBe(1) // caught up
  })

  it("leaves a stake whose receipts changed while it was weighed (stale-weights) and weighs it again on the next pass", async () => {
    const lateReceipt = receipt(late, 20)
    let arrived = false
    // The sync core stores a back-dated receipt while the engine weighs.
    const racing: StakeWeigher = {
      async stakeWeights(request) {
        if (!arrived) {
          arrived = true
          await ingest([lateReceipt])
        }
        return engine.stakeWeights(request)
      }
    }
    expect(await settleWithEngine(deps({ engine: () => racing }))).toBe(0)
    expect(await settles()).toEqual([])
    expect((await ledgerDb().ledgerStakes.get(stakeId))!.status).toBe("open")

    expect(await settleWithEngine(deps({ engine: () => racing }))).toBe(1)
    const [settle] = await settles()
    const tags = tagsOf(settle!, "receipt")
    expect(tags).toHaveLength(3)
    expect(tags.every((t) => t.length === 3)).toBe(true)
    expect(tags.find((t) => t[1] === lateReceipt.id)).toBeDefined()
  })
})

