// Stream score for link posts (the foundation slice's formula; docs/MODEL.md defines the full one).
//
//   score = (1 + amps) * 2^(-ageHours / HALF_LIFE_HOURS)
//
// Inputs are three f64 arrays of length n at byte offsets chosen by the host:
//   createdAtPtr: post creation time, Unix seconds
//   ampsPtr:      AMPs staked on the post, in whole AMPs (ranking only; money never uses floats)
//   outPtr:       receives the score
// A post dated in the future is treated as age 0, so a wrong clock cannot push a post above others.

const HALF_LIFE_HOURS: f64 = 24.0;

/** Called by the engine worker once per Stream render, n = number of candidate posts. */
export function scoreLinkPosts(createdAtPtr: usize, ampsPtr: usize, n: i32, nowSec: f64, outPtr: usize): void {
  for (let i = 0; i < n; i++) {
    const off = (<usize>i) << 3;
    const created = load<f64>(createdAtPtr + off);
    const amps = load<f64>(ampsPtr + off);
    let ageHours = (nowSec - created) / 3600.0;
    if (ageHours < 0.0) ageHours = 0.0;
    const boost = amps > 0.0 ? 1.0 + amps : 1.0;
    store<f64>(outPtr + off, boost * Math.exp(-ageHours * (Math.LN2 / HALF_LIFE_HOURS)));
  }
}
