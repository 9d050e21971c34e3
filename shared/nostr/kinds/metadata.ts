import type { EventTemplate } from "nostr-tools/pure"

import { cleanText } from "../../posts/link-metadata"
import type { SignedEvent } from "../event-schema"
import { fail, parseSigned, type Parsed } from "./common"

/** NIP-01 user metadata (replaceable: the newest per author counts). */
export const KIND_METADATA = 0

/**
 * Bounds of what we keep from a profile. Names are labels on a narrow card, so they are short;
 * the content as a whole is bounded by the event shape (EVENT_LIMITS.contentChars).
 */
export const METADATA_LIMITS = { name: 64, displayName: 64, about: 300, nip05: 320 } as const

/**
 * What we keep of a kind-0 profile: names and text only, cleaned. `picture` and `banner` are
 * deliberately not read: loading a remote image per author would tell arbitrary hosts the
 * reader's IP address and when they looked at the Stream.
 */
export interface Profile {
  id: string
  pubkey: string
  createdAt: number
  name: string
  displayName: string
  about: string
  /** As claimed (`local@domain`, lower-cased), never verified here: verifying would contact that domain. */
  nip05: string
}

const NIP05 = /^[a-z0-9._-]{1,64}@[a-z0-9.-]{1,253}$/

function text(value: unknown, max: number): string {
  return typeof value === "string" ? cleanText(value, max) : ""
}

/** Checks a kind-0 event except its signature. */
export function parseMetadata(input: unknown): Parsed<Profile> {
  const base = parseSigned(input, KIND_METADATA)
  return base.ok ? metadataFromEvent(base.value) : base
}

/**
 * The kind rules alone, for an event that already passed parseSigned (the sync core's path). The
 * content must be a JSON object; a field of the wrong type is ignored, text is cleaned (controls
 * and bidi overrides removed) and cut to its bound rather than refused, as page titles are.
 */
export function metadataFromEvent(event: SignedEvent): Parsed<Profile> {
  let json: unknown
  try {
    json = JSON.parse(event.content)
  } catch {
    return fail("metadata: content is not JSON")
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return fail("metadata: content is not a JSON object")
  const o = json as Record<string, unknown>
  const nip05 = typeof o.nip05 === "string" ? o.nip05.trim().toLowerCase() : ""
  return {
    ok: true,
    value: {
      id: event.id,
      pubkey: event.pubkey,
      createdAt: event.created_at,
      name: text(o.name, METADATA_LIMITS.name),
      // `displayName` is the deprecated spelling some clients still write (NIP-24).
      displayName: text(o.display_name, METADATA_LIMITS.displayName) || text(o.displayName, METADATA_LIMITS.displayName),
      about: text(o.about, METADATA_LIMITS.about),
      nip05: nip05.length <= METADATA_LIMITS.nip05 && NIP05.test(nip05) ? nip05 : ""
    }
  }
}

/**
 * The unsigned kind 0 with `fields` set over `previous` (the person's current content, parsed):
 * fields this app does not edit (picture, website, lud16…) are kept as the person's other clients
 * wrote them. An empty string removes a field.
 */
export function metadataTemplate(fields: { name?: string; display_name?: string }, createdAt: number, previous: Record<string, unknown> = {}): EventTemplate {
  const content: Record<string, unknown> = { ...previous }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    const clean = cleanText(value, key === "name" ? METADATA_LIMITS.name : METADATA_LIMITS.displayName)
    if (clean) content[key] = clean
    else delete content[key]
  }
  return { kind: KIND_METADATA, created_at: createdAt, tags: [], content: JSON.stringify(content) }
}

/** The JSON object of a kind-0 content, or {} when it is not one (so a broken profile is replaced, not merged). */
export function metadataContent(event: { content: string } | undefined): Record<string, unknown> {
  if (!event) return {}
  try {
    const json: unknown = JSON.parse(event.content)
    return json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** The label a person chose: display name, else name, else "" (the caller shows the npub). */
export function profileLabel(p: Pick<Profile, "name" | "displayName"> | undefined): string {
  return p?.displayName || p?.name || ""
}
