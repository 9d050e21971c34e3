import type { KernelImpl } from "./kernel/types"
import type { AttentionRecord } from "./model/attention"
import type { EngagementKind } from "./model/constants"
import type { StakeSplit } from "./model/split-stake"

/**
 * The attention engine's API, declared once. The engine worker (extension/engine/) exposes it
 * through Comlink; Node tests and benchmarks call the same object directly. Every argument and
 * result is structured-clone friendly: plain objects, arrays, strings, numbers, bigint, Map.
 *
 * Conventions: identities are 64-character lowercase hex pubkeys; times are Unix seconds; AMP
 * amounts are bigint base units (1 AMP = 10^8). docs/MODEL.md defines every quantity.
 *
 * How the side panel uses it:
 * 1. On start: `setViewer(myPubkey, now)`, then `applyDeltas(history, now)` with the stored graph
 *    (in any order; batches of a few thousand keep the worker responsive), then `setStreamSettings`.
 * 2. As events arrive from relays: `applyDeltas([...], now)`; then `rankStream({ nowSec: now })`
 *    for the Stream. Each post carries `why` for the "why am I seeing this" popover.
 * 3. Before amplifying: `estimateReach({ amounts: [...] })` to show "about N people" per amount.
 * 4. Hourly (chrome.alarms): `recompute(now)`, the full rebuild that also checks the incremental path.
 * 5. Reo badges: `reo(pubkey)`; community pages: `communities()` and `communityReo(name, pubkey)`.
 */
export interface EngineApi {
  /** Which kernel is running: "wasm-simd", "wasm" or the "ts" fallback. */
  kernel(): KernelImpl
  /** Sets the current person; their Reo slot is recomputed (a full recompute). */
  setViewer(pubkey: string, nowSec: number): void
  /** Applies graph changes in order; invalid entries are reported, not thrown. */
  applyDeltas(deltas: GraphDelta[], nowSec: number): ApplyReport
  /** Replaces the person's dials and opt-out filters for amplified content. */
  setStreamSettings(settings: StreamSettings): void
  /** Reo of any identity from the current person's point of view. */
  reo(pubkey: string): ReoReading
  /**
   * How many identities the current person follows or has engaged with (0 without a viewer). 0
   * means no one has standing from their point of view yet, so nothing can be ranked for them.
   */
  viewerOutDegree(): number
  /** Reo of an identity within a community, from the current person's point of view. */
  communityReo(community: string, pubkey: string): ReoReading
  /** Named (topic) and emergent communities, largest first. */
  communities(): CommunityInfo[]
  /** The current person's Stream, best first, each post with its explanation. */
  rankStream(request: RankRequest): RankedPost[]
  /**
   * The foundation slice's ranking of caller-supplied link posts (age and staked AMPs only, no graph),
   * for links the engine has not been given as posts yet. Ties: newer first, then by id.
   */
  rankLinks(candidates: RankCandidate[], nowSec: number): LinkScore[]
  /** How many people an amplification of each amount would reach (an upper bound: see docs/MODEL.md). */
  estimateReach(request: ReachRequest): ReachEstimate
  /** Integer weights of exposed viewers for a stake split (Reo-weighted attention, micro-units). */
  stakeWeights(request: StakeRequest): { pubkey: string; weight: bigint }[]
  /** Splits a stake: originator, upkeep, Reo-weighted viewers, refund; conserves every base unit. */
  settleStake(request: StakeRequest & { stake: bigint }): StakeSplit
  /** The periodic full rebuild and recompute, and the check of the incremental path against it. */
  recompute(nowSec: number): RecomputeReport
}

/** Someone attended to someone: `to` is the author of what `from` engaged with. */
export interface EngagementDelta {
  type: "engagement"
  from: string
  to: string
  kind: EngagementKind
  at: number
  /** The post engaged with, if the engine knows it: the engagement also recharges it. */
  post?: string
}

export interface FollowDelta {
  type: "follow"
  from: string
  to: string
  at: number
  /** false for an unfollow. */
  on: boolean
}

export interface PostDelta {
  type: "post"
  id: string
  author: string
  createdAt: number
  /** Topic tags without "#", lowercase. */
  tags?: string[]
  /** Connections the post crossed to reach the current person (1 = straight from its author). */
  hops?: number
}

