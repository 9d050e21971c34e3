// The post capacitor (docs/MODEL.md, "The post capacitor").
//
// Charge decays as Q(t) = Q(t0) * 2^(-(t - t0) / H). Stored as qStar = Q(t) * 2^((t - epoch) / H),
// which does not change with time, so ranking never computes a power per post: at time `now` every
// stored charge is multiplied by the same 2^(-(now - epoch) / H). The host rebases the epoch on each
// periodic rebuild, which keeps 2^((t - epoch) / H) far from overflow.
import {
  NONE, R_AMP_CAP, R_AMP_NEXT, R_AMP_NODE, R_PERM, R_POST_AMP_HEAD, R_POST_AUTHOR, R_POST_CAP,
  R_POST_CREATED, R_POST_FLAGS, R_POST_HOP, R_POST_ORG_CAP, R_POST_QSTAR, ampCap, at, postCap
} from "./layout";
import { exp2 } from "./exp2";
import { ampsUsed, bumpAmp, bumpPost, chargeEpoch, chargeHalfLife, nodes, postsUsed } from "./state";

// @ts-ignore: decorator
@inline export function growth(t: f64): f64 {
  return exp2((t - chargeEpoch) / chargeHalfLife);
}

/**
 * Adds a post by caller id `authorExt`, full at `capacity` when created. hop is the dissipation
 * factor of the connections it crossed to reach the viewer. Returns its index, or NONE when full.
 */
export function addPost(authorExt: u32, createdAt: f64, capacity: f64, hop: f64, flags: u32): u32 {
  if (postsUsed >= postCap || authorExt >= nodes) return NONE;
  const i = bumpPost();
  const o = <usize>i;
  store<u32>(at(R_POST_AUTHOR) + (o << 2), load<u32>(at(R_PERM) + (<usize>authorExt << 2)));
  store<f64>(at(R_POST_CREATED) + (o << 3), createdAt);
  store<f64>(at(R_POST_QSTAR) + (o << 3), capacity * growth(createdAt));
  store<f64>(at(R_POST_CAP) + (o << 3), capacity);
  store<f64>(at(R_POST_ORG_CAP) + (o << 3), capacity);
  store<f64>(at(R_POST_HOP) + (o << 3), hop);
  store<u32>(at(R_POST_FLAGS) + (o << 2), flags);
  store<u32>(at(R_POST_AMP_HEAD) + (o << 2), NONE);
  return i;
}

/** Engagement recharges: Q += dq at time t, never above the capacity. */
export function recharge(i: u32, t: f64, dq: f64): void {
  if (i >= postsUsed) return;
  const g = growth(t);
  const qp = at(R_POST_QSTAR) + (<usize>i << 3);
  const full = load<f64>(at(R_POST_CAP) + (<usize>i << 3)) * g;
  const q = load<f64>(qp) + dq * g;
  store<f64>(qp, q < full ? q : full);
}

/** An amplification raises the capacity by dCap and refills the post to it. False when full. */
export function amplify(i: u32, amplifierExt: u32, t: f64, dCap: f64): bool {
  if (i >= postsUsed || ampsUsed >= ampCap || amplifierExt >= nodes || !(dCap > 0.0)) return false;
  const a = bumpAmp();
  const capP = at(R_POST_CAP) + (<usize>i << 3);
  const cap = load<f64>(capP) + dCap;
  store<f64>(capP, cap);
  store<f64>(at(R_POST_QSTAR) + (<usize>i << 3), cap * growth(t));
  const head = at(R_POST_AMP_HEAD) + (<usize>i << 2);
  store<u32>(at(R_AMP_NODE) + (<usize>a << 2), load<u32>(at(R_PERM) + (<usize>amplifierExt << 2)));
  store<f64>(at(R_AMP_CAP) + (<usize>a << 3), dCap);
  store<u32>(at(R_AMP_NEXT) + (<usize>a << 2), load<u32>(head));
  store<u32>(head, a);
  return true;
}

/** The charge of post i at time t (charge units). */
export function chargeAt(i: u32, t: f64): f64 {
  if (i >= postsUsed) return 0.0;
  return load<f64>(at(R_POST_QSTAR) + (<usize>i << 3)) * exp2((chargeEpoch - t) / chargeHalfLife);
}

export function setPostFlags(i: u32, flags: u32): void {
  if (i < postsUsed) store<u32>(at(R_POST_FLAGS) + (<usize>i << 2), flags);
}
