// Wire formats of the AMP ledger: kinds, limits, the zod schema of a Nostr event, and the typed
// ledger events parsed from it. Builders are in build.ts.
import * as z from "zod"
import { getPow } from "nostr-tools/nip13"
import { isCanonicalAmp, parseAmp } from "./amount"
import { parseWeight } from "./weight"

/**
 * Ledger kinds. All in the NIP-01 *regular* range (1000-9999) so relays store every one of them:
 * never replaceable (10000-19999), ephemeral (20000-29999) or addressable (30000-39999).
 * 3330-3335 are not claimed in the NIPs kind table.
 */
export const KIND = {
  genesis: 3330,
  transfer: 3331,
  stake: 3332,
  burn: 3333,
  settle: 3334,
  receipt: 3335
} as const
export type LedgerKindName = keyof typeof KIND
export const LEDGER_KINDS: readonly number[] = Object.values(KIND)

export const LIMITS = {
  maxEventBytes: 65_536, // UTF-8 bytes of the event's JSON
  maxTags: 600,
  maxTagItems: 8,
  maxTagItemChars: 2_048,
  maxContentChars: 280, // memo of any ledger event but the genesis
  maxGenesisContentChars: 1_000,
  maxSettleReceipts: 500,
  maxReceiptSeconds: 31_536_000,
  maxNetworkNameChars: 64
} as const

export const BPS_TOTAL = 10_000

/** Stake split parameters in basis points (1/10,000). Integers, each 0..10000, summing to 10000. */
export interface SplitParams {
  creatorBps: number
  upkeepBps: number
  viewersBps: number
}

export const DEFAULT_SPLIT: SplitParams = { creatorBps: 1_000, upkeepBps: 500, viewersBps: 8_500 }
export const DEFAULT_RECEIPT_POW = 16
export const DEFAULT_MIN_ATTENTION_SECS = 8
export const DEFAULT_MAX_STAKE_WINDOW_SECS = 30 * 86_400

// ---------------------------------------------------------------------------------------------
// The generic Nostr event shape
// ---------------------------------------------------------------------------------------------

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex characters")
const hex128 = z.string().regex(/^[0-9a-f]{128}$/, "expected 128 lowercase hex characters")

export const NostrEventSchema = z.object({
  id: hex64,
  pubkey: hex64,
  created_at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  kind: z.number().int().min(0).max(65_535),
  tags: z
    .array(z.array(z.string().max(LIMITS.maxTagItemChars)).min(1).max(LIMITS.maxTagItems))
    .max(LIMITS.maxTags),
  content: z.string().max(LIMITS.maxGenesisContentChars),
  sig: hex128
})
export type NostrEvent = z.infer<typeof NostrEventSchema>
export interface EventTemplate {
  kind: number
  created_at: number
  tags: string[][]
  content: string
}

// ---------------------------------------------------------------------------------------------
// Typed ledger events
// ---------------------------------------------------------------------------------------------

interface Base {
  id: string
  pubkey: string
  createdAt: number
}
interface Chained extends Base {
  net: string
  seq: number
  prev: string
}
export interface GenesisEvent extends Base {
  type: "genesis"
  network: string
  supply: bigint
  upkeep: string
  split: SplitParams
  receiptPow: number
  minAttentionSecs: number
  maxStakeWindowSecs: number
}
export interface TransferEvent extends Chained {
  type: "transfer"
  to: string
  amount: bigint
  /** Idempotency key (`x` tag), or null. */
  key: string | null
  memo: string
}
export interface StakeEvent extends Chained {
  type: "stake"
  amount: bigint
  creator: string
  url: string
  post: string | null
  close: number
}
export interface BurnEvent extends Chained {
  type: "burn"
  amount: bigint
  memo: string
}
export interface SettleEvent extends Chained {
  type: "settle"
  stake: string
  /** Receipt ids, sorted ascending (their order on the wire carries no meaning). */
  receipts: string[]
  /**
   * The settler's weight per listed receipt id (`["receipt", id, weight]`), or null when no tag
   * carries one: each counted receipt then weighs `defaultReceiptWeight` of its seconds.
   */
  weights: ReadonlyMap<string, bigint> | null
}
export interface ReceiptEvent extends Base {
  type: "receipt"
  net: string
  stake: string
  seconds: number
  /** Difficulty committed in the nonce tag (0 when absent). */
  target: number
  /** Actual NIP-13 difficulty of the id. */
  pow: number
}
export type ChainEvent = TransferEvent | StakeEvent | BurnEvent | SettleEvent
export type LedgerEvent = GenesisEvent | ChainEvent | ReceiptEvent
export type LedgerEventType = LedgerEvent["type"]

