/** The interning table: hex pubkeys outside, dense integer ids (the kernel's caller ids) inside. */
export class Identities {
  private readonly ids = new Map<string, number>()
  private readonly keys: string[] = []

  static valid(pubkey: unknown): pubkey is string {
    return typeof pubkey === "string" && /^[0-9a-f]{64}$/.test(pubkey)
  }

  get size(): number {
    return this.keys.length
  }

  /** The id of a pubkey, interning it on first sight. */
  intern(pubkey: string): number {
    let id = this.ids.get(pubkey)
    if (id === undefined) {
      id = this.keys.length
      this.ids.set(pubkey, id)
      this.keys.push(pubkey)
    }
    return id
  }

  idOf(pubkey: string): number | undefined {
    return this.ids.get(pubkey)
  }

  pubkeyOf(id: number): string {
    const k = this.keys[id]
    if (k === undefined) throw new RangeError(`unknown identity id ${id}`)
    return k
  }
}
