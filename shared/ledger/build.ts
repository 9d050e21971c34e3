// Builders of ledger events: templates (unsigned), NIP-13 mining, signing with nostr-tools, and
// the idempotency key of a distribution allocation.
import { finalizeEvent, getEventHash, getPublicKey } from "nostr-tools/pure"
import { getPow } from "nostr-tools/nip13"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { formatAmp } from "./amount"
import { formatWeight } from "./weight"
import {
  DEFAULT_MAX_STAKE_WINDOW_SECS,
  DEFAULT_MIN_ATTENTION_SECS,
  DEFAULT_RECEIPT_POW,
  DEFAULT_SPLIT,
  KIND,
  type EventTemplate,
  type NostrEvent,
  type SplitParams
} from "./events"

const HEX64 = /^[0-9a-f]{64}$/

const nowSecs = (): number => Math.floor(Date.now() / 1000)

export interface ChainRef {
  /** The network's genesis event id. */
  net: string
  seq: number
  /** Id of the account's previous spending event; the genesis id for seq 1. */
  prev: string
  createdAt?: number
}

function chainTags(ref: ChainRef): string[][] {
  return [
    ["net", ref.net],
    ["seq", String(ref.seq)],
    ["prev", ref.prev]
  ]
}

export interface GenesisParams {
  network: string
  supply: bigint
  upkeep: string
  split?: SplitParams
  receiptPow?: number
  minAttentionSecs?: number
  maxStakeWindowSecs?: number
  description?: string
  createdAt?: number
}

export function genesisTemplate(p: GenesisParams): EventTemplate {
  const split = p.split ?? DEFAULT_SPLIT
  return {
    kind: KIND.genesis,
    created_at: p.createdAt ?? nowSecs(),
    tags: [
      ["network", p.network],
      ["supply", formatAmp(p.supply)],
      ["decimals", "8"],
      ["upkeep", p.upkeep],
      ["creator_bps", String(split.creatorBps)],
      ["upkeep_bps", String(split.upkeepBps)],
      ["viewers_bps", String(split.viewersBps)],
      ["receipt_pow", String(p.receiptPow ?? DEFAULT_RECEIPT_POW)],
      ["min_attention_secs", String(p.minAttentionSecs ?? DEFAULT_MIN_ATTENTION_SECS)],
      ["max_stake_window_secs", String(p.maxStakeWindowSecs ?? DEFAULT_MAX_STAKE_WINDOW_SECS)]
    ],
    content: p.description ?? ""
  }
}

export interface TransferParams extends ChainRef {
  to: string
  amount: bigint
  memo?: string
  /** Idempotency key, e.g. distributionKey(distributionId, recipient). */
  key?: string
}

export function transferTemplate(p: TransferParams): EventTemplate {
  const tags = [...chainTags(p), ["p", p.to], ["amount", formatAmp(p.amount)]]
  if (p.key !== undefined) tags.push(["x", p.key])
  return { kind: KIND.transfer, created_at: p.createdAt ?? nowSecs(), tags, content: p.memo ?? "" }
}

export interface StakeParams extends ChainRef {
  amount: bigint
  creator: string
  url: string
  post?: string
  close: number
}

export function stakeTemplate(p: StakeParams): EventTemplate {
  const tags = [...chainTags(p), ["amount", formatAmp(p.amount)], ["p", p.creator], ["r", p.url]]
  if (p.post !== undefined) tags.push(["e", p.post])
  tags.push(["close", String(p.close)])
  return { kind: KIND.stake, created_at: p.createdAt ?? nowSecs(), tags, content: "" }
}

export interface BurnParams extends ChainRef {
  amount: bigint
  memo?: string
}

export function burnTemplate(p: BurnParams): EventTemplate {
  return {
    kind: KIND.burn,
    created_at: p.createdAt ?? nowSecs(),
    tags: [...chainTags(p), ["amount", formatAmp(p.amount)]],
    content: p.memo ?? ""
  }
}

export interface SettleParams extends ChainRef {
  stake: string
  receipts: readonly string[]
  /**
   * The settler's engine's weight of every listed receipt (docs/PROTOCOL.md §2.9). Omit it where
   * no engine is at hand: each counted receipt then weighs the attention units of its seconds.
   */
  weights?: ReadonlyMap<string, bigint>
}

