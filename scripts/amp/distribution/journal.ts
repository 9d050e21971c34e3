// The journal of a distribution: its whole plan (every signed transfer, in order), written durably
// BEFORE anything is published. A re-run resumes from it and republishes the very same signed
// events, so a crash at any point can neither skip an allocation nor sign a second one.
import { existsSync, readFileSync } from "node:fs"

import { NostrEventSchema, type NostrEvent } from "../../../shared/ledger"
import { writeFileDurably } from "../files"

export const JOURNAL_VERSION = 1

export interface DistributionJournal {
  version: typeof JOURNAL_VERSION
  distributionId: string
  genesisId: string
  issuer: string
  /** allocationsDigest of the CSV rows the plan was made from. */
  allocations: string
  /** When the plan was made (unix seconds); every event's created_at derives from it. */
  plannedAt: number
  /** The issuer's chain head the plan starts from. */
  start: { seq: number; prev: string }
  /** Allocations left out because the relay already had a transfer with their key. */
  skipped: { line: number; recipient: string; amount: string; paidBy: string }[]
  /** The planned allocations, in publishing order, and their signed transfers. */
  rows: { line: number; recipient: string; amount: string; key: string }[]
  events: NostrEvent[]
  /** Set once every planned transfer was seen applied on the relay. */
  completedAt: number | null
}

export function readJournal(path: string): DistributionJournal | null {
  if (!existsSync(path)) return null
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, "utf8"))
  } catch (err) {
    throw new Error(`the journal ${path} is not valid JSON (${(err as Error).message}); it is written atomically, so this is not a crash: inspect it by hand`)
  }
  const j = data as DistributionJournal
  if (j?.version !== JOURNAL_VERSION || !Array.isArray(j.events) || !Array.isArray(j.rows) || j.events.length !== j.rows.length) {
    throw new Error(`the journal ${path} is not a version ${JOURNAL_VERSION} distribution journal`)
  }
  for (const e of j.events) {
    if (!NostrEventSchema.safeParse(e).success) throw new Error(`the journal ${path} holds a damaged event`)
  }
  return j
}

export function writeJournal(path: string, journal: DistributionJournal): void {
  writeFileDurably(path, `${JSON.stringify(journal, null, 1)}\n`)
}
