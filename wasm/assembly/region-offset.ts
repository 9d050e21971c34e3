import { REGION_COUNT, R_P, R_SEED_MASS, at, slotAt, slotCount } from "./layout";

/**
 * Called by the host once per region it writes after a `reserve` (the CSR per rebuild, seeds per
 * community refresh): the byte offset of `region`, of `slot` for the per-slot regions.
 */
export function regionOffset(region: i32, slot: u32): usize {
  if (region < 0 || region >= REGION_COUNT) return 0;
  if (region >= R_P && region <= R_SEED_MASS) return slot < slotCount ? slotAt(region, slot) : 0;
  return at(region);
}
