import { EventType, EventUtils, type BeforeHandleEventPlugin, type BeforeHandleEventResult, type Event } from "@nostr-relay/common"
import { isExpired } from "./nip40-expiration"
import type { PolicyRepository } from "./policy-repository"

export const REJECT_EXPIRED = "invalid: event has expired"
export const REJECT_DELETED = "blocked: deleted by its author (NIP-09)"

/**
 * Runs before the library's own handling of an EVENT, i.e. before it checks for duplicates and
 * before it verifies the signature.
 */
export class EventGuard implements BeforeHandleEventPlugin {
  constructor(
    private readonly repository: PolicyRepository,
    private readonly nowSeconds: () => number
  ) {}

  async beforeHandleEvent(event: Event): Promise<BeforeHandleEventResult> {
    // NIP-40: relays SHOULD drop events that are already expired when published.
    if (isExpired(event, this.nowSeconds())) return refuse(REJECT_EXPIRED)
    if (EventUtils.getType(event.kind) === EventType.EPHEMERAL) return { canHandle: true }

    // The library answers "duplicate" (OK true) for any copy whose id is stored, before it looks
    // at the signature; a forged copy of a stored event must be refused like any forgery.
    const stored = await this.repository.findById(event.id)
    if (stored && stored.sig !== event.sig) {
      if (!EventUtils.isIdValid(event)) return refuse("invalid: id is wrong")
      if (!EventUtils.isSigValid(event)) return refuse("invalid: signature is wrong")
    }

    if (await this.repository.isDeleted(event)) return refuse(REJECT_DELETED)
    return { canHandle: true }
  }
}

function refuse(message: string): BeforeHandleEventResult {
  return { canHandle: false, message }
}
