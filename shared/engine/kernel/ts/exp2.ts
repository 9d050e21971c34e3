// Twin of wasm/assembly/exp2.ts: 2^x from + and * only, bit-identical to the kernel's.
const LN2 = 0.6931471805599453
const bits = new Float64Array(1)
const words = new Uint32Array(bits.buffer)

/** 2^k for an integer k in [-1022, 1023], built in the exponent field like the kernel's reinterpret. */
function pow2(k: number): number {
  words[0] = 0
  words[1] = ((k + 1023) << 20) >>> 0
  return bits[0]!
}

export function exp2(x: number): number {
  if (x < -1022.0) return 0.0
  if (x > 1023.0) return Infinity
  const k = Math.floor(x)
  const y = (x - k) * LN2
  let s = 1.0 / 355687428096000.0
  s = s * y + 1.0 / 20922789888000.0
  s = s * y + 1.0 / 1307674368000.0
  s = s * y + 1.0 / 87178291200.0
  s = s * y + 1.0 / 6227020800.0
  s = s * y + 1.0 / 479001600.0
  s = s * y + 1.0 / 39916800.0
  s = s * y + 1.0 / 3628800.0
  s = s * y + 1.0 / 362880.0
  s = s * y + 1.0 / 40320.0
  s = s * y + 1.0 / 5040.0
  s = s * y + 1.0 / 720.0
  s = s * y + 1.0 / 120.0
  s = s * y + 1.0 / 24.0
  s = s * y + 1.0 / 6.0
  s = s * y + 0.5
  s = s * y + 1.0
  s = s * y + 1.0
  return s * pow2(k)
}
