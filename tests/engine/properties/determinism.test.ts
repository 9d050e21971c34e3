// Property 7: the same inputs give bit-identical results in the WASM kernel (both builds) and the
// TypeScript reference: Reo of every identity, the Stream (order and currents), payout weights.
import { beforeAll, describe, expect, it } from "vitest"

import type { EngineApi } from "../../../shared/engine/engine-api"
import { HONEST_VIEWER, NOW, network, pubkeyOf, simEngine } from "../sim-fixture"

const engines: Record<string, EngineApi> = {}

beforeAll(async () => {
  for (const impl of ["ts", "wasm", "wasm-simd"] as const) engines[impl] = await simEngine(impl, HONEST_VIEWER)
})

function snapshot(e: EngineApi) {
  const reo = network.identities.map((p) => e.reo(p.pubkey).share)
  const stream = e.rankStream({ nowSec: NOW, limit: 200 }).map((p) => [p.id, p.current] as const)
  const viewers = network.identities.slice(0, 600).map((p, i) => ({ pubkey: p.pubkey, dwellSec: 8 + i, foreground: true, idle: false }))
  const weights = e.stakeWeights({ originator: pubkeyOf(2), promoter: pubkeyOf(4), viewers }).map((w) => w.weight)
  const community = e.communityReo("#jazz", pubkeyOf(3)).share
  return { reo, stream, weights, community }
}

describe("determinism across kernels", () => {
  it("runs the three kernels it claims to", () => {
    expect(Object.values(engines).map((e) => e.kernel())).toEqual(["ts", "wasm", "wasm-simd"])
  })

  it("gives bit-identical Reo, Stream, community Reo and payout weights", () => {
    const ts = snapshot(engines.ts!)
    expect(ts.stream.length).toBe(200)
    for (const impl of ["wasm", "wasm-simd"]) {
      const other = snapshot(engines[impl]!)
      expect(other.reo).toEqual(ts.reo)
      expect(other.stream).toEqual(ts.stream)
      expect(other.weights).toEqual(ts.weights)
      expect(other.community).toBe(ts.community)
    }
  })

  it("stays identical after more deltas and a periodic recompute", () => {
    const later = NOW + 1800
    const more = network.identities.slice(0, 50).map((p, i) => ({ type: "engagement" as const, from: p.pubkey, to: pubkeyOf((i * 7) % 2000), kind: "share" as const, at: later }))
    const reports = Object.values(engines).map((e) => {
      e.applyDeltas(more, later)
      return e.recompute(later + 1800)
    })
    expect(reports[1]).toEqual(reports[0])
    expect(reports[2]).toEqual(reports[0])
    const ts = snapshot(engines.ts!)
    expect(snapshot(engines.wasm!)).toEqual(ts)
    expect(snapshot(engines["wasm-simd"]!)).toEqual(ts)
  })
})
