import type { ApplyReport, GraphDelta } from "../engine-api"
import { BASE_CAPACITY, CAPACITY_PER_AMP, ENGAGEMENT_WEIGHT, HOP_RETENTION, RECHARGE_PER_EU } from "../model/constants"
import { engagementWeight, isEngagementKind } from "../model/engagement"
import { ampsToNumber } from "../model/units"
import { Identities } from "../state/identities"
import type { EngineCore } from "./core"

/** Longest relay chain the engine accepts; beyond it a post's hop factor is negligible anyway. */
const MAX_HOPS = 16

class Rejected extends Error {}

function need(ok: boolean, reason: string): void {
  if (!ok) throw new Rejected(reason)
}

function time(t: unknown, now: number): number {
  need(typeof t === "number" && Number.isFinite(t), "time must be a finite number of seconds")
  // A clock ahead of ours cannot buy a post or an engagement extra weight.
  return Math.min(t as number, now)
}

function hopFactor(hops: number): number {
  let f = 1
  for (let h = 1; h < hops; h++) f *= HOP_RETENTION
  return f
}

/**
 * Applies a batch in order: each delta goes to the stores and to the kernel, and a kernel that runs
 * out of room is rebuilt from the stores (which already hold the delta). Reo settles once per batch.
 */
export function applyDeltas(core: EngineCore, deltas: GraphDelta[], now: number): ApplyReport {
  const report: ApplyReport = { applied: 0, rejected: [], rebuilt: false }
  if (core.ensureEpoch(now)) report.rebuilt = true
  const k = core.kernel
  const sizeBefore = core.ids.size
  let viewerFollowed = false
  let edgeChanges = 0
  const rebuild = () => {
    core.rebuild(core.epoch)
    report.rebuilt = true
  }
  deltas.forEach((d, index) => {
    try {
      need(typeof d === "object" && d !== null, "not an object")
      switch (d.type) {
        case "engagement": {
          need(Identities.valid(d.from) && Identities.valid(d.to), "from and to must be hex pubkeys")
          need(isEngagementKind(d.kind), "unknown engagement kind")
          const at = time(d.at, now)
          const post = d.post === undefined ? undefined : core.posts.get(d.post)
          if (d.from !== d.to) {
            const from = core.intern(d.from, now)
            const to = core.intern(d.to, now)
            const w = engagementWeight(d.kind, at, core.epoch)
            core.edges.addEngagement(from, to, w)
            if (k.addEdge(from, to, w) < 0) rebuild()
            edgeChanges++
            if (post) for (const tag of post.tags) core.tags.note(tag, from, 1)
          }
          // Engaging with one's own post recharges nothing: self-dealing earns no virality.
          if (post && core.ids.idOf(d.from) !== post.author) {
            const dq = RECHARGE_PER_EU * ENGAGEMENT_WEIGHT[d.kind]
            post.recharges.push({ at, dq })
            k.rechargePost(post.index, at, dq)
          }
          break
        }
        case "follow": {
          need(Identities.valid(d.from) && Identities.valid(d.to), "from and to must be hex pubkeys")
          need(typeof d.on === "boolean", "on must be a boolean")
          time(d.at, now)
          if (d.from === d.to) break
          const from = core.intern(d.from, now)
          const to = core.intern(d.to, now)
          const dw = core.edges.setFollow(from, to, d.on)
          if (dw !== 0 && k.addEdge(from, to, dw) < 0) rebuild()
          if (dw !== 0) edgeChanges++
          if (from === core.viewer) viewerFollowed = true
          break
        }
        case "post": {
          need(typeof d.id === "string" && d.id.length > 0, "post id must be a non-empty string")
          need(core.posts.get(d.id) === undefined, "duplicate post")
          need(Identities.valid(d.author), "author must be a hex pubkey")
          const hops = d.hops ?? 1
          need(Number.isInteger(hops) && hops >= 1 && hops <= MAX_HOPS, `hops must be an integer in 1..${MAX_HOPS}`)
          const tags = [...new Set((d.tags ?? []).map((t) => String(t).toLowerCase()))].sort()
          const createdAt = time(d.createdAt, now)
          const author = core.intern(d.author, now)
          const rec = core.posts.add({ id: d.id, author, createdAt, tags, hops, hopFactor: hopFactor(hops), recharges: [], amps: [] })
          for (const tag of tags) core.tags.note(tag, author, 2)
          if (k.addPost(author, createdAt, BASE_CAPACITY, rec.hopFactor, core.flagsOf(tags)) !== rec.index) rebuild()
          break
        }
        case "amplification": {
          const post = core.posts.get(d.post)
          need(post !== undefined, "unknown post")
          need(Identities.valid(d.amplifier), "amplifier must be a hex pubkey")
          need(typeof d.amount === "bigint" && d.amount > 0n, "amount must be a positive bigint of base units")
          const at = time(d.at, now)
          const amplifier = core.intern(d.amplifier, now)
          const dCap = CAPACITY_PER_AMP * ampsToNumber(d.amount)
          post!.amps.push({ amplifier, amount: d.amount, at, dCap })
          if (!k.amplifyPost(post!.index, amplifier, at, dCap)) rebuild()
          break
        }
        default:
          throw new Rejected("unknown delta type")
      }
      report.applied++
    } catch (err) {
      if (!(err instanceof Rejected)) throw err
      report.rejected.push({ index, reason: err.message })
    }
  })
  if (viewerFollowed || core.ids.size > sizeBefore) core.refreshViews()
  core.communities.noteEdgeChanges(edgeChanges)
  core.settle()
  return report
}
