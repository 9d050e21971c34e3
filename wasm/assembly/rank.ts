// Stream ranking: the current of every resident post for the viewer of a slot, top k kept in a heap.
//
//   current(i) = Q_i(now) * hop_i * sum over carriers c of (capacity share of c) * Reo(c) * dial(c)
//
// Carriers are the author (share = organic capacity / capacity) and each amplifier (share = the
// capacity its AMPs added / capacity). An amplifier counts only if the viewer allows amplified
// content from it (allow mask against node and post flags) and has not blocked it.
import {
  NONE, R_AMP_CAP, R_AMP_NEXT, R_AMP_NODE, R_DIAL, R_NODE_FLAGS, R_P, R_PERM, R_POST_AMP_HEAD,
  R_POST_AUTHOR, R_POST_CAP, R_POST_CREATED, R_POST_FLAGS, R_POST_HOP, R_POST_ORG_CAP, R_POST_QSTAR, at, slotAt
} from "./layout";
import { exp2 } from "./exp2";
import { amplifierFloor, chargeEpoch, chargeHalfLife, nodes, postsUsed, tauOf } from "./state";

export const NODE_FRIEND: u8 = 1;
export const NODE_IN_CHOSEN_COMMUNITY: u8 = 2;
export const NODE_BLOCKED: u8 = 4;
export const ALLOW_FRIENDS: u32 = 1;
export const ALLOW_COMMUNITIES: u32 = 2;
export const ALLOW_TOPICS: u32 = 4;
export const ALLOW_EVERYONE: u32 = 8;
export const POST_TOPIC_MATCH: u32 = 1;

// @ts-ignore: decorator
@inline function ampAllowed(flags: u8, allow: u32, postFlags: u32): bool {
  if ((flags & NODE_BLOCKED) != 0) return false;
  if ((allow & ALLOW_EVERYONE) != 0) return true;
  if ((allow & ALLOW_FRIENDS) != 0 && (flags & NODE_FRIEND) != 0) return true;
  if ((allow & ALLOW_COMMUNITIES) != 0 && (flags & NODE_IN_CHOSEN_COMMUNITY) != 0) return true;
  return (allow & ALLOW_TOPICS) != 0 && (postFlags & POST_TOPIC_MATCH) != 0;
}

/**
 * Post i's current before the common factor 2^(-(now - epoch) / H) * nodes / (1 - tau). relScale
 * = nodes / (1 - tau) turns a settled mass into relative Reo, for the amplifier floor (Hive's rule:
 * who has no standing with the viewer cannot move the viewer's attention, whatever they pay).
 */
export function rawCurrent(p: usize, i: u32, allow: u32, relScale: f64): f64 {
  const o = <usize>i;
  const author = load<u32>(at(R_POST_AUTHOR) + (o << 2));
  const dial = at(R_DIAL);
  const nodeFlags = at(R_NODE_FLAGS);
  let sum: f64 = 0.0;
  if ((load<u8>(nodeFlags + <usize>author) & NODE_BLOCKED) == 0) {
    sum = load<f64>(at(R_POST_ORG_CAP) + (o << 3)) * load<f64>(p + (<usize>author << 3)) * <f64>load<f32>(dial + (<usize>author << 2));
  }
  let a = load<u32>(at(R_POST_AMP_HEAD) + (o << 2));
  if (a != NONE) {
    const postFlags = load<u32>(at(R_POST_FLAGS) + (o << 2));
    while (a != NONE) {
      const b = load<u32>(at(R_AMP_NODE) + (<usize>a << 2));
      const pb = load<f64>(p + (<usize>b << 3));
      if (pb * relScale >= amplifierFloor && ampAllowed(load<u8>(nodeFlags + <usize>b), allow, postFlags)) {
        sum += load<f64>(at(R_AMP_CAP) + (<usize>a << 3)) * pb * <f64>load<f32>(dial + (<usize>b << 2));
      }
      a = load<u32>(at(R_AMP_NEXT) + (<usize>a << 2));
    }
  }
  if (sum == 0.0) return 0.0;
  return (load<f64>(at(R_POST_QSTAR) + (o << 3)) * load<f64>(at(R_POST_HOP) + (o << 3)) * sum) / load<f64>(at(R_POST_CAP) + (o << 3));
}

