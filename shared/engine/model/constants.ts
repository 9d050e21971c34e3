// Every constant of the attention model, with its unit. docs/MODEL.md gives each one's reason and
// the reference point it comes from; change both together.

/** 1 AMP = 10^8 base units (the Omni layer's 8 decimals). */
export const BASE_UNITS_PER_AMP = 100_000_000n

// --- Engagement ---------------------------------------------------------------------------------
/** Engagement units (EU) per kind; a like is the unit. */
export const ENGAGEMENT_WEIGHT = {
  view: 0.5,
  like: 1,
  share: 2,
  comment: 27
} as const
export type EngagementKind = keyof typeof ENGAGEMENT_WEIGHT
/** A follow is a standing edge of this many EU that does not decay while the follow lasts. */
export const FOLLOW_WEIGHT = 10
/** Engagement loses half its weight every 30 days. */
export const ENGAGEMENT_HALF_LIFE_S = 30 * 86400

// --- Reo ----------------------------------------------------------------------------------------
/** Probability that the Reo walk restarts at its seeds at each step (damping 0.85). */
export const REO_RESTART = 0.15
/** Sweeps of a full recompute at most, and its L1 stopping tolerance. */
export const REO_MAX_SWEEPS = 100
export const REO_TOLERANCE = 1e-10
/** Residual push threshold per unit of (out-degree + 1). */
export const PUSH_EPSILON = 1e-9
/**
 * Relative Reo (1 = average) an amplifier needs with a viewer for its AMPs to reach that viewer
 * (Hive's rule: no standing, no influence). A tenth of the average identity.
 */
export const AMPLIFIER_REO_FLOOR = 0.1
/** A full rebuild and recompute runs at least this often (the check on the incremental path). */
export const REBUILD_INTERVAL_S = 3600
/** The time base of stored weights and charges moves forward (a rebuild) at least this often. */
export const MAX_EPOCH_AGE_S = 7 * 86400
/** Reo of an identity is reported relative to the average identity (1 = average) times this for payouts. */
export const REO_MICRO = 1_000_000

// --- Communities --------------------------------------------------------------------------------
/** Label propagation sweeps at most. */
export const COMMUNITY_SWEEPS = 20
/** Reo slots for communities besides the viewer's own slot. */
export const COMMUNITY_SLOTS = 3
/**
 * Emergent communities are labelled again once engagements and follows since the last labelling
 * reach this share of the graph's edges (at least COMMUNITY_RELABEL_MIN of them). Labelling is a
 * full pass over the graph, so not on every like; but a person's first follows or a burst of
 * activity must show up without waiting for a rebuild.
 */
export const COMMUNITY_RELABEL_SHARE = 0.05
export const COMMUNITY_RELABEL_MIN = 32
/** Members seeding one community's Reo (the viewer's highest-Reo members of it). */
export const COMMUNITY_SEEDS = 1024

// --- Post capacitor ------------------------------------------------------------------------------
/** Capacity and initial charge of an organic post, in charge units (cu). */
export const BASE_CAPACITY = 1
/** Charge loses half its value every 24 hours. */
export const CHARGE_HALF_LIFE_S = 86400
/** Each connection a post crosses to reach a viewer keeps this fraction of its charge. */
export const HOP_RETENTION = 1 - REO_RESTART
/** Charge units restored per engagement unit on the post. */
export const RECHARGE_PER_EU = 0.02
/** Capacity (and refill) in cu per whole AMP staked. */
export const CAPACITY_PER_AMP = 1

// --- Stream -------------------------------------------------------------------------------------
/** Posts returned by rankStream unless the caller asks for another number. */
export const STREAM_LENGTH = 50
/** A viewer is "reached" when a post's current for them is at least that of a fresh organic post by an average-Reo identity. */
export const REACH_CURRENT = 1

// --- Attention and payouts ----------------------------------------------------------------------
/** Attention below this dwell time is not attention (Brave's default minimum visit). */
export const MIN_DWELL_S = 8
/** Dwell beyond this counts no more. */
export const MAX_DWELL_S = 120
/** Attention units of a dwell exactly at the minimum. */
export const ATTENTION_UNIT = 1000
/** Shares of a stake, in basis points; the viewers get the rest (the ledger's default split too). */
export const CREATOR_BPS = 1000
export const UPKEEP_BPS = 500
