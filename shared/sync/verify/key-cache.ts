// Parsed x-only public keys, kept in WASM memory. Parsing a key is a field square root, about a
// tenth of a verification, and a sync session sees the same few hundred authors over and over.

/** Where a slot's 64-byte libsecp256k1 struct lives, by pubkey hex; least recently used first. */
export class KeyCache {
  private readonly slots = new Map<string, number>()
  private readonly free: number[] = []

  /** `base`: `capacity * slotBytes` bytes of WASM memory owned by the cache. */
  constructor(base: number, capacity: number, slotBytes: number) {
    for (let i = capacity - 1; i >= 0; i--) this.free.push(base + i * slotBytes)
  }

  /** The slot holding `pubkey`, marked most recently used; undefined when not cached. */
  get(pubkey: string): number | undefined {
    const at = this.slots.get(pubkey)
    if (at !== undefined) {
      this.slots.delete(pubkey)
      this.slots.set(pubkey, at)
    }
    return at
  }

  /** A slot to parse `pubkey` into: a free one, else the least recently used one's. Call `keep` once it parsed. */
  claim(): number {
    const free = this.free.pop()
    if (free !== undefined) return free
    const [oldest, at] = this.slots.entries().next().value as [string, number]
    this.slots.delete(oldest)
    return at
  }

  /** Records a parsed key; a slot claimed but not kept (an invalid key) goes back to the free list. */
  keep(pubkey: string, at: number): void {
    this.slots.set(pubkey, at)
  }

  release(at: number): void {
    this.free.push(at)
  }

  get size(): number {
    return this.slots.size
  }
}
