import type { Carrier, RankedPost } from "../engine-api"
import { NODE_BLOCKED, POST_TOPIC_MATCH } from "../kernel/flags"
import { AMPLIFIER_REO_FLOOR, BASE_CAPACITY } from "../model/constants"
import type { EngineCore } from "./core"
import { matchingSource } from "./view"

/**
 * "Why am I seeing this": the kernel ranks; this rebuilds each ranked post's current from its
 * parts (charge, hop factor, each carrier's share, Reo and dial, and the setting that let it in).
 * The parts multiply to the kernel's figure up to rounding; the kernel's figure is the one shown.
 */
export function explain(core: EngineCore, index: number, current: number, now: number): RankedPost {
  const k = core.kernel
  const p = core.posts.at(index)
  const n = k.nodeCount()
  const charge = k.postCharge(index, now)
  const capacity = p.amps.reduce((c, a) => c + a.dCap, BASE_CAPACITY)
  const topicMatch = (core.flagsOf(p.tags) & POST_TOPIC_MATCH) !== 0
  const line = (id: number, role: Carrier["role"], share: number): Carrier => {
    const view = core.viewOf(id)
    const reo = k.reoOf(0, id) * n
    const filter: Carrier["filter"] =
      role === "author"
        ? (view.flags & NODE_BLOCKED) !== 0
          ? "blocked"
          : "organic"
        : reo < AMPLIFIER_REO_FLOOR
          ? "no-standing"
          : matchingSource(view.flags, core.allow, topicMatch)
    const counts = filter === "organic" || filter === "friends" || filter === "communities" || filter === "topics" || filter === "everyone"
    return { pubkey: core.ids.pubkeyOf(id), role, reo, dial: view.dial, share, filter, current: counts ? charge * p.hopFactor * share * reo * view.dial : 0 }
  }
  const carriers: Carrier[] = [line(p.author, "author", BASE_CAPACITY / capacity)]
  const byAmplifier = new Map<number, number>()
  for (const a of p.amps) byAmplifier.set(a.amplifier, (byAmplifier.get(a.amplifier) ?? 0) + a.dCap)
  for (const [id, dCap] of byAmplifier) carriers.push(line(id, "amplifier", dCap / capacity))
  const top = carriers.reduce((best, c) => (c.current > best.current ? c : best), carriers[0]!)
  return {
    id: p.id,
    current,
    why: {
      charge,
      capacity,
      hops: p.hops,
      hopFactor: p.hopFactor,
      broughtBy: top.pubkey,
      carriers,
      amplifications: p.amps.map((a) => ({ amplifier: core.ids.pubkeyOf(a.amplifier), amount: a.amount, at: a.at })),
      tags: [...p.tags]
    }
  }
}
