// The per-slot work list of the residual push: a ring buffer of node ids with a membership byte,
// so a node is queued at most once and the ring never needs more than one entry per node.
import { R_IN_QUEUE, R_QUEUE, R_ROW_START, at, nodeCap, slotAt } from "./layout";
import { pushEps, qHead, qLen, setQHead, setQLen } from "./state";

/** The push threshold of a node: PUSH_EPSILON per unit of (CSR degree + 1). */
// @ts-ignore: decorator
@inline export function threshold(v: u32): f64 {
  const rs = at(R_ROW_START) + (<usize>v << 2);
  return pushEps * <f64>(load<u32>(rs + 4) - load<u32>(rs) + 1);
}

/** Queues v in `slot` if its residual |rv| is over the threshold and it is not queued yet. */
// @ts-ignore: decorator
@inline export function offer(slot: u32, v: u32, rv: f64): void {
  const flag = slotAt(R_IN_QUEUE, slot) + <usize>v;
  if (load<u8>(flag) != 0) return;
  if (Math.abs(rv) <= threshold(v)) return;
  store<u8>(flag, 1);
  const len = qLen(slot);
  let tail = qHead(slot) + len;
  if (tail >= nodeCap) tail -= nodeCap;
  store<u32>(slotAt(R_QUEUE, slot) + (<usize>tail << 2), v);
  setQLen(slot, len + 1);
}

/** Removes and returns the oldest queued node; the caller checks qLen first. */
// @ts-ignore: decorator
@inline export function take(slot: u32): u32 {
  const head = qHead(slot);
  const v = load<u32>(slotAt(R_QUEUE, slot) + (<usize>head << 2));
  store<u8>(slotAt(R_IN_QUEUE, slot) + <usize>v, 0);
  setQHead(slot, head + 1 == nodeCap ? 0 : head + 1);
  setQLen(slot, qLen(slot) - 1);
  return v;
}

export function clearQueue(slot: u32): void {
  memory.fill(slotAt(R_IN_QUEUE, slot), 0, <usize>nodeCap);
  setQHead(slot, 0);
  setQLen(slot, 0);
}
