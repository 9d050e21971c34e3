import { sha256 } from "@noble/hashes/sha2.js"
import { getEventHash, type UnsignedEvent } from "nostr-tools/pure"

import { singleTag } from "./common"

/**
 * NIP-13 proof of work asked of the spam-prone kinds we read (docs/PROTOCOL.md §1.10): leading
 * zero bits of the event id, and the target the author committed to in `["nonce", n, target]`.
 * About 4,000 hashes for a reaction and 65,000 for a comment: a fraction of a second on a laptop,
 * but a real cost for a flood.
 */
export const MIN_POW = { reaction: 12, comment: 16 } as const

/** Leading zero bits of a 64-hex id. */
export function leadingZeroBits(idHex: string): number {
  let bits = 0
  for (let i = 0; i < idHex.length; i++) {
    const nibble = parseInt(idHex[i]!, 16)
    if (nibble === 0) {
      bits += 4
      continue
    }
    return bits + Math.clz32(nibble) - 28
  }
  return bits
}

/** The difficulty the author committed to (third item of the `nonce` tag), if any. */
export function committedTarget(event: { tags: string[][] }): number | undefined {
  const tag = event.tags.filter((t) => t[0] === "nonce")
  if (tag.length !== 1) return undefined
  const target = tag[0]![2]
  return target !== undefined && /^[0-9]{1,3}$/.test(target) ? Number(target) : undefined
}

/**
 * Why an event's proof of work is not enough, or undefined when it is: the id needs `min` leading
 * zero bits and the committed target must be at least `min`, so a nonce mined for a lower target
 * that happened to get lucky does not count.
 */
export function powShortfall(event: { id: string; tags: string[][] }, min: number): string | undefined {
  if (min <= 0) return undefined
  if (singleTag(event, "nonce") === null) return "pow: more than one nonce tag"
  const target = committedTarget(event)
  if (target === undefined) return `pow: needs a NIP-13 nonce tag committing to at least ${min} bits`
  if (target < min) return `pow: committed target ${target} is below the minimum ${min}`
  const bits = leadingZeroBits(event.id)
  if (bits < min) return `pow: id has ${bits} leading zero bits, ${min} needed`
  return undefined
}

/** Leading zero bits of a hash's bytes. */
function leadingZeroBitsOf(hash: Uint8Array): number {
  let bits = 0
  for (let i = 0; i < hash.length; i++) {
    const byte = hash[i]!
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

const utf8 = new TextEncoder()

/**
 * Mines a NIP-13 nonce for an unsigned event (its pubkey set) and returns it with the nonce tag
 * last. `created_at` is never changed. The NIP-01 serialisation is built once; each try writes the
 * counter's digits between its fixed prefix (hashed once, then cloned) and suffix. Yields to the
 * event loop every `chunk` tries so a service worker or page stays responsive. Sign the result's
 * fields unchanged to keep the id.
 */
export async function mineEvent(event: UnsignedEvent, difficulty: number, opts: { chunk?: number; signal?: AbortSignal } = {}): Promise<UnsignedEvent & { id: string }> {
  const chunk = opts.chunk ?? 8192
  const target = String(difficulty)
  const tags = event.tags.filter((t) => t[0] !== "nonce")
  const content = JSON.stringify(event.content)
  const full = JSON.stringify([0, event.pubkey, event.created_at, event.kind, [...tags, ["nonce", "0", target]], event.content])
  const tail = `["nonce","0","${target}"]],${content}]`
  if (!full.endsWith(tail)) throw new Error("unexpected serialisation")
  const prefix = utf8.encode(full.slice(0, full.length - tail.length) + `["nonce","`)
  const suffix = utf8.encode(`","${target}"]],${content}]`)
  const head = sha256.create().update(prefix)
  const buf = new Uint8Array(20 + suffix.length)
  for (let counter = 0; ; ) {
    for (let i = 0; i < chunk; i++, counter++) {
      const digits = String(counter)
      let n = 0
      for (; n < digits.length; n++) buf[n] = digits.charCodeAt(n)
      buf.set(suffix, n)
      const hash = head.clone().update(buf.subarray(0, n + suffix.length)).digest()
      if (leadingZeroBitsOf(hash) >= difficulty) {
        const mined: UnsignedEvent = { ...event, tags: [...tags.map((t) => [...t]), ["nonce", digits, target]] }
        const id = getEventHash(mined)
        if (leadingZeroBits(id) < difficulty) throw new Error("mining produced a wrong id")
        return { ...mined, id }
      }
    }
    if (opts.signal?.aborted) throw new Error("mining aborted")
    await new Promise((r) => setTimeout(r, 0))
  }
}
