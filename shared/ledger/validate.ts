// Stateless validation: everything that can be decided from one event and the pinned genesis.
// An event that fails here never enters the ledger's set, so it changes nothing.
import { verifyEvent } from "nostr-tools/pure"
import {
  KIND,
  LIMITS,
  NostrEventSchema,
  parseLedgerEvent,
  type GenesisEvent,
  type LedgerEvent,
  type NostrEvent
} from "./events"
import { LedgerConfigError, type DropReason } from "./reasons"

export type VerifyFn = (e: NostrEvent) => boolean

/**
 * nostr-tools' verifyEvent: checks that the id is the event hash and the Schnorr signature. It is
 * given a fresh copy, because verifyEvent trusts a "verified" mark that finalizeEvent leaves on
 * the objects it returns (a copy of such an object with edited content would otherwise pass).
 */
export const defaultVerify: VerifyFn = (e) =>
  verifyEvent({ id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig })

export interface ValidationContext {
  genesis: GenesisEvent
  verify: VerifyFn
}

export type Validation =
  | { ok: true; event: LedgerEvent; raw: NostrEvent }
  | { ok: false; id: string | null; reason: DropReason; message: string }

const encoder = new TextEncoder()

/** Cheap bound on the UTF-8 size of the event's JSON (≤ 6 bytes per UTF-16 unit, e.g. "\u0000"). */
function upperBoundBytes(e: NostrEvent): number {
  let units = e.content.length
  let items = 0
  for (const t of e.tags) {
    items += t.length
    for (const x of t) units += x.length
  }
  return 6 * units + 4 * items + 512
}

function fail(id: string | null, reason: DropReason, message: string): Validation {
  return { ok: false, id, reason, message }
}

function firstIssue(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = err.issues[0]
  if (!issue) return "not a Nostr event"
  const path = issue.path.map(String).join(".")
  return path ? `${path}: ${issue.message}` : issue.message
}

/** Shape, size and kind checks shared by events and the genesis. */
function checkShape(raw: unknown): { ok: true; e: NostrEvent } | { ok: false; v: Validation } {
  const claimedId =
    typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
      ? ((raw as { id: string }).id as string)
      : null
  const shaped = NostrEventSchema.safeParse(raw)
  if (!shaped.success) return { ok: false, v: fail(claimedId, "malformed", firstIssue(shaped.error)) }
  const e = shaped.data
  if (upperBoundBytes(e) > LIMITS.maxEventBytes && encoder.encode(JSON.stringify(e)).length > LIMITS.maxEventBytes) {
    return { ok: false, v: fail(e.id, "malformed", `event is larger than ${LIMITS.maxEventBytes} bytes`) }
  }
  return { ok: true, e }
}

/**
 * Checks one event against the pinned genesis. Order (docs/PROTOCOL.md §2.10): shape and size
 * (malformed), kind (unknown_kind), kind format incl. amount ≤ supply and stake window
 * (malformed), network (wrong_network), kind rules (self_transfer, insufficient_pow,
 * below_min_attention), then the signature (bad_signature), the only costly step.
 * Duplicates are detected by the Ledger before this runs.
 */
export function validateEvent(raw: unknown, ctx: ValidationContext): Validation {
  const shaped = checkShape(raw)
  if (!shaped.ok) return shaped.v
  const e = shaped.e
  if (!LEDGER_KIND_SET.has(e.kind)) return fail(e.id, "unknown_kind", `kind ${e.kind} is not a ledger kind`)
  const parsed = parseLedgerEvent(e)
  if (!parsed.ok) return fail(e.id, "malformed", parsed.message)
  const ev = parsed.event
  const g = ctx.genesis
  if ("amount" in ev && ev.amount > g.supply) {
    return fail(e.id, "malformed", `amount exceeds the network supply`)
  }
  if (ev.type === "stake" && ev.close - ev.createdAt > g.maxStakeWindowSecs) {
    return fail(e.id, "malformed", `stake window of ${ev.close - ev.createdAt} s is longer than this network's ${g.maxStakeWindowSecs} s`)
  }
  if (ev.type === "genesis") {
    return fail(e.id, "wrong_network", `genesis ${e.id.slice(0, 12)}… is not this network's genesis ${g.id.slice(0, 12)}…`)
  }
  if (ev.net !== g.id) {
    return fail(e.id, "wrong_network", `net ${ev.net.slice(0, 12)}… is not this network's genesis ${g.id.slice(0, 12)}…`)
  }
  if (ev.type === "transfer" && ev.to === ev.pubkey) {
    return fail(e.id, "self_transfer", "a transfer to its own author is not allowed")
  }
  if (ev.type === "receipt") {
    if (ev.pow < g.receiptPow || ev.target < g.receiptPow) {
      return fail(
        e.id,
        "insufficient_pow",
        `receipt has ${ev.pow} leading zero bits (committed target ${ev.target}); this network needs ${g.receiptPow}`
      )
    }
    if (ev.seconds < g.minAttentionSecs) {
      return fail(e.id, "below_min_attention", `receipt for ${ev.seconds} s; this network counts ${g.minAttentionSecs} s or more`)
    }
  }
  if (!ctx.verify(e)) return fail(e.id, "bad_signature", "id or signature does not verify")
  return { ok: true, event: ev, raw: e }
}

const LEDGER_KIND_SET = new Set<number>(Object.values(KIND))

/** Validates the pinned genesis event (configuration); throws LedgerConfigError when invalid. */
export function parseGenesis(raw: unknown, verify: VerifyFn = defaultVerify): GenesisEvent {
  const shaped = checkShape(raw)
  if (!shaped.ok) throw new LedgerConfigError(`genesis: ${!shaped.v.ok ? shaped.v.message : ""}`)
  const e = shaped.e
  if (e.kind !== KIND.genesis) throw new LedgerConfigError(`genesis: kind ${e.kind}, expected ${KIND.genesis}`)
  const parsed = parseLedgerEvent(e)
  if (!parsed.ok) throw new LedgerConfigError(`genesis: ${parsed.message}`)
  if (parsed.event.type !== "genesis") throw new LedgerConfigError("genesis: not a genesis event")
  if (!verify(e)) throw new LedgerConfigError("genesis: id or signature does not verify")
  return parsed.event
}