export interface AmplificationDelta {
  type: "amplification"
  post: string
  amplifier: string
  /** Base units staked. */
  amount: bigint
  at: number
}

export type GraphDelta = EngagementDelta | FollowDelta | PostDelta | AmplificationDelta

export interface ApplyReport {
  applied: number
  rejected: { index: number; reason: string }[]
  /** True when a capacity ran out and the engine rebuilt (a full recompute) during the batch. */
  rebuilt: boolean
}

export type AmplifiedSource = "friends" | "communities" | "topics" | "everyone"

export interface StreamSettings {
  /** Where amplified content may come from; [] means from no one. Organic posts are not filtered. */
  allowAmplifiedFrom: AmplifiedSource[]
  /** Communities (names from `communities()`) whose members' amplifications are allowed. */
  communities: string[]
  /** Topics whose amplified posts are allowed. */
  topics: string[]
  /** Identities whose amplifications (and posts) never reach the Stream. */
  blockedAdvertisers: string[]
  /** Per-source multipliers of current, 0..4 (1 = neutral, 0 = mute). */
  dials: Record<string, number>
}

export interface ReoReading {
  pubkey: string
  /** Reo relative to the average identity: 1 = average, 0 = none. */
  reo: number
  /** The raw share of the walk (sums to 1 over all identities). */
  share: number
  /** False when the engine has never seen this identity. */
  known: boolean
}

export interface CommunityInfo {
  name: string
  /** "topic": named by a tag; "emergent": found by label propagation and named after its dominant tag or founder. */
  kind: "topic" | "emergent"
  members: number
}

export interface RankRequest {
  nowSec: number
  /** How many posts (default STREAM_LENGTH = 50). */
  limit?: number
}

/** One source of a post's current for the viewer: its author or one of its amplifiers. */
export interface Carrier {
  pubkey: string
  role: "author" | "amplifier"
  /** The carrier's Reo for the viewer, relative to average. */
  reo: number
  /** The viewer's dial for it. */
  dial: number
  /** Its share of the post's capacity (0..1). */
  share: number
  /**
   * Which setting let it through: "organic" for the author, an AmplifiedSource for an amplifier; or
   * why it contributes 0: "blocked", "filtered" (not allowed by the settings), "no-standing"
   * (an amplifier below AMPLIFIER_REO_FLOOR with the viewer).
   */
  filter: "organic" | AmplifiedSource | "blocked" | "filtered" | "no-standing"
  /** Its part of the post's current. */
  current: number
}

export interface RankedPost {
  id: string
  /** Priority in the Stream: charge x hop factor x sum over carriers of share x Reo x dial. */
  current: number
  why: {
    charge: number
    capacity: number
    hops: number
    hopFactor: number
    /** The carrier contributing most. */
    broughtBy: string
    carriers: Carrier[]
    amplifications: { amplifier: string; amount: bigint; at: number }[]
    tags: string[]
  }
}

/** A link post as the foundation slice ranks it: identifiers and numbers only, never page content. */
export interface RankCandidate {
  id: string
  createdAt: number
  /** AMPs staked on the post, whole AMPs (ranking only). */
  amps: number
}

export interface LinkScore {
  id: string
  score: number
}

export interface ReachRequest {
  /** Who would amplify; defaults to the current person. */
  promoter?: string
  amounts: bigint[]
}

export interface ReachEstimate {
  promoter: string
  promoterReo: number
  identities: number
  reach: { amount: bigint; people: number }[]
}

export interface StakeRequest {
  /** The author of the amplified content (earns the originator share, earns no attention pay). */
  originator: string
  /** Who staked (earns no attention pay either). */
  promoter: string
  /** Weight viewers by Reo within this community instead of the current person's Reo. */
  community?: string
  viewers: AttentionRecord[]
}

export interface RecomputeReport {
  sweeps: number
  /** Largest |incremental - full| Reo before the rebuild, relative to the average identity. */
  drift: number
  /** L1 residual left after the rebuild's settle (bounds the estimate's error). */
  residual: number
  identities: number
  edges: number
}