// @ts-ignore: decorator
@inline function better(sa: f64, ia: u32, sb: f64, ib: u32): bool {
  if (sa != sb) return sa > sb;
  const created = at(R_POST_CREATED);
  const ca = load<f64>(created + (<usize>ia << 3));
  const cb = load<f64>(created + (<usize>ib << 3));
  if (ca != cb) return ca > cb;
  return ia < ib;
}

/** Restores the min-heap (root = worst kept post) below position i. */
function siftDown(hi: usize, hs: usize, size: u32, i: u32): void {
  const ii = load<u32>(hi + (<usize>i << 2));
  const is = load<f64>(hs + (<usize>i << 3));
  while (true) {
    let c: u32 = 2 * i + 1;
    if (c >= size) break;
    let ci = load<u32>(hi + (<usize>c << 2));
    let cs = load<f64>(hs + (<usize>c << 3));
    if (c + 1 < size) {
      const di = load<u32>(hi + (<usize>(c + 1) << 2));
      const ds = load<f64>(hs + (<usize>(c + 1) << 3));
      if (better(cs, ci, ds, di)) {
        c++;
        ci = di;
        cs = ds;
      }
    }
    if (!better(is, ii, cs, ci)) break;
    store<u32>(hi + (<usize>i << 2), ci);
    store<f64>(hs + (<usize>i << 3), cs);
    i = c;
  }
  store<u32>(hi + (<usize>i << 2), ii);
  store<f64>(hs + (<usize>i << 3), is);
}

function siftUp(hi: usize, hs: usize, i: u32): void {
  const ii = load<u32>(hi + (<usize>i << 2));
  const is = load<f64>(hs + (<usize>i << 3));
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pi = load<u32>(hi + (<usize>parent << 2));
    const ps = load<f64>(hs + (<usize>parent << 3));
    if (!better(ps, pi, is, ii)) break;
    store<u32>(hi + (<usize>i << 2), pi);
    store<f64>(hs + (<usize>i << 3), ps);
    i = parent;
  }
  store<u32>(hi + (<usize>i << 2), ii);
  store<f64>(hs + (<usize>i << 3), is);
}

/**
 * Writes the best k posts with a positive current into outIdx (u32[k]) and outCurrent (f64[k]), best
 * first, skipping posts by the viewer (caller id viewerExt). Returns how many were written.
 */
export function rankTopK(slot: u32, viewerExt: u32, allow: u32, k: u32, now: f64, outIdx: usize, outCurrent: usize): u32 {
  if (k == 0) return 0;
  const p = slotAt(R_P, slot);
  const viewer = viewerExt < nodes ? load<u32>(at(R_PERM) + (<usize>viewerExt << 2)) : NONE;
  const authors = at(R_POST_AUTHOR);
  const n = postsUsed;
  const relScale = <f64>nodes / (1.0 - tauOf(slot));
  let size: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if (load<u32>(authors + (<usize>i << 2)) == viewer) continue;
    const s = rawCurrent(p, i, allow, relScale);
    if (!(s > 0.0)) continue;
    if (size < k) {
      store<u32>(outIdx + (<usize>size << 2), i);
      store<f64>(outCurrent + (<usize>size << 3), s);
      siftUp(outIdx, outCurrent, size);
      size++;
    } else if (better(s, i, load<f64>(outCurrent), load<u32>(outIdx))) {
      store<u32>(outIdx, i);
      store<f64>(outCurrent, s);
      siftDown(outIdx, outCurrent, size, 0);
    }
  }
  // Heap-sort in place: the worst goes to the back, so the array ends best first.
  for (let end = size; end > 1; end--) {
    const last = end - 1;
    const ti = load<u32>(outIdx);
    const ts = load<f64>(outCurrent);
    store<u32>(outIdx, load<u32>(outIdx + (<usize>last << 2)));
    store<f64>(outCurrent, load<f64>(outCurrent + (<usize>last << 3)));
    store<u32>(outIdx + (<usize>last << 2), ti);
    store<f64>(outCurrent + (<usize>last << 3), ts);
    siftDown(outIdx, outCurrent, last, 0);
  }
  const scale = (exp2((chargeEpoch - now) / chargeHalfLife) * <f64>nodes) / (1.0 - tauOf(slot));
  for (let j: u32 = 0; j < size; j++) {
    const cp = outCurrent + (<usize>j << 3);
    store<f64>(cp, load<f64>(cp) * scale);
  }
  return size;
}
