// The ledger pays as the attention model says (docs/MODEL.md §7, PROTOCOL §2.9): a settle carrying
// the settling engine's weights pays exactly what that engine's own settleStake computes, and a
// settle without weights pays by the model's attention units (no Reo).
import { describe, expect, it } from "vitest"

import { dwellUnits } from "../../shared/engine/model/attention"
import { splitStake } from "../../shared/engine/model/split-stake"
import {
  DEFAULT_SPLIT,
  defaultReceiptWeight,
  defaultSplit,
  foldEvents,
  receiptTemplate,
  settleTemplate,
  stakeTemplate,
  transferTemplate,
  type NostrEvent,
  type SplitFn
} from "../../shared/ledger"
import { HONEST_VIEWER, network, pubkeyOf, simEngine } from "../engine/sim-fixture"
import { ISSUER, T0, fakeGenesis, fakeSign, hashVerify } from "./world"

const genesis = fakeGenesis()
const net = genesis.id
const STAKE = 987_654_321_012n
const staker = pubkeyOf(4)
const creator = pubkeyOf(2)

/** A closed stake by `staker` on `creator`'s post, with one receipt per viewer (seconds vary). */
function world(viewers: readonly string[]) {
  const fund = fakeSign(transferTemplate({ net, seq: 1, prev: net, to: staker, amount: STAKE, createdAt: T0 + 1 }), ISSUER)
  const stake = fakeSign(stakeTemplate({ net, seq: 1, prev: net, amount: STAKE, creator, url: "https://example.org/amplified", close: T0 + 600, createdAt: T0 + 2 }), staker)
  const receipts = viewers.map((pk, i) => fakeSign(receiptTemplate({ net, stake: stake.id, seconds: 5 + ((i * 37) % 300), createdAt: T0 + 10 }), pk))
  const seconds = (r: NostrEvent) => Number(r.tags.find((t) => t[0] === "secs")![1])
  return { fund, stake, receipts, seconds }
}

const fold = (events: NostrEvent[], split?: SplitFn) => foldEvents(events, { genesis, verify: hashVerify, split })

describe("ledger settlement and the attention engine", () => {
  it("a weighed settle pays exactly the engine's settleStake for the same viewers (engine split injected)", async () => {
    const engine = await simEngine("ts", HONEST_VIEWER)
    const viewers = network.identities.slice(20, 220).map((p) => p.pubkey)
    const { fund, stake, receipts, seconds } = world(viewers)
    const records = receipts.map((r) => ({ pubkey: r.pubkey, dwellSec: seconds(r), foreground: true, idle: false }))
    const weights = engine.stakeWeights({ originator: creator, promoter: staker, viewers: records })
    const settle = fakeSign(
      settleTemplate({ net, seq: 2, prev: stake.id, stake: stake.id, receipts: receipts.map((r) => r.id), weights: new Map(receipts.map((r, i) => [r.id, weights[i]!.weight])), createdAt: T0 + 600 }),
      staker
    )
    const events = [fund, stake, ...receipts, settle]
    const expected = engine.settleStake({ stake: STAKE, originator: creator, promoter: staker, viewers: records })
    expect(expected.viewers.size).toBeGreaterThan(50) // Reo-weighted: some viewers earn, under-8-s ones do not

    const withEngineSplit = fold(events, splitStake).stakes.get(stake.id)!.settlement!
    expect(withEngineSplit.viewers).toStrictEqual(new Map([...expected.viewers].sort(([a], [b]) => (a < b ? -1 : 1))))
    expect([withEngineSplit.creator, withEngineSplit.upkeep, withEngineSplit.refund]).toStrictEqual([expected.creator, expected.upkeep, expected.refund])

    // The ledger's own split over the same weights: same creator/upkeep, and each viewer within the
    // one base unit per viewer the two rounding rules may move.
    const own = fold(events).stakes.get(stake.id)!.settlement!
    const ref = defaultSplit(STAKE, DEFAULT_SPLIT, weights)
    expect(own.viewers).toStrictEqual(new Map([...ref.viewers].sort(([a], [b]) => (a < b ? -1 : 1))))
    for (const [pk, amount] of expected.viewers) {
      const diff = (own.viewers.get(pk) ?? 0n) - amount
      expect(diff >= -1n && diff <= BigInt(viewers.length)).toBe(true)
    }
  })

  it("a settle without weights weighs each receipt by the model's attention units of its seconds", () => {
    const viewers = network.identities.slice(20, 60).map((p) => p.pubkey)
    const { fund, stake, receipts, seconds } = world(viewers)
    const settle = fakeSign(settleTemplate({ net, seq: 2, prev: stake.id, stake: stake.id, receipts: receipts.map((r) => r.id), createdAt: T0 + 600 }), staker)
    const s = fold([fund, stake, ...receipts, settle]).stakes.get(stake.id)!.settlement!
    const expected = defaultSplit(STAKE, DEFAULT_SPLIT, receipts.map((r) => ({ pubkey: r.pubkey, weight: BigInt(dwellUnits(seconds(r))) })))
    expect(s.viewers).toStrictEqual(new Map([...expected.viewers].sort(([a], [b]) => (a < b ? -1 : 1))))
    expect([5, 7, 8, 30, 120, 121, 31_536_000].map(defaultReceiptWeight)).toEqual([0n, 0n, 1000n, 1936n, 3872n, 3872n, 3872n])
  })
})