export function isChainEvent(e: LedgerEvent): e is ChainEvent {
  return e.type === "transfer" || e.type === "stake" || e.type === "burn" || e.type === "settle"
}

// ---------------------------------------------------------------------------------------------
// Parsing tags into typed events (network-agnostic; validate.ts adds the network rules)
// ---------------------------------------------------------------------------------------------

export type ParseResult = { ok: true; event: LedgerEvent } | { ok: false; message: string }

class FormatError extends Error {}

const HEX64 = /^[0-9a-f]{64}$/
const UINT = /^(0|[1-9][0-9]{0,15})$/

class Tags {
  private readonly byName = new Map<string, string[][]>()
  constructor(tags: string[][]) {
    for (const t of tags) {
      const list = this.byName.get(t[0]!)
      if (list) list.push(t)
      else this.byName.set(t[0]!, [t])
    }
  }
  all(name: string): string[][] {
    return this.byName.get(name) ?? []
  }
  optional(name: string): string | null {
    const found = this.all(name)
    if (found.length > 1) throw new FormatError(`more than one "${name}" tag`)
    if (found.length === 0) return null
    const value = found[0]![1]
    if (value === undefined) throw new FormatError(`"${name}" tag has no value`)
    return value
  }
  one(name: string): string {
    const v = this.optional(name)
    if (v === null) throw new FormatError(`missing "${name}" tag`)
    return v
  }
  hex(name: string): string {
    const v = this.one(name)
    if (!HEX64.test(v)) throw new FormatError(`"${name}" tag must be 64 lowercase hex characters`)
    return v
  }
  uint(name: string, min: number, max: number): number {
    const v = this.one(name)
    if (!UINT.test(v)) throw new FormatError(`"${name}" tag must be a decimal integer`)
    const n = Number(v)
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new FormatError(`"${name}" tag must be between ${min} and ${max}`)
    }
    return n
  }
  amount(name: string): bigint {
    const v = this.one(name)
    if (!isCanonicalAmp(v)) {
      throw new FormatError(`"${name}" tag must be a canonical AMP decimal (at most 8 decimals, no trailing zeros)`)
    }
    const units = parseAmp(v)
    if (units <= 0n) throw new FormatError(`"${name}" must be positive`)
    return units
  }
}

/**
 * The weights of a settle's receipt tags (third item), or null when none has one. All or none:
 * a settle that weighs some receipts and not others is malformed, since which default the others
 * would get is exactly what the settler left unsaid.
 */
function settleWeights(tags: string[][]): Map<string, bigint> | null {
  const weighed = tags.filter((tag) => tag.length >= 3).length
  if (weighed === 0) return null
  if (weighed !== tags.length) throw new FormatError(`either every "receipt" tag carries a weight or none does`)
  const weights = new Map<string, bigint>()
  for (const tag of tags) {
    const w = parseWeight(tag[2]!)
    if (!w.ok) throw new FormatError(`"receipt" tag: ${w.message}`)
    weights.set(tag[1]!, w.weight)
  }
  return weights
}

function chained(e: NostrEvent, t: Tags): Chained {
  return {
    id: e.id,
    pubkey: e.pubkey,
    createdAt: e.created_at,
    net: t.hex("net"),
    seq: t.uint("seq", 1, Number.MAX_SAFE_INTEGER),
    prev: t.hex("prev")
  }
}

function memo(e: NostrEvent): string {
  if (e.content.length > LIMITS.maxContentChars) {
    throw new FormatError(`content longer than ${LIMITS.maxContentChars} characters`)
  }
  return e.content
}

