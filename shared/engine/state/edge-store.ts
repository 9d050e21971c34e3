import type { EdgeList } from "../graph/build-csr"
import { FOLLOW_WEIGHT } from "../model/constants"
import { rebaseWeight } from "../model/engagement"

/** Ids stay below 2^26, so from * 2^26 + to is an exact integer key. */
const KEY_SPAN = 0x4000000

interface EdgeAgg {
  /** Decaying engagement units, as of the store's epoch. */
  eu: number
  follow: boolean
}

/**
 * Every engagement edge the engine knows, aggregated per pair: the source of truth a rebuild makes
 * the kernel's CSR from. The kernel holds the same weights as f32; this holds them as f64.
 */
export class EdgeStore {
  private readonly edges = new Map<number, EdgeAgg>()
  epoch = 0

  static maxIdentities = KEY_SPAN

  get size(): number {
    return this.edges.size
  }

  private agg(from: number, to: number): EdgeAgg {
    const key = from * KEY_SPAN + to
    let a = this.edges.get(key)
    if (!a) {
      a = { eu: 0, follow: false }
      this.edges.set(key, a)
    }
    return a
  }

  /** Adds engagement units already expressed as of the epoch. */
  addEngagement(from: number, to: number, euAtEpoch: number): void {
    this.agg(from, to).eu += euAtEpoch
  }

  /** Sets or clears a follow; returns the weight change (0 when nothing changed). */
  setFollow(from: number, to: number, on: boolean): number {
    const a = this.agg(from, to)
    if (a.follow === on) return 0
    a.follow = on
    return on ? FOLLOW_WEIGHT : -FOLLOW_WEIGHT
  }

  follows(from: number, to: number): boolean {
    return this.edges.get(from * KEY_SPAN + to)?.follow ?? false
  }

  /** Who `from` follows. */
  followedBy(from: number): number[] {
    const out: number[] = []
    for (const [key, a] of this.edges) if (a.follow && Math.floor(key / KEY_SPAN) === from) out.push(key % KEY_SPAN)
    return out
  }

  /**
   * How many others `from` follows or has engaged with: its out-edges. 0 means no walk can leave
   * it, so from its point of view no one has standing yet (a new person).
   */
  outDegree(from: number): number {
    let n = 0
    for (const [key, a] of this.edges) if ((a.follow || a.eu > 0) && Math.floor(key / KEY_SPAN) === from && key % KEY_SPAN !== from) n++
    return n
  }

  /** Moves the epoch to `to`, re-expressing every decaying weight as of then. */
  rebase(to: number): void {
    if (to === this.epoch) return
    for (const a of this.edges.values()) a.eu = rebaseWeight(a.eu, this.epoch, to)
    this.epoch = to
  }

  /** The edge list of the current weights (follow + decayed engagement), for a rebuild. */
  toEdgeList(nodes: number): EdgeList {
    const count = this.edges.size
    const from = new Uint32Array(count)
    const to = new Uint32Array(count)
    const weight = new Float64Array(count)
    let i = 0
    for (const [key, a] of this.edges) {
      from[i] = Math.floor(key / KEY_SPAN)
      to[i] = key % KEY_SPAN
      weight[i] = (a.follow ? FOLLOW_WEIGHT : 0) + a.eu
      i++
    }
    return { nodes, count, from, to, weight }
  }
}
