import type { StreamSettings } from "../engine-api"
import { buildCsr } from "../graph/build-csr"
import type { Kernel, KernelCapacity } from "../kernel/types"
import {
  BASE_CAPACITY, CHARGE_HALF_LIFE_S, MAX_EPOCH_AGE_S, PUSH_EPSILON, AMPLIFIER_REO_FLOOR, REO_MAX_SWEEPS, REO_RESTART, REO_TOLERANCE
} from "../model/constants"
import { EdgeStore } from "../state/edge-store"
import { Identities } from "../state/identities"
import { PostStore, type PostRecord } from "../state/post-store"
import { capacityFor } from "./capacity"
import { Communities } from "./communities"
import { TagIndex } from "./tag-index"
import { DEFAULT_SETTINGS, allowMask, nodeViews, postFlags, type NodeView } from "./view"

/**
 * The engine's state: the interning table, the edge and post stores (the source of truth), the
 * current person and their settings, and the kernel that holds the resident copy. Deltas go to
 * both the stores and the kernel; when the kernel runs out of a capacity, `rebuild` lays it out
 * again from the stores.
 */
export class EngineCore {
  readonly ids = new Identities()
  readonly edges = new EdgeStore()
  readonly posts = new PostStore()
  readonly tags = new TagIndex()
  readonly communities: Communities
  viewer = -1
  settings: StreamSettings = DEFAULT_SETTINGS
  allow = allowMask(DEFAULT_SETTINGS)
  views = new Map<number, NodeView>()
  private topics = new Set<string>()
  private cap: KernelCapacity | null = null
  lastSweeps = 0

  constructor(readonly kernel: Kernel) {
    this.communities = new Communities(kernel, this.ids, this.tags)
    this.rebuild(0)
  }

  get epoch(): number {
    return this.edges.epoch
  }

  /** Lays the kernel out again from the stores, as of `now`, and recomputes the viewer's Reo in full. */
  rebuild(now: number): void {
    this.edges.rebase(now)
    const g = buildCsr(this.edges.toEdgeList(this.ids.size))
    const amps = this.posts.all().reduce((n, p) => n + p.amps.length, 0)
    this.cap = capacityFor(this.ids.size, g.edges, this.posts.size, amps)
    const k = this.kernel
    k.reserve(this.cap)
    k.configure({ alpha: REO_RESTART, chargeHalfLifeSec: CHARGE_HALF_LIFE_S, chargeEpochSec: now, pushEpsilon: PUSH_EPSILON, amplifierReoFloor: AMPLIFIER_REO_FLOOR })
    k.loadGraph(g)
    k.growNodes(this.ids.size)
    for (const p of this.posts.all()) this.replayPost(p)
    this.communities.invalidate()
    this.refreshViews()
    if (this.viewer >= 0) {
      k.setSeeds(0, Uint32Array.of(this.viewer), Float64Array.of(1))
      this.lastSweeps = k.reoRecompute(0, REO_MAX_SWEEPS, REO_TOLERANCE)
      k.reoPush(0)
    }
  }

  private replayPost(p: PostRecord): void {
    const k = this.kernel
    const i = k.addPost(p.author, p.createdAt, BASE_CAPACITY, p.hopFactor, postFlags(p.tags, this.topics))
    if (i !== p.index) throw new Error(`post ${p.id} replayed at ${i}, expected ${p.index}`)
    // Recharges and amplifications interleave in time; replaying them in time order reproduces the
    // capacitor exactly (a recharge is capped by the capacity at its moment).
    const events = [
      ...p.recharges.map((r, n) => ({ at: r.at, n, run: () => k.rechargePost(i, r.at, r.dq) })),
      ...p.amps.map((a, n) => ({ at: a.at, n: n + p.recharges.length, run: () => void k.amplifyPost(i, a.amplifier, a.at, a.dCap) }))
    ].sort((a, b) => a.at - b.at || a.n - b.n)
    for (const e of events) e.run()
  }

  /**
   * Moves the time base to `now` (a rebuild) when it was never set or is over MAX_EPOCH_AGE_S old,
   * so stored weights and charges stay far from f32 and f64 range limits. Returns whether it did.
   */
  ensureEpoch(now: number): boolean {
    if (this.epoch !== 0 && Math.abs(now - this.epoch) <= MAX_EPOCH_AGE_S) return false
    this.rebuild(now)
    return true
  }

  /** Interns an identity and makes sure the kernel has room for it (rebuilding if not). */
  intern(pubkey: string, now: number): number {
    const id = this.ids.intern(pubkey)
    if (id >= EdgeStore.maxIdentities) throw new RangeError("identity table is full")
    if (!this.kernel.growNodes(this.ids.size)) this.rebuild(now)
    return id
  }

  setViewer(pubkey: string, now: number): void {
    this.ensureEpoch(now)
    this.viewer = this.intern(pubkey, now)
    this.refreshViews()
    this.communities.invalidate()
    const k = this.kernel
    k.setSeeds(0, Uint32Array.of(this.viewer), Float64Array.of(1))
    this.lastSweeps = k.reoRecompute(0, REO_MAX_SWEEPS, REO_TOLERANCE)
    k.reoPush(0)
  }

  setSettings(s: StreamSettings): void {
    this.settings = s
    this.allow = allowMask(s)
    this.topics = new Set(s.topics)
    for (const p of this.posts.all()) this.kernel.setPostFlags(p.index, postFlags(p.tags, this.topics))
    this.refreshViews()
  }

  /** Recomputes every identity's flags and dial for the viewer and writes them to the kernel. */
  refreshViews(): void {
    const s = this.settings
    const friends = this.viewer >= 0 ? this.edges.followedBy(this.viewer) : []
    const chosen = s.communities.flatMap((name) => this.communities.members(name))
    const idOf = (pk: string) => this.ids.idOf(pk)
    const blocked = s.blockedAdvertisers.map(idOf).filter((id): id is number => id !== undefined)
    const dials: [number, number][] = []
    for (const [pk, d] of Object.entries(s.dials)) {
      const id = idOf(pk)
      if (id !== undefined) dials.push([id, d])
    }
    const next = nodeViews(friends, chosen, blocked, dials)
    for (const id of this.views.keys()) if (!next.has(id)) this.kernel.setNodeView(id, 0, 1)
    for (const [id, v] of next) this.kernel.setNodeView(id, v.flags, v.dial)
    this.views = next
  }

  /** Writes a post's current topic flags; used when the post is new. */
  flagsOf(tags: readonly string[]): number {
    return postFlags(tags, this.topics)
  }

  /** Settles every active slot after a batch of deltas. */
  settle(): void {
    if (this.viewer >= 0) this.kernel.reoPush(0)
    for (const s of this.communities.activeSlots()) this.kernel.reoPush(s)
  }

  viewOf(id: number): NodeView {
    return this.views.get(id) ?? { flags: 0, dial: 1 }
  }
}
