// TypeScript twin of wasm/assembly/stream-score.ts. Keep the two line-for-line equivalent.

const HALF_LIFE_HOURS = 24.0

export function scoreLinkPosts(createdAt: Float64Array, amps: Float64Array, nowSec: number): Float64Array {
  const n = createdAt.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let ageHours = (nowSec - createdAt[i]!) / 3600.0
    if (ageHours < 0.0) ageHours = 0.0
    const a = amps[i]!
    const boost = a > 0.0 ? 1.0 + a : 1.0
    out[i] = boost * Math.exp(-ageHours * (Math.LN2 / HALF_LIFE_HOURS))
  }
  return out
}
