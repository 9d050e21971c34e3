import { EventType, EventUtils, type Event } from "@nostr-relay/common"

export const DELETION_KIND = 5

export interface AddressPointer {
  kind: number
  pubkey: string
  d: string
}

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Kinds a NIP-09 request never deletes: the AMP ledger's 3330-3335 (docs/PROTOCOL.md §2.14). A
 * payer who could delete a transfer after being paid would make it vanish for every peer that had
 * not fetched it yet. Deletion requests themselves (kind 5) are never deleted either.
 */
export function isUndeletableKind(kind: number): boolean {
  return kind === DELETION_KIND || (kind >= 3330 && kind <= 3335)
}

/** `e` tags of a deletion request: ids the author asks to delete. */
export function deletedIds(deletion: Event): string[] {
  const ids = new Set<string>()
  for (const [name, value] of deletion.tags) {
    if (name === "e" && value !== undefined && HEX64.test(value)) ids.add(value)
  }
  return [...ids]
}

/**
 * `a` tags of a deletion request that point at the author's own replaceable or addressable events.
 * NIP-09: a request can only delete its author's events, so other pubkeys are dropped here.
 */
export function deletedAddresses(deletion: Event): AddressPointer[] {
  const pointers: AddressPointer[] = []
  for (const [name, value] of deletion.tags) {
    if (name !== "a" || value === undefined) continue
    const pointer = parseAddress(value)
    if (pointer && pointer.pubkey === deletion.pubkey) pointers.push(pointer)
  }
  return pointers
}

/** `<kind>:<pubkey>:<d>`; the d identifier may itself contain colons. */
export function parseAddress(value: string): AddressPointer | null {
  const first = value.indexOf(":")
  const second = value.indexOf(":", first + 1)
  if (first < 0 || second < 0) return null
  const kindText = value.slice(0, first)
  const pubkey = value.slice(first + 1, second)
  if (!/^\d+$/.test(kindText) || !HEX64.test(pubkey)) return null
  const kind = Number(kindText)
  if (!isAddressable(kind)) return null
  return { kind, pubkey, d: value.slice(second + 1) }
}

/** The `a` address of a replaceable/addressable event, or null for regular and ephemeral ones. */
export function addressOf(event: Event): string | null {
  const d = EventUtils.extractDTagValue(event)
  return d === null ? null : `${event.kind}:${event.pubkey}:${d}`
}

function isAddressable(kind: number): boolean {
  const type = EventUtils.getType(kind)
  return type === EventType.REPLACEABLE || type === EventType.PARAMETERIZED_REPLACEABLE
}
