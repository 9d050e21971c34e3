// Property 3: a post's charge decays with hops and time; engagement recharges it; AMPs refill it and
// raise its capacity, monotonically in the amount.
import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { createEngineService } from "../../../shared/engine/engine-service"
import type { EngineApi, RankedPost } from "../../../shared/engine/engine-api"
import { createTsKernel } from "../../../shared/engine/kernel/ts-kernel"
import { BASE_UNITS_PER_AMP, CHARGE_HALF_LIFE_S, HOP_RETENTION, RECHARGE_PER_EU } from "../../../shared/engine/model/constants"

const NOW = 1_800_000_000
const key = (n: number) => n.toString(16).padStart(64, "0")
const VIEWER = key(1)
const AUTHOR = key(2)
const FAN = key(3)

function world(): EngineApi {
  const e = createEngineService(createTsKernel())
  e.setViewer(VIEWER, NOW)
  e.applyDeltas(
    [
      { type: "engagement", from: VIEWER, to: AUTHOR, kind: "like", at: NOW - 10 },
      { type: "engagement", from: VIEWER, to: FAN, kind: "like", at: NOW - 10 },
      { type: "post", id: "near", author: AUTHOR, createdAt: NOW - 3600, hops: 1 },
      { type: "post", id: "far", author: AUTHOR, createdAt: NOW - 3600, hops: 3 }
    ],
    NOW
  )
  return e
}

function find(e: EngineApi, id: string, at: number): RankedPost {
  const p = e.rankStream({ nowSec: at, limit: 100 }).find((x) => x.id === id)
  if (!p) throw new Error(`${id} not in the Stream`)
  return p
}

describe("the post capacitor", () => {
  it("halves its charge every CHARGE_HALF_LIFE_S", () => {
    const e = world()
    const a = find(e, "near", NOW).why.charge
    const b = find(e, "near", NOW + CHARGE_HALF_LIFE_S).why.charge
    expect(b / a).toBeCloseTo(0.5, 12)
    expect(a).toBeLessThan(1)
  })

  it("loses HOP_RETENTION of its current per connection crossed", () => {
    const e = world()
    expect(find(e, "far", NOW).current / find(e, "near", NOW).current).toBeCloseTo(HOP_RETENTION ** 2, 12)
  })

  it("is recharged by engagement, never above its capacity", () => {
    const e = world()
    const at = NOW + 2 * CHARGE_HALF_LIFE_S
    const before = find(e, "near", at).why.charge
    e.applyDeltas([{ type: "engagement", from: FAN, to: AUTHOR, kind: "like", at, post: "near" }], at)
    const after = find(e, "near", at).why.charge
    expect(after - before).toBeCloseTo(RECHARGE_PER_EU, 12)
    for (let i = 0; i < 10; i++) e.applyDeltas([{ type: "engagement", from: FAN, to: AUTHOR, kind: "comment", at, post: "near" }], at)
    const full = find(e, "near", at).why
    expect(full.charge).toBe(full.capacity)
  })

  it("is refilled and raised beyond its old capacity by AMPs, monotonically in the amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000n * BASE_UNITS_PER_AMP }), fc.bigInt({ min: 1n, max: 10_000n * BASE_UNITS_PER_AMP }), (x, y) => {
        const [small, large] = x < y ? [x, y] : [y, x]
        const at = NOW + CHARGE_HALF_LIFE_S
        const read = (amount: bigint) => {
          const e = world()
          const before = find(e, "near", at).why
          e.applyDeltas([{ type: "amplification", post: "near", amplifier: FAN, amount, at }], at)
          return { before, after: find(e, "near", at).why }
        }
        const s = read(small)
        const l = read(large)
        expect(s.after.capacity).toBeGreaterThan(s.before.capacity)
        expect(s.after.charge).toBe(s.after.capacity)
        expect(s.after.charge).toBeGreaterThan(s.before.charge)
        expect(l.after.capacity).toBeGreaterThanOrEqual(s.after.capacity)
        expect(l.after.charge).toBeGreaterThanOrEqual(s.after.charge)
      }),
      { numRuns: 40 }
    )
  })
})