/** Turns a shape-checked Nostr event of a ledger kind into its typed form, or says what is wrong. */
export function parseLedgerEvent(e: NostrEvent): ParseResult {
  try {
    const t = new Tags(e.tags)
    // A ledger event must stay available for good: relays drop NIP-40-expired events.
    if (t.all("expiration").length > 0) throw new FormatError(`ledger events must not carry an "expiration" tag (NIP-40)`)
    switch (e.kind) {
      case KIND.genesis: {
        const network = t.one("network")
        if (!/^[a-z0-9][a-z0-9._:/-]*$/.test(network) || network.length > LIMITS.maxNetworkNameChars) {
          throw new FormatError(`"network" must be 1-${LIMITS.maxNetworkNameChars} characters of a-z 0-9 . _ : / -`)
        }
        const supply = t.amount("supply")
        if (t.one("decimals") !== "8") throw new FormatError(`"decimals" must be 8`)
        const split = {
          creatorBps: t.uint("creator_bps", 0, BPS_TOTAL),
          upkeepBps: t.uint("upkeep_bps", 0, BPS_TOTAL),
          viewersBps: t.uint("viewers_bps", 0, BPS_TOTAL)
        }
        if (split.creatorBps + split.upkeepBps + split.viewersBps !== BPS_TOTAL) {
          throw new FormatError(`creator_bps + upkeep_bps + viewers_bps must be exactly ${BPS_TOTAL}`)
        }
        return {
          ok: true,
          event: {
            type: "genesis",
            id: e.id,
            pubkey: e.pubkey,
            createdAt: e.created_at,
            network,
            supply,
            upkeep: t.hex("upkeep"),
            split,
            receiptPow: t.uint("receipt_pow", 0, 64),
            minAttentionSecs: t.uint("min_attention_secs", 1, 86_400),
            maxStakeWindowSecs: t.uint("max_stake_window_secs", 60, 366 * 86_400)
          }
        }
      }
      case KIND.transfer: {
        const base = chained(e, t)
        const to = t.hex("p")
        const key = t.optional("x")
        if (key !== null && !HEX64.test(key)) throw new FormatError(`"x" tag must be 64 lowercase hex characters`)
        return { ok: true, event: { ...base, type: "transfer", to, amount: t.amount("amount"), key, memo: memo(e) } }
      }
      case KIND.stake: {
        const base = chained(e, t)
        memo(e)
        const url = t.one("r")
        if (url.length === 0) throw new FormatError(`"r" tag is empty`)
        const post = t.optional("e")
        if (post !== null && !HEX64.test(post)) throw new FormatError(`"e" tag must be 64 lowercase hex characters`)
        const close = t.uint("close", 0, Number.MAX_SAFE_INTEGER)
        if (close <= e.created_at) throw new FormatError(`"close" must be after created_at`)
        return {
          ok: true,
          event: { ...base, type: "stake", amount: t.amount("amount"), creator: t.hex("p"), url, post, close }
        }
      }
      case KIND.burn: {
        const base = chained(e, t)
        return { ok: true, event: { ...base, type: "burn", amount: t.amount("amount"), memo: memo(e) } }
      }
      case KIND.settle: {
        const base = chained(e, t)
        memo(e)
        const stake = t.hex("e")
        const tags = t.all("receipt")
        if (tags.length > LIMITS.maxSettleReceipts) {
          throw new FormatError(`more than ${LIMITS.maxSettleReceipts} "receipt" tags`)
        }
        const listed = tags.map((tag) => tag[1] ?? "")
        for (const id of listed) {
          if (!HEX64.test(id)) throw new FormatError(`"receipt" tag must be 64 lowercase hex characters`)
        }
        const receipts = [...new Set(listed)].sort()
        if (receipts.length !== listed.length) throw new FormatError(`a receipt is listed twice`)
        return { ok: true, event: { ...base, type: "settle", stake, receipts, weights: settleWeights(tags) } }
      }
      case KIND.receipt: {
        memo(e)
        const nonce = t.all("nonce")
        if (nonce.length > 1) throw new FormatError(`more than one "nonce" tag`)
        let target = 0
        if (nonce.length === 1) {
          const committed = nonce[0]![2]
          if (committed === undefined || !UINT.test(committed) || Number(committed) > 256) {
            throw new FormatError(`"nonce" tag must commit to a target difficulty (NIP-13)`)
          }
          target = Number(committed)
        }
        return {
          ok: true,
          event: {
            type: "receipt",
            id: e.id,
            pubkey: e.pubkey,
            createdAt: e.created_at,
            net: t.hex("net"),
            stake: t.hex("e"),
            seconds: t.uint("secs", 1, LIMITS.maxReceiptSeconds),
            target,
            pow: getPow(e.id)
          }
        }
      }
      default:
        return { ok: false, message: `kind ${e.kind} is not a ledger kind` }
    }
  } catch (err) {
    if (err instanceof FormatError) return { ok: false, message: err.message }
    throw err
  }
}
