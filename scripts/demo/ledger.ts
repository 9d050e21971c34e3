import { formatAmp } from "../../shared/ledger/amount"
import type { DemoCommunity, DemoIdentity } from "../../shared/demo"
import type { RelayPublisher } from "./publisher"

/**
 * Integration point with the AMP ledger's demo seeding (wallet/CLI side, not in this repository
 * yet): `seedDemoLedger({ relayUrl, identities })` creates a demo genesis and funds the demo's
 * accounts exactly once. Pass it (adapted to this shape) as `ledger` to startDemo, and the
 * community's planned amplifications become real stakes (kind 3332, docs/PROTOCOL.md §2.6) on
 * that network:
 *
 *   startDemo({ relayUrl, dataDir, ledger: async (a) => ({ genesisId: (await seedDemoLedger(a)).genesis.id }) })
 *
 * Contract:
 * - resolves with the demo network's genesis id once every identity of `funds` holds at least
 *   that many base units (the sybils need 1,000 AMP each for their stakes; honest stakers less);
 * - it never spends from the demo identities: the stakes open each staker's chain at seq 1 with
 *   prev = the genesis (`DemoCommunity.stakeEvents`), so anything else on those chains would fork.
 * Re-running is harmless: the stakes are the same events with the same ids.
 */
export type DemoLedgerSeeder = (args: { relayUrl: string; identities: DemoIdentity[]; funds: Map<string, bigint> }) => Promise<{ genesisId: string }>

/** Publishes the planned stakes when a ledger seeder is given, and says what happened either way. */
export async function amplificationStatus(community: DemoCommunity, publisher: RelayPublisher, seeder?: DemoLedgerSeeder): Promise<string> {
  const planned = community.amplifications
  const total = planned.reduce((sum, a) => sum + a.amount, 0n)
  if (!seeder) {
    return (
      `Demo: ${planned.length} amplifications (${formatAmp(total)} AMP of stakes, the sybils' included) are planned but not published: ` +
      `they need the ledger's demo seeding (seedDemoLedger), which is not wired yet (scripts/demo/ledger.ts)`
    )
  }
  const { genesisId } = await seeder({ relayUrl: publisher.url, identities: community.identities, funds: community.fundsNeeded() })
  const stakes = community.stakeEvents(genesisId)
  const before = publisher.tally.refused
  await publisher.publishAll(stakes)
  const refused = publisher.tally.refused - before
  return `Demo: ${stakes.length - refused} amplifications staked (${formatAmp(total)} AMP) on the demo network ${genesisId.slice(0, 12)}…${refused ? `, ${refused} refused` : ""}`
}
