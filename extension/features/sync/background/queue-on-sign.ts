import type { EventTemplate } from "nostr-tools/pure"

import type { StreamDb } from "../../../../shared/db/database"
import type { GraphDelta } from "../../../../shared/engine/engine-api"
import type { SignedEvent } from "../../../../shared/nostr/event-schema"
import { parseKnownEvent } from "../../../../shared/nostr/kinds"
import { appendDeltaLog, enqueue, notifyOutbox } from "../../../../shared/sync"

/**
 * Wraps the amplifier's signer so that every link post it signs is in the outbox before
 * shared/posts stores it: a worker killed between the two leaves a queued post (stored again when
 * it comes back from a relay), never a stored one that no relay will ever see. The post's graph
 * delta is logged in the same transaction. A post that fails its own kind's check is not queued.
 */
export function queueWhenSigned<C>(db: StreamDb, sign: (template: EventTemplate, context?: C) => Promise<SignedEvent>, nowMs: () => number = Date.now) {
  return async (template: EventTemplate, context?: C): Promise<SignedEvent> => {
    const event = await sign(template, context)
    const known = parseKnownEvent(event)
    if (!known.ok || known.value.type !== "bookmark") return event
    const post = known.value.value
    await db.transaction("rw", [db.outbox, db.posts, db.graphDeltas], async () => {
      const card = await db.posts.get(post.url)
      const first = card?.amplifiers[0]
      const deltas: GraphDelta[] =
        !first || first === post.author
          ? [{ type: "post", id: post.url, author: post.author, createdAt: post.createdAt, hops: 1 }]
          : [{ type: "engagement", from: post.author, to: first, kind: "share", at: post.createdAt, post: post.url }]
      if (await enqueue(db, known.value.event, nowMs())) await appendDeltaLog(db, [{ eventId: event.id, deltas }], nowMs())
    })
    notifyOutbox(db)
    return event
  }
}
