import { formatAmp } from "../../shared/ledger/amount"
import { KIND, type Ledger, type NostrEvent } from "../../shared/ledger"
import type { DemoAmplification, DemoCommunity, DemoIdentity } from "../../shared/demo"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { fetchByIds } from "../../shared/wallet/relay"
import { readNetwork, withRelay } from "../amp/network"
import type { RelayPublisher } from "./publisher"

/**
 * The demo's amplifications on the AMP ledger. The ledger's demo seeding (scripts/amp/demo.ts,
 * `seedDemoLedger`, wallet side) creates the demo network once and funds the demo's accounts
 * exactly once; adapted to this shape it is passed as `ledger` to startDemo:
 *
 *   ledger: async (a) => ({ genesis: (await seedDemoLedger(a)).genesis })
 *
 * Contract: resolves with the demo network's genesis (or only its id, then it is read from the
 * relay) once every account of `funds` holds at least that many base units.
 */
export type DemoLedgerSeeder = (args: { relayUrl: string; identities: DemoIdentity[]; funds: Map<string, bigint> }) => Promise<{ genesis?: NostrEvent; genesisId?: string }>

/** What identifies a planned stake whatever its chain position: the post, amount and times. */
function planKey(a: DemoAmplification): string {
  return `${a.post.id}|${formatAmp(a.amount)}|${a.createdAt}|${a.close}`
}

function eventKey(e: { tags: string[][]; created_at: number }): string {
  const tag = (name: string) => e.tags.find((t) => t[0] === name)?.[1] ?? ""
  return `${tag("e")}|${tag("amount")}|${e.created_at}|${tag("close")}`
}

export interface StakePlan {
  stakes: SignedEvent[]
  /** Planned stakes left out because their staker's confirmed balance does not cover them. */
  unaffordable: number
}

/**
 * The stakes still to publish, given the network as the relay holds it: the planned ones that no
 * stake of their staker matches yet (by post, amount and times), each on its staker's chain from
 * where it stands (`Ledger.nextChainRef`, held events included), as far as the staker's confirmed
 * balance covers them (the demo funding pays each account once; a stake it cannot cover would
 * only sit there `held`). Never a second event for a sequence number (that would fork and freeze
 * the account), and nothing when everything is there, so every restart may call it. On funded
 * fresh chains the result is `community.stakeEvents(genesisId)`.
 */
export function planStakes(community: DemoCommunity, genesisId: string, ledger: Ledger, events: readonly NostrEvent[]): StakePlan {
  const held = new Set(events.filter((e) => e.kind === KIND.stake).map((e) => `${e.pubkey}|${eventKey(e)}`))
  const budget = new Map<string, bigint>()
  const take = new Set<DemoAmplification>()
  let unaffordable = 0
  for (const a of community.amplifications) {
    if (held.has(`${a.pubkey}|${planKey(a)}`)) continue
    const left = budget.get(a.pubkey) ?? ledger.balanceOf(a.pubkey)
    if (a.amount > left) {
      unaffordable++
      continue
    }
    budget.set(a.pubkey, left - a.amount)
    take.add(a)
  }
  if (take.size === 0) return { stakes: [], unaffordable }
  const heads = new Map([...new Set([...take].map((a) => a.pubkey))].map((pk) => [pk, ledger.nextChainRef(pk)]))
  return { stakes: community.stakeEvents(genesisId, { heads, include: (a) => take.has(a) }), unaffordable }
}

/** Publishes the planned stakes when a ledger seeder is given, and says what happened either way. */
export async function amplificationStatus(community: DemoCommunity, publisher: RelayPublisher, seeder?: DemoLedgerSeeder): Promise<string> {
  const planned = community.amplifications
  const total = planned.reduce((sum, a) => sum + a.amount, 0n)
  if (!seeder) {
    return `Demo: ${planned.length} amplifications (${formatAmp(total)} AMP of stakes, the sybils' included) are planned but not published: no AMP ledger was seeded for this run`
  }
  const seeded = await seeder({ relayUrl: publisher.url, identities: community.identities, funds: community.fundsNeeded() })
  const { genesis, stakes, unaffordable } = await withRelay(publisher.url, async (relay) => {
    const genesis = seeded.genesis ?? (seeded.genesisId ? ((await fetchByIds(relay, [seeded.genesisId]))[0] as NostrEvent | undefined) : undefined)
    if (!genesis) throw new Error(`the relay has no genesis ${seeded.genesisId ?? ""}`)
    const network = await readNetwork(relay, genesis)
    return { genesis, ...planStakes(community, genesis.id, network.ledger, network.events) }
  })
  const before = publisher.tally.refused
  await publisher.publishAll(stakes)
  const refused = publisher.tally.refused - before
  const network = `the demo AMP network ${genesis.id.slice(0, 12)}…`
  const short = unaffordable ? `; ${unaffordable} left out: their stakers' demo AMP are spent` : ""
  if (stakes.length === 0) return `Demo: the ${planned.length - unaffordable} amplifications of the history are staked on ${network}${short}`
  return `Demo: ${stakes.length - refused} amplifications staked now (${planned.length} planned, ${formatAmp(total)} AMP) on ${network}${refused ? `; ${refused} refused: ${publisher.tally.reasons.join("; ")}` : ""}${short}`
}
