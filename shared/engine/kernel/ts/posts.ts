// Twin of wasm/assembly/posts.ts.
import { NONE } from "../flags"
import { exp2 } from "./exp2"
import type { TsState } from "./state"

function growth(st: TsState, t: number): number {
  return exp2((t - st.chargeEpoch) / st.chargeHalfLife)
}

export function addPost(st: TsState, authorExt: number, createdAt: number, capacity: number, hop: number, flags: number): number {
  if (st.postsUsed >= st.cap.posts || authorExt >= st.nodes) return NONE
  const i = st.postsUsed++
  st.postAuthor[i] = st.perm[authorExt]!
  st.postCreated[i] = createdAt
  st.postQStar[i] = capacity * growth(st, createdAt)
  st.postCap[i] = capacity
  st.postOrgCap[i] = capacity
  st.postHop[i] = hop
  st.postFlags[i] = flags
  st.postAmpHead[i] = NONE
  return i
}

export function recharge(st: TsState, i: number, t: number, dq: number): void {
  if (i >= st.postsUsed) return
  const g = growth(st, t)
  const full = st.postCap[i]! * g
  const q = st.postQStar[i]! + dq * g
  st.postQStar[i] = q < full ? q : full
}

export function amplify(st: TsState, i: number, amplifierExt: number, t: number, dCap: number): boolean {
  if (i >= st.postsUsed || st.ampsUsed >= st.cap.amplifications || amplifierExt >= st.nodes || !(dCap > 0.0)) return false
  const a = st.ampsUsed++
  const cap = st.postCap[i]! + dCap
  st.postCap[i] = cap
  st.postQStar[i] = cap * growth(st, t)
  st.ampNode[a] = st.perm[amplifierExt]!
  st.ampCap[a] = dCap
  st.ampNext[a] = st.postAmpHead[i]!
  st.postAmpHead[i] = a
  return true
}

export function chargeAt(st: TsState, i: number, t: number): number {
  if (i >= st.postsUsed) return 0.0
  return st.postQStar[i]! * exp2((st.chargeEpoch - t) / st.chargeHalfLife)
}
