// Twin of wasm/assembly/rank.ts.
import {
  ALLOW_COMMUNITIES, ALLOW_EVERYONE, ALLOW_FRIENDS, ALLOW_TOPICS, NODE_BLOCKED, NODE_FRIEND,
  NODE_IN_CHOSEN_COMMUNITY, NONE, POST_TOPIC_MATCH
} from "../flags"
import type { RankResult } from "../types"
import { exp2 } from "./exp2"
import type { TsState } from "./state"

function ampAllowed(flags: number, allow: number, postFlags: number): boolean {
  if ((flags & NODE_BLOCKED) !== 0) return false
  if ((allow & ALLOW_EVERYONE) !== 0) return true
  if ((allow & ALLOW_FRIENDS) !== 0 && (flags & NODE_FRIEND) !== 0) return true
  if ((allow & ALLOW_COMMUNITIES) !== 0 && (flags & NODE_IN_CHOSEN_COMMUNITY) !== 0) return true
  return (allow & ALLOW_TOPICS) !== 0 && (postFlags & POST_TOPIC_MATCH) !== 0
}

export function rawCurrent(st: TsState, p: Float64Array, i: number, allow: number, relScale: number): number {
  const author = st.postAuthor[i]!
  const dial = st.dial
  const nodeFlags = st.nodeFlags
  let sum = 0.0
  if ((nodeFlags[author]! & NODE_BLOCKED) === 0) sum = st.postOrgCap[i]! * p[author]! * dial[author]!
  let a = st.postAmpHead[i]!
  if (a !== NONE) {
    const postFlags = st.postFlags[i]!
    while (a !== NONE) {
      const b = st.ampNode[a]!
      const pb = p[b]!
      if (pb * relScale >= st.amplifierFloor && ampAllowed(nodeFlags[b]!, allow, postFlags)) sum += st.ampCap[a]! * pb * dial[b]!
      a = st.ampNext[a]!
    }
  }
  if (sum === 0.0) return 0.0
  return (st.postQStar[i]! * st.postHop[i]! * sum) / st.postCap[i]!
}

function better(created: Float64Array, sa: number, ia: number, sb: number, ib: number): boolean {
  if (sa !== sb) return sa > sb
  const ca = created[ia]!
  const cb = created[ib]!
  if (ca !== cb) return ca > cb
  return ia < ib
}

function siftDown(created: Float64Array, hi: Uint32Array, hs: Float64Array, size: number, i: number): void {
  const ii = hi[i]!
  const is = hs[i]!
  for (;;) {
    let c = 2 * i + 1
    if (c >= size) break
    let ci = hi[c]!
    let cs = hs[c]!
    if (c + 1 < size) {
      const di = hi[c + 1]!
      const ds = hs[c + 1]!
      if (better(created, cs, ci, ds, di)) {
        c++
        ci = di
        cs = ds
      }
    }
    if (!better(created, is, ii, cs, ci)) break
    hi[i] = ci
    hs[i] = cs
    i = c
  }
  hi[i] = ii
  hs[i] = is
}

function siftUp(created: Float64Array, hi: Uint32Array, hs: Float64Array, i: number): void {
  const ii = hi[i]!
  const is = hs[i]!
  while (i > 0) {
    const parent = (i - 1) >> 1
    const pi = hi[parent]!
    const ps = hs[parent]!
    if (!better(created, ps, pi, is, ii)) break
    hi[i] = pi
    hs[i] = ps
    i = parent
  }
  hi[i] = ii
  hs[i] = is
}

export function rankTopK(st: TsState, slotIndex: number, viewerExt: number, allow: number, k: number, now: number): RankResult {
  const outIdx = new Uint32Array(k)
  const outCurrent = new Float64Array(k)
  if (k === 0) return { index: outIdx, current: outCurrent }
  const slot = st.slots[slotIndex]!
  const p = slot.p
  const viewer = viewerExt < st.nodes ? st.perm[viewerExt]! : NONE
  const authors = st.postAuthor
  const created = st.postCreated
  const n = st.postsUsed
  const relScale = st.nodes / (1.0 - slot.tau)
  let size = 0
  for (let i = 0; i < n; i++) {
    if (authors[i] === viewer) continue
    const s = rawCurrent(st, p, i, allow, relScale)
    if (!(s > 0.0)) continue
    if (size < k) {
      outIdx[size] = i
      outCurrent[size] = s
      siftUp(created, outIdx, outCurrent, size)
      size++
    } else if (better(created, s, i, outCurrent[0]!, outIdx[0]!)) {
      outIdx[0] = i
      outCurrent[0] = s
      siftDown(created, outIdx, outCurrent, size, 0)
    }
  }
  for (let end = size; end > 1; end--) {
    const last = end - 1
    const ti = outIdx[0]!
    const ts = outCurrent[0]!
    outIdx[0] = outIdx[last]!
    outCurrent[0] = outCurrent[last]!
    outIdx[last] = ti
    outCurrent[last] = ts
    siftDown(created, outIdx, outCurrent, last, 0)
  }
  const scale = (exp2((st.chargeEpoch - now) / st.chargeHalfLife) * st.nodes) / (1.0 - slot.tau)
  for (let j = 0; j < size; j++) outCurrent[j] = outCurrent[j]! * scale
  return { index: outIdx.slice(0, size), current: outCurrent.slice(0, size) }
}
