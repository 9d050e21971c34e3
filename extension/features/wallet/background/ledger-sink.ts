// The sync core's view of the wallet (shared/sync LedgerSink), re-exported for the wallet's wiring.
export type { LedgerSink } from "../../../../shared/sync"
export type { SignedEvent as SignedEventLike } from "../../../../shared/nostr/event-schema"
