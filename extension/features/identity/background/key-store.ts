import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../../../../shared/nostr/event-schema"

/** Storage key of the person's secret key (hex) in `storage.local` while no lock is set; see identity-records.ts. */
export { SECRET_KEY_STORAGE } from "./identity-records"

/**
 * How the rest of the extension signs. Behind it is a strategy chosen in Settings: Synereo's own
 * key (stored plain, or locked with a passphrase; `sign` then rejects with "Your key is locked —
 * unlock it in Settings." until it is unlocked), or a NIP-07 signer extension reached through the
 * page the person invoked Synereo on. Create it with `registerIdentity` (one per background).
 */
export interface KeyStore {
  /** The public key posts are signed with (hex); works while the key is locked. */
  pubkey(): Promise<string>
  npub(): Promise<string>
  /** `context.tabId`: the tab the person invoked Synereo on, where a NIP-07 signer is reached. */
  sign(template: EventTemplate, context?: { tabId?: number }): Promise<SignedEvent>
}
