// Runs a distribution exactly once, whatever crashes in between (seed 003):
//   1. take the journal's lock (a second live run is refused);
//   2. no journal yet: read the relay, leave out rows whose key the issuer already used, check the
//      total against the issuer's confirmed balance, plan every transfer from the issuer's head,
//      and write the journal durably, all before publishing anything;
//   3. compare the relay with the plan: refuse if the issuer's chain moved under the plan (that
//      would fork the issuer); publish, in order, only the planned events the relay lacks: the same
//      signed events, never new ones;
//   4. read the relay again and report what applied.
import type { Relay } from "nostr-tools/relay"

import { KIND, formatAmp, distributionKey, parseAmp, type NostrEvent } from "../../../shared/ledger"
import { fetchAll, fetchByIds, publishTo, queryRelay } from "../../../shared/wallet/relay"
import { crashPoint } from "../crash-points"
import { UsageError } from "../io"
import type { SecretKey } from "../key-file"
import { readNetwork, type NetworkView } from "../network"
import { allocationsDigest, type AllocationRow } from "./csv"
import { JOURNAL_VERSION, readJournal, writeJournal, type DistributionJournal } from "./journal"
import { acquireLock } from "./lock"
import { planTransfers } from "./plan"

export interface DistributeOptions {
  relay: Relay
  genesis: NostrEvent
  issuer: SecretKey
  distributionId: string
  rows: readonly AllocationRow[]
  journalPath: string
  /** Write the plan and stop (nothing is published). */
  planOnly?: boolean
  now: () => number
  log: (line: string) => void
  env?: Record<string, string | undefined>
}

export interface DistributeReport {
  journal: string
  resumed: boolean
  planned: number
  skipped: number
  /** Planned events the relay already had before this run. */
  alreadyOnRelay: number
  published: number
  /** Planned transfers the relay's set applies (after this run). */
  applied: number
  complete: boolean
}

const seqOf = (e: NostrEvent): number => Number(e.tags.find((t) => t[0] === "seq")?.[1] ?? -1)
const keyOf = (e: NostrEvent): string | undefined => e.tags.find((t) => t[0] === "x")?.[1]
const TAG_BATCH = 200 // the relay's validator allows 256 values per #tag filter

export async function runDistribution(o: DistributeOptions): Promise<DistributeReport> {
  if (o.distributionId.length === 0 || o.distributionId.length > 200 || /[\r\n]/.test(o.distributionId)) {
    throw new UsageError("--id must be 1-200 characters on one line")
  }
  const env = o.env ?? {}
  const release = acquireLock(o.journalPath)
  try {
    let journal = readJournal(o.journalPath)
    const resumed = journal !== null
    if (journal) checkJournalMatches(journal, o)
    else {
      journal = await makePlan(o)
      if (journal.events.length === 0) {
        o.log(`nothing to plan: every allocation of "${o.distributionId}" is already on the relay`)
      }
      writeJournal(o.journalPath, journal)
      const first = journal.start.seq
      o.log(`plan written: ${o.journalPath} (${journal.events.length} transfers, issuer seq ${first}..${first + journal.events.length - 1}, ${journal.skipped.length} already paid)`)
      crashPoint(env, "after-journal")
    }
    if (resumed) o.log(`resuming the plan in ${o.journalPath} (${journal.events.length} transfers)`)
    if (o.planOnly) {
      return { journal: o.journalPath, resumed, planned: journal.events.length, skipped: journal.skipped.length, alreadyOnRelay: 0, published: 0, applied: 0, complete: false }
    }

    const onRelay = await plannedOnRelay(o.relay, journal)
    const missing = journal.events.filter((e) => !onRelay.has(e.id))
    o.log(`${journal.events.length - missing.length} of ${journal.events.length} planned transfers are on the relay; publishing ${missing.length}`)
    let published = 0
    for (const e of missing) {
      try {
        await publishTo(o.relay, e)
      } catch (err) {
        throw new Error(`the relay refused transfer ${e.id} (seq ${seqOf(e)}): ${(err as Error).message}; run again to resume`)
      }
      published++
      o.log(`published ${published}/${missing.length} seq ${seqOf(e)} ${e.id}`)
      crashPoint(env, `after-publish:${published}`)
    }

    const view = await readNetwork(o.relay, o.genesis)
    const notApplied = journal.events.filter((e) => view.ledger.status(e.id)?.status !== "applied")
    for (const e of notApplied.slice(0, 20)) {
      const s = view.ledger.status(e.id)
      o.log(`not applied: seq ${seqOf(e)} ${e.id}: ${s ? `${s.status} ${s.reason}: ${s.message}` : "not on the relay"}`)
    }
    const complete = notApplied.length === 0
    if (complete && journal.completedAt === null) writeJournal(o.journalPath, { ...journal, completedAt: o.now() })
    return {
      journal: o.journalPath,
      resumed,
      planned: journal.events.length,
      skipped: journal.skipped.length,
      alreadyOnRelay: journal.events.length - missing.length,
      published,
      applied: journal.events.length - notApplied.length,
      complete
    }
  } finally {
    release()
  }
}

/** Idempotency keys of the issuer's transfers on the relay (applied or held) -> the transfer. */
export function usedKeys(view: NetworkView, issuer: string): Map<string, NostrEvent> {
  const byKey = new Map<string, NostrEvent>()
  for (const e of view.events) {
    const k = keyOf(e)
    const s = view.ledger.status(e.id)
    if (e.kind === KIND.transfer && e.pubkey === issuer && k !== undefined && s && s.status !== "rejected") byKey.set(k, e)
  }
  return byKey
}

