import {
  MessageType,
  type BroadcastPlugin,
  type Client,
  type ClientContext,
  type Event,
  type Filter,
  type HandleMessagePlugin,
  type HandleMessageResult,
  type IncomingMessage
} from "@nostr-relay/common"
import { matchFilters, type Filter as NostrToolsFilter } from "nostr-tools/filter"
import type { RelayLogger } from "./logger"
import type { PolicyRepository } from "./policy-repository"

/**
 * Answers REQ and delivers live events, in place of the library's versions of both:
 * - its live matcher ignores `#tag` filters, so a subscription to `#t: ["x"]` got every event of
 *   the kind;
 * - past the per-connection limit its LRU silently evicts the oldest subscription; here the new
 *   REQ is refused with CLOSED instead;
 * - a failing query in its REQ path becomes an unhandled rejection and the client never gets EOSE;
 *   here it gets CLOSED;
 * - when a filter has `ids`, the sqlite repository applies only its first two `#tag` conditions and
 *   returns events the others exclude; stored results are re-checked here. (Without `ids`, three or
 *   more `#tag` conditions return nothing at all; that cannot be repaired from outside, see README.)
 * The caller holds the relay's write lock around a REQ, so no event can be stored between the
 * query and the moment the subscription goes live.
 */
export class SubscriptionHub implements HandleMessagePlugin, BroadcastPlugin {
  private readonly contexts = new Map<Client, ClientContext>()

  constructor(
    private readonly repository: PolicyRepository,
    private readonly maxSubscriptions: number,
    private readonly logger: RelayLogger
  ) {}

  async handleMessage(
    ctx: ClientContext,
    message: IncomingMessage,
    next: () => Promise<HandleMessageResult>
  ): Promise<HandleMessageResult> {
    this.contexts.set(ctx.client, ctx)
    if (message[0] !== MessageType.REQ) return next()
    const [, subscriptionId, ...filters] = message
    return { messageType: MessageType.REQ, events: await this.request(ctx, subscriptionId, filters) }
  }

  /** Replaces the library's broadcast (its `next` is never called). */
  async broadcast(event: Event): Promise<void> {
    for (const ctx of this.contexts.values()) {
      if (!ctx.isOpen) continue
      ctx.subscriptions.forEach((filters, subscriptionId) => {
        if (matchFilters(filters as NostrToolsFilter[], event)) {
          ctx.sendMessage([MessageType.EVENT, subscriptionId, event])
        }
      })
    }
  }

  forget(client: Client): void {
    this.contexts.delete(client)
  }

  subscriptionCount(): number {
    let count = 0
    for (const ctx of this.contexts.values()) count += ctx.subscriptions.size
    return count
  }

  private async request(ctx: ClientContext, subscriptionId: string, filters: Filter[]): Promise<Event[]> {
    if (!ctx.subscriptions.has(subscriptionId) && ctx.subscriptions.size >= this.maxSubscriptions) {
      ctx.sendMessage([
        MessageType.CLOSED,
        subscriptionId,
        `error: too many subscriptions (max ${this.maxSubscriptions} per connection); CLOSE one first`
      ])
      return []
    }
    // NIP-01: a REQ with an existing id replaces that subscription; the old filters stop now.
    ctx.subscriptions.delete(subscriptionId)

    const seen = new Set<string>()
    const events: Event[] = []
    try {
      for (const filter of filters) {
        for (const event of await this.repository.find(filter)) {
          if (seen.has(event.id) || !matchesTagConditions(filter, event)) continue
          seen.add(event.id)
          events.push(event)
          ctx.sendMessage([MessageType.EVENT, subscriptionId, event])
        }
      }
    } catch (error) {
      this.logger.error(`REQ ${subscriptionId} failed`, error)
      ctx.sendMessage([MessageType.CLOSED, subscriptionId, `error: ${(error as Error).message}`])
      return []
    }
    ctx.sendMessage([MessageType.EOSE, subscriptionId])
    // Full-text search has no live matcher, so like the library we only keep the other filters.
    ctx.subscriptions.set(subscriptionId, filters.filter(filter => filter.search === undefined))
    return events
  }
}

/**
 * Only the `#x` part of a filter: everything else the repository already applies, with its own
 * notion of author (NIP-26 delegation) that nostr-tools' matcher would not share.
 */
function matchesTagConditions(filter: Filter, event: Event): boolean {
  for (const [key, values] of Object.entries(filter)) {
    if (key[0] !== "#" || !Array.isArray(values)) continue
    const name = key.slice(1)
    if (!event.tags.some(([tagName, value]) => tagName === name && value !== undefined && values.includes(value))) return false
  }
  return true
}
