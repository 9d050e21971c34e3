import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { HEX64, charCount, fail, parseSigned, type Parsed } from "./common"

/** NIP-09 deletion request. */
export const KIND_DELETION = 5

export const DELETION_LIMITS = { reasonChars: 500 } as const

/** Kinds a deletion request never removes: the ledger's (docs/PROTOCOL.md §2.14) and other deletions. */
export function isUndeletableKind(kind: number): boolean {
  return kind === KIND_DELETION || (kind >= 3330 && kind <= 3335)
}

export interface DeletionTargets {
  /** Event ids with their kinds (the kinds become `k` tags). */
  events?: { id: string; kind: number }[]
  /** `kind:pubkey:d` addresses of the author's addressable events. */
  addresses?: string[]
  reason?: string
}

export interface Deletion {
  id: string
  author: string
  createdAt: number
  /** Ids named by `e` tags. */
  ids: string[]
  /** Addresses named by `a` tags that belong to the author; others are ignored. */
  addresses: string[]
  /** Kinds named by `k` tags. */
  kinds: number[]
  reason: string
}

/** The unsigned request: `e` per id, `a` per address, one `k` per kind (NIP-09), the reason as content. */
export function deletionTemplate(targets: DeletionTargets, createdAt: number): EventTemplate {
  const tags: string[][] = []
  const kinds = new Set<number>()
  for (const e of targets.events ?? []) {
    if (!HEX64.test(e.id)) throw new RangeError(`not an event id: ${e.id}`)
    if (isUndeletableKind(e.kind)) throw new RangeError(`kind ${e.kind} cannot be deleted`)
    tags.push(["e", e.id])
    kinds.add(e.kind)
  }
  for (const a of targets.addresses ?? []) {
    const kind = Number(a.split(":")[0])
    if (!Number.isInteger(kind) || isUndeletableKind(kind)) throw new RangeError(`not a deletable address: ${a}`)
    tags.push(["a", a])
    kinds.add(kind)
  }
  if (tags.length === 0) throw new RangeError("a deletion names at least one event")
  for (const k of kinds) tags.push(["k", String(k)])
  return { kind: KIND_DELETION, created_at: createdAt, tags, content: targets.reason ?? "" }
}

/** Checks a deletion request except its signature. Addresses of other authors are dropped (NIP-09). */
export function parseDeletion(input: unknown): Parsed<Deletion> {
  const base = parseSigned(input, KIND_DELETION)
  return base.ok ? deletionFromEvent(base.value) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function deletionFromEvent(event: SignedEvent): Parsed<Deletion> {
  const ids = new Set<string>()
  const addresses = new Set<string>()
  const kinds = new Set<number>()
  for (const [name, value] of event.tags) {
    if (value === undefined) continue
    if (name === "e" && HEX64.test(value)) ids.add(value)
    else if (name === "a") {
      const [kind, pubkey] = value.split(":")
      if (pubkey === event.pubkey && /^[0-9]+$/.test(kind ?? "") && !isUndeletableKind(Number(kind))) addresses.add(value)
    } else if (name === "k" && /^[0-9]{1,5}$/.test(value)) kinds.add(Number(value))
  }
  if (ids.size === 0 && addresses.size === 0) return fail("deletion: names no event of its author")
  if (charCount(event.content) > DELETION_LIMITS.reasonChars) return fail(`deletion: reason longer than ${DELETION_LIMITS.reasonChars} characters`)
  return { ok: true, value: { id: event.id, author: event.pubkey, createdAt: event.created_at, ids: [...ids], addresses: [...addresses], kinds: [...kinds], reason: event.content } }
}
