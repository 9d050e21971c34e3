// The TypeScript twin's resident state: the same regions as wasm/assembly/layout.ts, one typed
// array each. Every function in this folder mirrors the AssemblyScript file of the same name.
import type { KernelCapacity } from "../types"

export interface Slot {
  p: Float64Array
  r: Float64Array
  queue: Uint32Array
  inQueue: Uint8Array
  seedNode: Uint32Array
  seedMass: Float64Array
  seeds: number
  tau: number
  qHead: number
  qLen: number
}

export interface TsState {
  cap: KernelCapacity
  nodes: number
  builtEdges: number
  deltaUsed: number
  postsUsed: number
  ampsUsed: number
  alpha: number
  chargeHalfLife: number
  chargeEpoch: number
  pushEps: number
  amplifierFloor: number
  rowStart: Uint32Array
  col: Uint32Array
  weight: Float32Array
  outW: Float64Array
  deltaHead: Uint32Array
  deltaDst: Uint32Array
  deltaW: Float32Array
  deltaNext: Uint32Array
  perm: Uint32Array
  inv: Uint32Array
  dial: Float32Array
  nodeFlags: Uint8Array
  slots: Slot[]
  postAuthor: Uint32Array
  postCreated: Float64Array
  postQStar: Float64Array
  postCap: Float64Array
  postOrgCap: Float64Array
  postHop: Float64Array
  postFlags: Uint32Array
  postAmpHead: Uint32Array
  ampNode: Uint32Array
  ampCap: Float64Array
  ampNext: Uint32Array
}

export function newState(cap: KernelCapacity, prev?: TsState): TsState {
  const n = cap.nodes
  const slots: Slot[] = []
  for (let s = 0; s < cap.slots; s++) {
    slots.push({
      p: new Float64Array(n),
      r: new Float64Array(n),
      queue: new Uint32Array(n),
      inQueue: new Uint8Array(n),
      seedNode: new Uint32Array(cap.seedsPerSlot),
      seedMass: new Float64Array(cap.seedsPerSlot),
      seeds: 0,
      tau: 0,
      qHead: 0,
      qLen: 0
    })
  }
  return {
    cap,
    nodes: 0,
    builtEdges: 0,
    deltaUsed: 0,
    postsUsed: 0,
    ampsUsed: 0,
    alpha: prev?.alpha ?? 0.15,
    chargeHalfLife: prev?.chargeHalfLife ?? 86400,
    chargeEpoch: prev?.chargeEpoch ?? 0,
    pushEps: prev?.pushEps ?? 1e-9,
    amplifierFloor: prev?.amplifierFloor ?? 0.1,
    rowStart: new Uint32Array(n + 1),
    col: new Uint32Array(cap.edges),
    weight: new Float32Array(cap.edges),
    outW: new Float64Array(n),
    deltaHead: new Uint32Array(n),
    deltaDst: new Uint32Array(cap.deltaEdges),
    deltaW: new Float32Array(cap.deltaEdges),
    deltaNext: new Uint32Array(cap.deltaEdges),
    perm: new Uint32Array(n),
    inv: new Uint32Array(n),
    dial: new Float32Array(n),
    nodeFlags: new Uint8Array(n),
    slots,
    postAuthor: new Uint32Array(cap.posts),
    postCreated: new Float64Array(cap.posts),
    postQStar: new Float64Array(cap.posts),
    postCap: new Float64Array(cap.posts),
    postOrgCap: new Float64Array(cap.posts),
    postHop: new Float64Array(cap.posts),
    postFlags: new Uint32Array(cap.posts),
    postAmpHead: new Uint32Array(cap.posts),
    ampNode: new Uint32Array(cap.amplifications),
    ampCap: new Float64Array(cap.amplifications),
    ampNext: new Uint32Array(cap.amplifications)
  }
}

/** Bytes held by the state's typed arrays (the twin's "arena"). */
export function stateBytes(s: TsState): number {
  let bytes = 0
  for (const v of Object.values(s)) if (ArrayBuffer.isView(v)) bytes += v.byteLength
  for (const slot of s.slots) for (const v of Object.values(slot)) if (ArrayBuffer.isView(v)) bytes += v.byteLength
  return bytes
}
