import type { EngineApi, ReoReading } from "./engine-api"
import type { Kernel } from "./kernel/types"
import { attentionUnits } from "./model/attention"
import { REO_MAX_SWEEPS, REO_TOLERANCE, STREAM_LENGTH } from "./model/constants"
import { reachCounts } from "./model/reach"
import { DEFAULT_SPLIT, splitStake } from "./model/split-stake"
import { EngineCore } from "./service/core"
import { applyDeltas } from "./service/deltas"
import { explain } from "./service/explain"
import { rankLinks } from "./service/rank-links"
import { clampDial } from "./service/view"

/** Builds the engine over a loaded kernel (WASM or its TypeScript twin). See EngineApi for the contract. */
export function createEngineService(kernel: Kernel): EngineApi {
  const core = new EngineCore(kernel)
  const reading = (pubkey: string, slot: number): ReoReading => {
    const id = core.ids.idOf(pubkey)
    if (id === undefined || slot < 0) return { pubkey, reo: 0, share: 0, known: id !== undefined }
    const share = kernel.reoOf(slot, id)
    return { pubkey, reo: share * kernel.nodeCount(), share, known: true }
  }
  const viewerReo = (id: number) => (core.viewer >= 0 ? kernel.reoOf(0, id) : 0)

  const api: EngineApi = {
    kernel: () => kernel.impl,
    setViewer: (pubkey, nowSec) => core.setViewer(pubkey, nowSec),
    applyDeltas: (deltas, nowSec) => applyDeltas(core, deltas, nowSec),
    setStreamSettings(settings) {
      core.setSettings({
        allowAmplifiedFrom: [...new Set(settings.allowAmplifiedFrom)],
        communities: [...settings.communities],
        topics: settings.topics.map((t) => t.toLowerCase()),
        blockedAdvertisers: [...settings.blockedAdvertisers],
        dials: Object.fromEntries(Object.entries(settings.dials).map(([k, d]) => [k, clampDial(d)]))
      })
    },
    reo: (pubkey) => reading(pubkey, core.viewer >= 0 ? 0 : -1),
    // From the TS edge store, the source of truth both kernels are built from: no kernel query needed.
    viewerOutDegree: () => (core.viewer < 0 ? 0 : core.edges.outDegree(core.viewer)),
    communityReo: (community, pubkey) => reading(pubkey, core.viewer >= 0 ? core.communities.slotFor(community, viewerReo) : -1),
    communities: () => core.communities.list(),
    rankStream({ nowSec, limit }) {
      if (core.viewer < 0) return []
      const k = Math.max(0, Math.min(10_000, Math.floor(limit ?? STREAM_LENGTH)))
      const r = kernel.rankStream(0, core.viewer, core.allow, k, nowSec)
      return Array.from(r.index, (i, j) => explain(core, i, r.current[j]!, nowSec))
    },
    rankLinks: (candidates, nowSec) => rankLinks(kernel, candidates, nowSec),
    estimateReach({ promoter, amounts }) {
      const pk = promoter ?? (core.viewer >= 0 ? core.ids.pubkeyOf(core.viewer) : "")
      const id = core.ids.idOf(pk)
      const reoFromAll = id === undefined ? null : kernel.reoFromAll(id, REO_MAX_SWEEPS, REO_TOLERANCE)
      const people = reoFromAll ? reachCounts(reoFromAll, id!, amounts) : amounts.map(() => 0)
      return {
        promoter: pk,
        promoterReo: reading(pk, core.viewer >= 0 ? 0 : -1).reo,
        identities: kernel.nodeCount(),
        reach: amounts.map((amount, i) => ({ amount, people: people[i]! }))
      }
    },
    stakeWeights({ originator, promoter, community, viewers }) {
      const slot = core.viewer < 0 ? -1 : community === undefined ? 0 : core.communities.slotFor(community, viewerReo)
      const known = viewers.map((v) => core.ids.idOf(v.pubkey))
      const rows = viewers.map((v, i) => ({ i, id: known[i], units: attentionUnits(v, originator, promoter) }))
      const counted = rows.filter((r) => r.id !== undefined && r.units > 0)
      const weights = slot < 0 ? new BigInt64Array(0) : kernel.payoutWeights(slot, Uint32Array.from(counted, (r) => r.id!), Uint32Array.from(counted, (r) => r.units))
      const out = viewers.map((v) => ({ pubkey: v.pubkey, weight: 0n }))
      if (slot >= 0) counted.forEach((r, j) => (out[r.i]!.weight = weights[j]!))
      return out
    },
    settleStake(request) {
      return splitStake(request.stake, DEFAULT_SPLIT, api.stakeWeights(request))
    },
    recompute(nowSec) {
      const before = core.viewer >= 0 ? kernel.reoVector(0) : new Float64Array(0)
      core.rebuild(nowSec)
      const after = core.viewer >= 0 ? kernel.reoVector(0) : new Float64Array(0)
      let drift = 0
      for (let v = 0; v < before.length; v++) drift = Math.max(drift, Math.abs(before[v]! - after[v]!))
      return {
        sweeps: core.viewer >= 0 ? core.lastSweeps : 0,
        drift: drift * kernel.nodeCount(),
        residual: core.viewer >= 0 ? kernel.reoResidual(0) : 0,
        identities: kernel.nodeCount(),
        edges: kernel.edgeCount()
      }
    }
  }
  return api
}