/** Throws RangeError when `weights` misses a listed receipt or holds a weight out of bounds. */
export function settleTemplate(p: SettleParams): EventTemplate {
  const receiptTag = (id: string): string[] => {
    if (p.weights === undefined) return ["receipt", id]
    const w = p.weights.get(id)
    if (w === undefined) throw new RangeError(`no weight for receipt ${id}: a settle weighs all its receipts or none`)
    return ["receipt", id, formatWeight(w)]
  }
  return {
    kind: KIND.settle,
    created_at: p.createdAt ?? nowSecs(),
    tags: [...chainTags(p), ["e", p.stake], ...[...p.receipts].sort().map(receiptTag)],
    content: ""
  }
}

export interface ReceiptParams {
  net: string
  stake: string
  seconds: number
  createdAt?: number
}

/** A receipt without its nonce tag; `mineReceipt` adds one. */
export function receiptTemplate(p: ReceiptParams): EventTemplate {
  return {
    kind: KIND.receipt,
    created_at: p.createdAt ?? nowSecs(),
    tags: [
      ["net", p.net],
      ["e", p.stake],
      ["secs", String(p.seconds)]
    ],
    content: ""
  }
}

/**
 * NIP-13 proof of work for `pubkey`: appends ["nonce", n, difficulty] and counts n up until the id
 * has `difficulty` leading zero bits. Unlike nostr-tools' minePow it never changes created_at,
 * because the receipt's time decides whether it falls in the stake window.
 */
export function mineReceipt(t: EventTemplate, pubkey: string, difficulty: number): EventTemplate {
  const tags = t.tags.filter((tag) => tag[0] !== "nonce")
  const nonce = ["nonce", "0", String(difficulty)]
  const candidate = { ...t, pubkey, tags: [...tags, nonce] }
  for (let n = 0; ; n++) {
    nonce[1] = String(n)
    if (getPow(getEventHash(candidate)) >= difficulty) {
      return { kind: t.kind, created_at: t.created_at, tags: candidate.tags, content: t.content }
    }
  }
}

/** Signs with nostr-tools (`finalizeEvent`) and returns a plain event object. */
export function signEvent(t: EventTemplate, secretKey: Uint8Array): NostrEvent {
  const e = finalizeEvent({ ...t, tags: t.tags.map((tag) => [...tag]) }, secretKey)
  return { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig }
}

export const buildGenesis = (sk: Uint8Array, p: GenesisParams): NostrEvent => signEvent(genesisTemplate(p), sk)
export const buildTransfer = (sk: Uint8Array, p: TransferParams): NostrEvent => signEvent(transferTemplate(p), sk)
export const buildStake = (sk: Uint8Array, p: StakeParams): NostrEvent => signEvent(stakeTemplate(p), sk)
export const buildBurn = (sk: Uint8Array, p: BurnParams): NostrEvent => signEvent(burnTemplate(p), sk)
export const buildSettle = (sk: Uint8Array, p: SettleParams): NostrEvent => signEvent(settleTemplate(p), sk)
export function buildReceipt(sk: Uint8Array, p: ReceiptParams & { difficulty: number }): NostrEvent {
  return signEvent(mineReceipt(receiptTemplate(p), getPublicKey(sk), p.difficulty), sk)
}

/**
 * Idempotency key of one allocation of a distribution: hex(sha256(utf8(
 * "synereo-stream/distribution/v1\n" + distributionId + "\n" + recipientPubkey))).
 * A distribution CLI tags each allocation transfer with ["x", key]; the ledger applies at most one
 * transfer per (sender, key), and a re-run can query `#x` to see what was already published.
 */
export function distributionKey(distributionId: string, recipient: string): string {
  if (distributionId.length === 0 || distributionId.includes("\n")) {
    throw new Error("distribution id must be non-empty and single-line")
  }
  if (!HEX64.test(recipient)) throw new Error("recipient must be a 64-hex public key")
  return bytesToHex(sha256(utf8ToBytes(`synereo-stream/distribution/v1\n${distributionId}\n${recipient}`)))
}
