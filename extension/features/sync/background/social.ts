import type { EventTemplate } from "nostr-tools/pure"

import type { StreamDb } from "../../../../shared/db/database"
import type { Failure } from "../../../../shared/messages/define"
import type { SignedEvent } from "../../../../shared/nostr/event-schema"
import { bookmarkAddress, commentTemplate, COMMENT_LIMITS, mineEvent, REACTION_LIMITS, reactionTemplate } from "../../../../shared/nostr/kinds"
import type { SyncCore } from "../../../../shared/sync"
import type { KeyStore } from "../../identity/background/key-store"

export interface SocialDeps {
  db: StreamDb
  keys: KeyStore
  core: () => Promise<SyncCore>
  nowSec: () => number
}

function failure(code: string, message: string): Failure {
  return { ok: false, code, message }
}

/** The bookmark a like or comment on a card goes to: the card's first (earliest) amplification. */
async function firstBookmark(db: StreamDb, url: string) {
  const card = await db.posts.get(url)
  const author = card?.amplifiers[0]
  const id = author ? card!.eventIds[author] : undefined
  if (!card || !author || !id) return undefined
  return { id, author, address: bookmarkAddress(author, card.url), url: card.url }
}

/** Mines the template's NIP-13 nonce for our key, signs it unchanged, and checks the id survived. */
async function signWithWork(keys: KeyStore, template: EventTemplate, bits: number): Promise<SignedEvent> {
  const pubkey = await keys.pubkey()
  const mined = await mineEvent({ ...template, pubkey }, bits)
  const signed = await keys.sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
  if (signed.id !== mined.id) throw new Error("the signer changed the event, so its proof of work no longer holds")
  return signed
}

function signingFailure(err: unknown): Failure {
  return failure("signing-failed", `Your key could not sign this: ${err instanceof Error ? err.message : String(err)}`)
}

export async function reactToPost(deps: SocialDeps, url: string, content = "+"): Promise<{ ok: true; id: string; status: "created" | "already" } | Failure> {
  const target = await firstBookmark(deps.db, url)
  if (!target) return failure("unknown-post", "This post is not in your Stream.")
  const me = await deps.keys.pubkey()
  const mine = await deps.db.reactions.where("target").equals(target.id).filter((r) => r.author === me && r.content === content).first()
  if (mine) return { ok: true, id: mine.id, status: "already" }
  let event: SignedEvent
  try {
    event = await signWithWork(deps.keys, reactionTemplate(target, deps.nowSec(), content), REACTION_LIMITS.minPow)
  } catch (err) {
    return signingFailure(err)
  }
  const r = await (await deps.core()).publishOwn(event)
  return r.ok ? { ok: true, id: event.id, status: "created" } : failure("rejected-event", `The like failed its own check: ${r.reason}`)
}

export async function commentOnPost(deps: SocialDeps, url: string, content: string): Promise<{ ok: true; id: string } | Failure> {
  const target = await firstBookmark(deps.db, url)
  if (!target) return failure("unknown-post", "This post is not in your Stream.")
  let template: EventTemplate
  try {
    template = commentTemplate({ url: target.url, parent: { kind: "39701", id: target.id, author: target.author, address: target.address }, content, createdAt: deps.nowSec() })
  } catch (err) {
    return failure("bad-comment", err instanceof Error ? err.message : String(err))
  }
  let event: SignedEvent
  try {
    event = await signWithWork(deps.keys, template, COMMENT_LIMITS.minPow)
  } catch (err) {
    return signingFailure(err)
  }
  const r = await (await deps.core()).publishOwn(event)
  return r.ok ? { ok: true, id: event.id } : failure("rejected-event", `The comment failed its own check: ${r.reason}`)
}
