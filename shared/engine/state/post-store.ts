/** One amplification of a post, as the engine explains it. */
export interface AmpRecord {
  amplifier: number
  amount: bigint
  at: number
  /** Capacity it added, charge units. */
  dCap: number
}

/** The engine's mirror of a post: what a rebuild replays into the kernel and what explanations show. */
export interface PostRecord {
  id: string
  index: number
  author: number
  createdAt: number
  tags: string[]
  hops: number
  hopFactor: number
  /** Recharges in order: time and charge units. */
  recharges: { at: number; dq: number }[]
  amps: AmpRecord[]
}

export class PostStore {
  private readonly byId = new Map<string, PostRecord>()
  private readonly byIndex: PostRecord[] = []

  get size(): number {
    return this.byIndex.length
  }

  get(id: string): PostRecord | undefined {
    return this.byId.get(id)
  }

  at(index: number): PostRecord {
    const p = this.byIndex[index]
    if (!p) throw new RangeError(`unknown post index ${index}`)
    return p
  }

  add(p: Omit<PostRecord, "index">): PostRecord {
    const rec = { ...p, index: this.byIndex.length }
    this.byId.set(rec.id, rec)
    this.byIndex.push(rec)
    return rec
  }

  all(): readonly PostRecord[] {
    return this.byIndex
  }
}
