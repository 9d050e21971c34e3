/** Who uses which topic tag, with how much activity: the named communities. */
export class TagIndex {
  private readonly users = new Map<string, Map<number, number>>()

  /** Authoring a post under a tag counts 2, engaging with one counts 1. */
  note(tag: string, id: number, amount: number): void {
    let m = this.users.get(tag)
    if (!m) {
      m = new Map()
      this.users.set(tag, m)
    }
    m.set(id, (m.get(id) ?? 0) + amount)
  }

  tags(): string[] {
    return [...this.users.keys()].sort()
  }

  members(tag: string): number[] {
    return [...(this.users.get(tag)?.keys() ?? [])]
  }

  /** Each identity's most used tag (ties: the alphabetically first), as an index into tags(). */
  dominant(identities: number, tags: string[]): Int32Array {
    const best = new Int32Array(identities).fill(-1)
    const score = new Float64Array(identities)
    tags.forEach((tag, t) => {
      for (const [id, amount] of this.users.get(tag) ?? []) {
        if (id < identities && amount > score[id]!) {
          score[id] = amount
          best[id] = t
        }
      }
    })
    return best
  }
}
