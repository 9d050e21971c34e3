/**
 * Every kind Synereo Stream publishes or reads (docs/PROTOCOL.md Part 1), with one parser per
 * kind. Parsers check shape, limits and kind rules but not signatures: the sync core verifies ids
 * and signatures once, with the WASM verifier. Link posts (NIP-B0) live in shared/posts.
 */
import { KIND_WEB_BOOKMARK, parseLinkPostEvent, type LinkPost } from "../../posts/link-post-event"
import { parseSignedEvent, type SignedEvent } from "../event-schema"
import { expirationOf, fail, type Parsed } from "./common"
import { KIND_COMMENT, commentFromEvent, type Comment } from "./comment"
import { KIND_CONTACT_LIST, contactListFromEvent, type ContactList } from "./contact-list"
import { KIND_DELETION, deletionFromEvent, type Deletion } from "./deletion"
import { KIND_METADATA, metadataFromEvent, type Profile } from "./metadata"
import { KIND_MUTE_LIST, muteListFromEvent, type MuteList } from "./mute-list"
import { KIND_REACTION, reactionFromEvent, type Reaction } from "./reaction"
import { KIND_RELAY_LIST, relayListFromEvent, type RelayList } from "./relay-list"
import { KIND_APP_DATA, streamSettingsFromEvent, type StreamSettingsEvent } from "./stream-settings"

export * from "./common"
export * from "./pow"
export * from "./comment"
export * from "./reaction"
export * from "./contact-list"
export * from "./mute-list"
export * from "./relay-list"
export * from "./deletion"
export * from "./stream-settings"
export * from "./metadata"
export * from "./contact-list-edit"
export { KIND_WEB_BOOKMARK }

/** An event that passed its kind's checks, tagged by what it is. */
export type KnownEvent =
  | { type: "bookmark"; event: SignedEvent; value: LinkPost }
  | { type: "comment"; event: SignedEvent; value: Comment }
  | { type: "reaction"; event: SignedEvent; value: Reaction }
  | { type: "contacts"; event: SignedEvent; value: ContactList }
  | { type: "mutes"; event: SignedEvent; value: MuteList }
  | { type: "relays"; event: SignedEvent; value: RelayList }
  | { type: "deletion"; event: SignedEvent; value: Deletion }
  | { type: "settings"; event: SignedEvent; value: StreamSettingsEvent }
  | { type: "profile"; event: SignedEvent; value: Profile }

/** Kinds the sync core subscribes to and stores. */
export const SYNCED_KINDS = [KIND_WEB_BOOKMARK, KIND_COMMENT, KIND_REACTION, KIND_CONTACT_LIST, KIND_MUTE_LIST, KIND_RELAY_LIST, KIND_DELETION, KIND_APP_DATA, KIND_METADATA] as const

export interface ParseOptions {
  /** NIP-13 minimums; tests and test networks may lower them. */
  minPow?: { comment?: number; reaction?: number }
}

/**
 * Checks any event we read: the generic shape and size once, the NIP-40 expiration tag's form,
 * then its kind's rules. Unknown kinds are refused. Signatures are not checked here.
 */
export function parseKnownEvent(input: unknown, opts: ParseOptions = {}): Parsed<KnownEvent> {
  const shape = parseSignedEvent(input)
  if (!shape.success) return fail(`malformed event: ${shape.error.issues[0]?.message ?? "invalid"}`)
  const event = shape.data
  if (expirationOf(event) === "malformed") return fail("malformed expiration tag (NIP-40)")
  const wrap = <T>(type: KnownEvent["type"], r: Parsed<T>): Parsed<KnownEvent> => (r.ok ? { ok: true, value: { type, event, value: r.value } as KnownEvent } : r)
  switch (event.kind) {
    case KIND_WEB_BOOKMARK: {
      const r = parseLinkPostEvent(event, () => true)
      return r.ok ? { ok: true, value: { type: "bookmark", event, value: r.post } } : fail(`bookmark: ${r.reason}`)
    }
    case KIND_COMMENT:
      return wrap("comment", commentFromEvent(event, opts.minPow?.comment))
    case KIND_REACTION:
      return wrap("reaction", reactionFromEvent(event, opts.minPow?.reaction))
    case KIND_CONTACT_LIST:
      return wrap("contacts", contactListFromEvent(event))
    case KIND_MUTE_LIST:
      return wrap("mutes", muteListFromEvent(event))
    case KIND_RELAY_LIST:
      return wrap("relays", relayListFromEvent(event))
    case KIND_DELETION:
      return wrap("deletion", deletionFromEvent(event))
    case KIND_APP_DATA:
      return wrap("settings", streamSettingsFromEvent(event))
    case KIND_METADATA:
      return wrap("profile", metadataFromEvent(event))
    default:
      return fail(`unsupported kind ${event.kind}`)
  }
}
