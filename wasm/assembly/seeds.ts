// The teleport distribution of a Reo slot: where the walk restarts. Slot 0 restarts at the viewer;
// a community slot restarts at the community's members weighted by the viewer's Reo of them.
import { R_PERM, R_SEED_MASS, R_SEED_NODE, at, seedCap, slotAt } from "./layout";
import { nodes, setSeedCount } from "./state";

/**
 * After the host wrote `count` caller ids and masses into the slot's SEED regions: maps the ids to
 * internal ids and scales the masses to sum to 1. Returns false (and leaves the slot empty) when
 * the count is over capacity, an id is unknown, or no mass is positive.
 */
export function seedsWritten(slot: u32, count: u32): bool {
  setSeedCount(slot, 0);
  if (count > seedCap) return false;
  const sn = slotAt(R_SEED_NODE, slot);
  const sm = slotAt(R_SEED_MASS, slot);
  let total: f64 = 0.0;
  for (let i: u32 = 0; i < count; i++) {
    const ext = load<u32>(sn + (<usize>i << 2));
    const mass = load<f64>(sm + (<usize>i << 3));
    if (ext >= nodes || !(mass >= 0.0)) return false;
    store<u32>(sn + (<usize>i << 2), load<u32>(at(R_PERM) + (<usize>ext << 2)));
    total += mass;
  }
  if (!(total > 0.0)) return false;
  for (let i: u32 = 0; i < count; i++) {
    const mp = sm + (<usize>i << 3);
    store<f64>(mp, load<f64>(mp) / total);
  }
  setSeedCount(slot, count);
  return true;
}