/** The allocations a journal was planned from (planned and skipped rows, in file order). */
export function journalAllocations(j: DistributionJournal): AllocationRow[] {
  return [...j.rows, ...j.skipped]
    .map((r) => ({ line: r.line, recipient: r.recipient, amount: parseAmp(r.amount) }))
    .sort((a, b) => a.line - b.line)
}

function checkJournalMatches(j: DistributionJournal, o: DistributeOptions): void {
  const differs: string[] = []
  if (j.distributionId !== o.distributionId) differs.push(`distribution id "${j.distributionId}"`)
  if (j.genesisId !== o.genesis.id) differs.push(`network ${j.genesisId.slice(0, 12)}…`)
  if (j.issuer !== o.issuer.pubkey) differs.push(`issuer ${j.issuer.slice(0, 12)}…`)
  if (j.allocations !== allocationsDigest(o.rows)) differs.push("allocations (the CSV changed)")
  if (differs.length > 0) {
    throw new UsageError(
      `the journal ${o.journalPath} was planned for another ${differs.join(", ")}. Finish that plan with its own inputs, ` +
        `or move the journal away to plan anew (already paid recipients are then left out by their keys).`
    )
  }
}

async function makePlan(o: DistributeOptions): Promise<DistributionJournal> {
  const view = await readNetwork(o.relay, o.genesis)
  const issuer = o.issuer.pubkey
  if (issuer !== view.ledger.genesis.pubkey) throw new UsageError(`the key is not this network's issuer (${view.ledger.genesis.pubkey.slice(0, 12)}…)`)
  const state = view.ledger.snapshot()
  const account = state.accounts.get(issuer)!
  if (account.frozen) throw new Error(`the issuer's account is frozen from seq ${account.frozen.atSeq} (a fork); it can never spend again`)

  // Allocations whose key the issuer already used (a run whose journal was lost): never again.
  const byKey = usedKeys(view, issuer)
  const skipped: DistributionJournal["skipped"] = []
  const todo: AllocationRow[] = []
  for (const r of o.rows) {
    const paid = byKey.get(distributionKey(o.distributionId, r.recipient))
    if (paid) skipped.push({ line: r.line, recipient: r.recipient, amount: formatAmp(r.amount), paidBy: paid.id })
    else todo.push(r)
  }
  for (const s of skipped) o.log(`line ${s.line}: already paid by ${s.paidBy}, left out`)

  const total = todo.reduce((sum, r) => sum + r.amount, 0n)
  const spendable = account.balance - account.pendingOut
  if (total > spendable) {
    throw new UsageError(`the allocations total ${formatAmp(total)} AMP, more than the issuer's confirmed balance of ${formatAmp(account.balance)} AMP` +
      (account.pendingOut > 0n ? ` (${formatAmp(account.pendingOut)} AMP of it pending out)` : ""))
  }
  // The head as the relay reports it. Chain events beyond it (a gap) mean some event of the
  // issuer is missing here: signing that seq anew could fork the account, so refuse.
  const { seq, prev } = view.ledger.nextChainRef(issuer)
  const beyond = view.events.filter((e) => e.pubkey === issuer && e.kind !== KIND.receipt && seqOf(e) >= seq)
  if (beyond.length > 0) {
    throw new Error(`the relay holds issuer events from seq ${Math.min(...beyond.map(seqOf))} but not seq ${seq}; publish the missing event before planning`)
  }
  const plannedAt = o.now()
  const { rows, events } = planTransfers({ sk: o.issuer.sk, genesisId: o.genesis.id, distributionId: o.distributionId, rows: todo, start: { seq, prev }, plannedAt })
  return {
    version: JOURNAL_VERSION,
    distributionId: o.distributionId,
    genesisId: o.genesis.id,
    issuer,
    allocations: allocationsDigest(o.rows),
    plannedAt,
    start: { seq, prev },
    skipped,
    rows,
    events,
    completedAt: null
  }
}

/**
 * Which planned events the relay already holds. Asks for the issuer's transfers with the plan's
 * keys (`#x`, as PROTOCOL §2.13 suggests) and for the issuer's chain over the plan's seqs; refuses
 * when the relay holds a *different* issuer event at a planned seq: publishing would fork.
 */
async function plannedOnRelay(relay: Relay, j: DistributionJournal): Promise<Set<string>> {
  const planned = new Set(j.events.map((e) => e.id))
  const found = new Set<string>()
  for (let i = 0; i < j.rows.length; i += TAG_BATCH) {
    const keys = j.rows.slice(i, i + TAG_BATCH).map((r) => r.key)
    for (const e of await queryRelay(relay, { kinds: [KIND.transfer], authors: [j.issuer], "#x": keys, limit: keys.length * 2 })) {
      if (planned.has(e.id)) found.add(e.id)
    }
  }
  // Cross-check by id, and look for any other event of the issuer at the planned seqs.
  for (const e of await fetchByIds(relay, [...planned].filter((id) => !found.has(id)))) if (planned.has(e.id)) found.add(e.id)
  if (j.events.length > 0) {
    const chain = await fetchAll(relay, { kinds: [KIND.transfer, KIND.stake, KIND.burn, KIND.settle], authors: [j.issuer] })
    const first = j.start.seq
    const last = first + j.events.length - 1
    for (const e of chain) {
      const s = seqOf(e)
      if (s < first || s > last || !e.tags.some((t) => t[0] === "net" && t[1] === j.genesisId)) continue
      if (!planned.has(e.id)) {
        throw new Error(
          `the issuer's chain on the relay moved since the plan was made: seq ${s} is ${e.id}, not the planned ${j.events[s - first]!.id}. ` +
            `Publishing the plan would fork (freeze) the issuer's account; nothing was published. Move the journal away and plan again.`
        )
      }
    }
  }
  return found
}
