import { verifyEvent } from "nostr-tools/pure"

import { createDemoCommunity, type DemoCommunity, type DemoOptions } from "../../shared/demo"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { parseKnownEvent, type KnownEvent } from "../../shared/nostr/kinds"
import { parseLinkPostEvent } from "../../shared/posts/link-post-event"
import { nodeDemoCrypto } from "../../scripts/demo/node-crypto"

/** A fixed "now" for the tests: the history ends here. */
export const T_DEMO = 1_763_700_000

export async function demo(opts: Partial<DemoOptions> = {}): Promise<DemoCommunity> {
  return createDemoCommunity({ seed: 4242, now: T_DEMO, crypto: await nodeDemoCrypto(), ...opts })
}

/**
 * Every check the project applies to an incoming event, with the protocol's proof-of-work minimums:
 * the id and BIP-340 signature (nostr-tools), the kind's parser (shared/nostr/kinds) and, for
 * bookmarks, shared/posts' parser with its real signature check. Returns the parsed event or throws.
 */
export function checkEvent(event: SignedEvent): KnownEvent {
  const plain = JSON.parse(JSON.stringify(event)) as SignedEvent
  if (!verifyEvent({ ...plain })) throw new Error(`bad id or signature: ${JSON.stringify(event)}`)
  const parsed = parseKnownEvent(plain)
  if (!parsed.ok) throw new Error(`${parsed.reason}: ${JSON.stringify(event)}`)
  if (plain.kind === 39701) {
    const post = parseLinkPostEvent(plain)
    if (!post.ok) throw new Error(`${post.reason}: ${JSON.stringify(event)}`)
  }
  return parsed.value
}

/** Who an engagement event points at: the liked or commented bookmark's author, the parent comment's, or the followed. */
export function targetsOf(k: KnownEvent): string[] {
  switch (k.type) {
    case "reaction":
      return [k.value.targetAuthor]
    case "comment":
      return k.value.parent.kind === "web" ? [] : [k.value.parent.author]
    case "contacts":
      return k.value.follows
    default:
      return []
  }
}
