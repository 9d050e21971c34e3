// What the engine's reach estimate means for the person, in words (docs/MODEL.md §6). Paid reach
// needs standing: a viewer is reached only when their Reo of the promoter clears the floor, so a
// newcomer nobody follows or engages reaches no one at any amount. That is the model working, but
// the dialog must say it rather than let someone stake for nothing.

export type ReachAdvice =
  /** 0 AMP: no paid reach by definition; the post still shows for followers. */
  | { kind: "free" }
  | { kind: "estimating" }
  | { kind: "reaches"; people: number }
  /** No amount asked about reaches anyone (the largest is past the floor): nobody here gives the promoter standing. */
  | { kind: "no-standing" }
  /** This amount reaches no one, but a larger one would. */
  | { kind: "too-small" }

export function reachAdvice(reach: readonly { amount: bigint; people: number }[] | undefined, units: bigint): ReachAdvice {
  if (units === 0n) return { kind: "free" }
  const mine = reach?.find((r) => r.amount === units)
  if (!reach || !mine) return { kind: "estimating" }
  if (mine.people > 0) return { kind: "reaches", people: mine.people }
  return reach.some((r) => r.people > 0) ? { kind: "too-small" } : { kind: "no-standing" }
}

export const NO_STANDING_TEXT =
  "No paid reach yet: no one here follows or engages with you, so AMPs cannot carry this post to anyone. It still appears for people who follow you."
export const TOO_SMALL_TEXT = "This amount reaches no one yet: people here give you too little standing for it. A larger amount would reach some."

/** The explanation shown under the picker, or undefined when the estimate speaks for itself. */
export function reachExplanation(advice: ReachAdvice): string | undefined {
  if (advice.kind === "no-standing") return NO_STANDING_TEXT
  if (advice.kind === "too-small") return TOO_SMALL_TEXT
  return undefined
}

/** True when staking would buy no estimated reach: the confirm step then asks for an explicit "Stake anyway". */
export function buysNoReach(advice: ReachAdvice): boolean {
  return advice.kind === "no-standing" || advice.kind === "too-small"
}
