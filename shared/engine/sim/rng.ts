/** A small seeded PRNG (mulberry32): the same seed gives the same network on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n) => Math.floor(next() * n) }
}

/** A uniformly shuffled 0..n-1 (Fisher-Yates). */
export function shuffledIds(n: number, rng: Rng): Uint32Array {
  const ids = new Uint32Array(n)
  for (let i = 0; i < n; i++) ids[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = ids[i]!
    ids[i] = ids[j]!
    ids[j] = t
  }
  return ids
}
