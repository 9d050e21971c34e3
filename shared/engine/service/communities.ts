import type { CommunityInfo } from "../engine-api"
import type { Kernel } from "../kernel/types"
import { COMMUNITY_RELABEL_MIN, COMMUNITY_RELABEL_SHARE, COMMUNITY_SEEDS, COMMUNITY_SLOTS, COMMUNITY_SWEEPS, REO_MAX_SWEEPS, REO_TOLERANCE } from "../model/constants"
import type { Identities } from "../state/identities"
import type { TagIndex } from "./tag-index"

/**
 * Named communities ("#tag": everyone who posts or engages under the tag) and emergent ones
 * ("~name": label propagation over the engagement graph, started from each identity's dominant
 * tag, named after that tag or after the founder's pubkey prefix), and the Reo slots that hold
 * community Reo for the current person.
 */
export class Communities {
  private emergent = new Map<string, number[]>()
  private stale = true
  /** Edge changes since the last labelling, and the edge count it labelled. */
  private changes = 0
  private labelledEdges = 0
  /** Community name per Reo slot 1..COMMUNITY_SLOTS, least recently used first. */
  private slots: { name: string; slot: number }[] = []

  constructor(
    private readonly kernel: Kernel,
    private readonly ids: Identities,
    private readonly tags: TagIndex
  ) {}

  /** The graph or the tags changed enough to warrant new labels (every rebuild). */
  invalidate(): void {
    this.stale = true
    this.slots = []
  }

  /** Engagements and follows applied since the last labelling (deltas.ts, once per batch). */
  noteEdgeChanges(count: number): void {
    this.changes += count
    if (!this.stale && this.changes >= Math.max(COMMUNITY_RELABEL_MIN, this.labelledEdges * COMMUNITY_RELABEL_SHARE)) this.invalidate()
  }

  private refresh(): void {
    if (!this.stale) return
    this.stale = false
    this.changes = 0
    this.labelledEdges = this.kernel.edgeCount()
    const n = this.kernel.nodeCount()
    // Classic label propagation: everyone starts alone, clusters form where attention circulates.
    const labels = Int32Array.from({ length: n }, (_, v) => v)
    this.kernel.labelCommunities(labels, n, COMMUNITY_SWEEPS)
    const groups = new Map<number, number[]>()
    for (let v = 0; v < n; v++) {
      let g = groups.get(labels[v]!)
      if (!g) groups.set(labels[v]!, (g = []))
      g.push(v)
    }
    // Named after the members' most used tag (or the founding label's pubkey prefix); larger
    // groups claim a name first, and a repeated name gets "-2", "-3"...
    const tagNames = this.tags.tags()
    const dominant = this.tags.dominant(n, tagNames)
    const named = new Map<string, number[]>()
    const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    for (const [label, members] of ordered) {
      const votes = new Map<number, number>()
      for (const v of members) if (dominant[v]! >= 0) votes.set(dominant[v]!, (votes.get(dominant[v]!) ?? 0) + 1)
      let best = -1
      for (const [t, c] of votes) if (best < 0 || c > votes.get(best)! || (c === votes.get(best)! && t < best)) best = t
      const base = best >= 0 ? `~${tagNames[best]}` : `~${this.ids.pubkeyOf(label).slice(0, 8)}`
      let name = base
      for (let i = 2; named.has(name); i++) name = `${base}-${i}`
      named.set(name, members)
    }
    this.emergent = named
  }

  list(): CommunityInfo[] {
    this.refresh()
    const out: CommunityInfo[] = []
    for (const tag of this.tags.tags()) out.push({ name: `#${tag}`, kind: "topic", members: this.tags.members(tag).length })
    for (const [name, members] of this.emergent) if (members.length > 1) out.push({ name, kind: "emergent", members: members.length })
    return out.sort((a, b) => b.members - a.members || (a.name < b.name ? -1 : 1))
  }

  members(name: string): number[] {
    if (name.startsWith("#")) return this.tags.members(name.slice(1))
    if (name.startsWith("~")) {
      this.refresh()
      return this.emergent.get(name) ?? []
    }
    return []
  }

  /**
   * The Reo slot of a community, computed on first use: the walk restarts at the community's members,
   * each in proportion to the current person's Reo of them (at most COMMUNITY_SEEDS, the highest).
   * A member the person gives no Reo adds nothing, which keeps self-declared members (a sybil
   * cluster tagging itself into a topic) out. Returns -1 when no member has Reo.
   */
  slotFor(name: string, viewerReo: (id: number) => number): number {
    const hit = this.slots.findIndex((s) => s.name === name)
    if (hit >= 0) {
      const [s] = this.slots.splice(hit, 1)
      this.slots.push(s!)
      return s!.slot
    }
    const seeds = this.members(name)
      .map((id) => ({ id, reo: viewerReo(id) }))
      .filter((s) => s.reo > 0)
      .sort((a, b) => b.reo - a.reo || a.id - b.id)
      .slice(0, COMMUNITY_SEEDS)
    if (seeds.length === 0) return -1
    const used = new Set(this.slots.map((s) => s.slot))
    let slot = 1
    while (used.has(slot) && slot <= COMMUNITY_SLOTS) slot++
    if (slot > COMMUNITY_SLOTS) slot = this.slots.shift()!.slot
    this.kernel.setSeeds(slot, Uint32Array.from(seeds, (s) => s.id), Float64Array.from(seeds, (s) => s.reo))
    this.kernel.reoRecompute(slot, REO_MAX_SWEEPS, REO_TOLERANCE)
    this.kernel.reoPush(slot)
    this.slots.push({ name, slot })
    return slot
  }

  /** Slots in use, for pushing after a delta batch. */
  activeSlots(): number[] {
    return this.slots.map((s) => s.slot)
  }
}
