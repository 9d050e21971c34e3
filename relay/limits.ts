/**
 * Limits of the embedded relay. Every one is enforced by this wrapper except the two filter
 * limits, which belong to `@nostr-relay/event-repository-sqlite` and are only documented here.
 */
export interface RelayLimits {
  /** Largest accepted message in bytes (UTF-8). A larger EVENT gets `OK false "invalid: too large…"`. */
  maxMessageBytes: number
  /**
   * Largest WebSocket frame `ws` will buffer at all. Anything above it makes `ws` close the
   * connection (1009), so a client cannot make the relay parse megabytes of JSON just to refuse it.
   */
  maxFrameBytes: number
  /** Open subscriptions per connection; a REQ beyond it gets `CLOSED` instead of silently evicting one. */
  maxSubscriptionsPerConnection: number
  /** How often expired (NIP-40) events are deleted from storage. */
  purgeIntervalMs: number
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 128 * 1024,
  maxFrameBytes: 1024 * 1024,
  maxSubscriptionsPerConnection: 20,
  purgeIntervalMs: 60_000
}

/**
 * A filter without `limit` returns at most this many stored events (newest first). Fixed by the
 * sqlite repository; kept equal to its default so the numbers in the README stay true.
 */
export const DEFAULT_FILTER_LIMIT = 100

/** The sqlite repository silently caps `limit` at ten times its default. */
export const MAX_FILTER_LIMIT = DEFAULT_FILTER_LIMIT * 10

// Not a limit we chose, and not one we can lift from outside: a filter without `ids` that has
// more than two `#tag` conditions returns no stored events at all (the repository deems the query
// "too complex" and returns []). Live delivery after EOSE is not affected. Query
// with at most two `#tag` conditions and check the others on the client.

/**
 * Longest tag value the relay accepts (the library's default is 1024). Matches the clients'
 * shared/nostr/event-schema.ts: link posts carry URLs of up to 2048 characters in their `d` and
 * `i` tags, and every tag value may hold up to 4096.
 */
export const MAX_TAG_VALUE_CHARS = 4096

/** NIP-01: "subscription_id is an arbitrary, non-empty string of max length 64 chars". */
export const MAX_SUBSCRIPTION_ID_LENGTH = 64
