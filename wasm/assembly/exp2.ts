// A deterministic 2^x from + and * only, so the WASM kernel and its TypeScript twin
// (shared/engine/kernel/ts/exp2.ts) produce bit-identical results on every machine.
// Math.exp differs between engines in the last bit, and a last-bit difference can swap two posts.
//
// x = k + f with k = floor(x) and f in [0, 1): 2^f = e^(f ln 2) by a 17-term Taylor series
// (truncation error below 1e-17 on [0, ln 2)), then 2^k is placed in the exponent field.

const LN2: f64 = 0.6931471805599453;

export function exp2(x: f64): f64 {
  if (x < -1022.0) return 0.0;
  if (x > 1023.0) return Infinity;
  const k = Math.floor(x);
  const y = (x - k) * LN2;
  let s: f64 = 1.0 / 355687428096000.0; // 1/17!
  s = s * y + 1.0 / 20922789888000.0;
  s = s * y + 1.0 / 1307674368000.0;
  s = s * y + 1.0 / 87178291200.0;
  s = s * y + 1.0 / 6227020800.0;
  s = s * y + 1.0 / 479001600.0;
  s = s * y + 1.0 / 39916800.0;
  s = s * y + 1.0 / 3628800.0;
  s = s * y + 1.0 / 362880.0;
  s = s * y + 1.0 / 40320.0;
  s = s * y + 1.0 / 5040.0;
  s = s * y + 1.0 / 720.0;
  s = s * y + 1.0 / 120.0;
  s = s * y + 1.0 / 24.0;
  s = s * y + 1.0 / 6.0;
  s = s * y + 0.5;
  s = s * y + 1.0;
  s = s * y + 1.0;
  return s * reinterpret<f64>(<u64>(<i64>k + 1023) << 52);
}
