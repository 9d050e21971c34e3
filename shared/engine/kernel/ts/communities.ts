// Twin of wasm/assembly/communities.ts.
import { NONE } from "../flags"
import type { TsState } from "./state"

export function propagate(st: TsState, labels: Int32Array, labelSpace: number, maxIter: number): number {
  const n = st.nodes
  const acc = new Float64Array(labelSpace)
  const touched = new Uint32Array(n)
  const inv = st.inv
  let it = 0
  while (it < maxIter) {
    it++
    let changes = 0
    for (let u = 0; u < n; u++) {
      let count = 0
      const tally = (label: number, w: number): void => {
        const before = acc[label]!
        if (before === 0.0) touched[count++] = label
        acc[label] = before + w
      }
      const end = st.rowStart[u + 1]!
      for (let e = st.rowStart[u]!; e < end; e++) {
        const w = st.weight[e]!
        if (!(w > 0.0)) continue
        tally(labels[inv[st.col[e]!]!]!, w)
      }
      let d = st.deltaHead[u]!
      while (d !== NONE) {
        const w = st.deltaW[d]!
        if (w > 0.0) tally(labels[inv[st.deltaDst[d]!]!]!, w)
        d = st.deltaNext[d]!
      }
      if (count === 0) continue
      const lp = inv[u]!
      const current = labels[lp]!
      let best = current
      let bestW = acc[current]!
      for (let j = 0; j < count; j++) {
        const label = touched[j]!
        const w = acc[label]!
        if (w > bestW || (w === bestW && best !== current && label < best)) {
          best = label
          bestW = w
        }
        acc[label] = 0.0
      }
      if (best !== current) {
        labels[lp] = best
        changes++
      }
    }
    if (changes === 0) break
  }
  return it
}
