import type { EventTemplate } from "nostr-tools/pure"

import type { StreamDb } from "../../../../shared/db/database"
import { muteAuthor, reamplifyPost, replyToComment, saveStreamSettings } from "../../../../shared/messages/catalog"
import type { Failure } from "../../../../shared/messages/define"
import type { SignedEvent } from "../../../../shared/nostr/event-schema"
import {
  COMMENT_LIMITS,
  commentTemplate,
  KIND_APP_DATA,
  KIND_MUTE_LIST,
  mineEvent,
  muteListFromEvent,
  muteListTemplate,
  parseKnownEvent,
  streamSettingsSchema,
  streamSettingsTemplate
} from "../../../../shared/nostr/kinds"
import { enqueue, notifyOutbox, storeKnownEvents, syncTables } from "../../../../shared/sync"
import type { Amplifier } from "../../amplify/background/amplifier"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"

export interface StreamDeps {
  db: StreamDb
  keys: KeyStore
  amplify: Amplifier
  nowSec?: () => number
}

const failure = (code: string, message: string): Failure => ({ ok: false, code, message })
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Stores one of our own signed events like an incoming one (so the side panel sees it at once) and
 * queues it in the sync core's outbox in the same transaction; the running core publishes it.
 */
export async function storeOwn(db: StreamDb, event: SignedEvent, nowMs: number): Promise<{ ok: true } | Failure> {
  const known = parseKnownEvent(event)
  if (!known.ok) return failure("rejected-event", known.reason)
  await db.transaction("rw", syncTables(db), async () => {
    await storeKnownEvents(db, [known.value], { nowMs })
    await enqueue(db, event, nowMs)
  })
  notifyOutbox(db)
  return { ok: true }
}

/** The person's newest mute list (NIP-51), or undefined. */
export async function currentMutes(db: StreamDb, me: string) {
  const rows = await db.events.where("[kind+pubkey]").equals([KIND_MUTE_LIST, me]).toArray()
  const newest = rows.sort((a, b) => b.created_at - a.created_at)[0]
  if (!newest) return undefined
  const parsed = muteListFromEvent(newest.event)
  return parsed.ok ? { list: parsed.value, createdAt: newest.created_at } : undefined
}

/**
 * The Stream's background messages: threaded replies (NIP-22), mute (NIP-51 kind 10000), Stream
 * settings (kind 30078) and re-amplify. Each signs with the person's key and hands the event to the
 * sync core's outbox after storing it.
 */
export function registerStream(browser: ExtensionApi, deps: StreamDeps) {
  const nowSec = deps.nowSec ?? (() => Math.floor(Date.now() / 1000))
  const { db, keys } = deps

  async function signAndStore(template: EventTemplate, pow = 0): Promise<{ ok: true; id: string } | Failure> {
    let event: SignedEvent
    try {
      if (pow > 0) {
        const pubkey = await keys.pubkey()
        const mined = await mineEvent({ ...template, pubkey }, pow)
        event = await keys.sign({ kind: mined.kind, created_at: mined.created_at, tags: mined.tags, content: mined.content })
        if (event.id !== mined.id) return failure("signing-failed", "the signer changed the event, so its proof of work no longer holds")
      } else event = await keys.sign(template)
    } catch (err) {
      return failure("signing-failed", `Your key could not sign this: ${errText(err)}`)
    }
    const stored = await storeOwn(db, event, nowSec() * 1000)
    return stored.ok ? { ok: true, id: event.id } : stored
  }

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(replyToComment, async (req) => {
        const parent = await db.comments.get(req.parentId)
        if (!parent || parent.url !== req.url) return failure("unknown-comment", "That comment is not on this card.")
        let template: EventTemplate
        try {
          template = commentTemplate({ url: parent.url, parent: { kind: "1111", id: parent.id, author: parent.author }, content: req.content, createdAt: nowSec() })
        } catch (err) {
          return failure("bad-comment", errText(err))
        }
        return signAndStore(template, COMMENT_LIMITS.minPow)
      }),
      route(muteAuthor, async (req) => {
        const me = await keys.pubkey()
        if (req.pubkey === me) return failure("own-key", "You cannot mute yourself.")
        const held = await currentMutes(db, me)
        const list = held?.list
        const pubkeys = new Set(list?.pubkeys ?? [])
        if (req.on) pubkeys.add(req.pubkey)
        else pubkeys.delete(req.pubkey)
        // A replaceable event must be newer than the one it replaces.
        const createdAt = Math.max(nowSec(), (held?.createdAt ?? 0) + 1)
        const r = await signAndStore(muteListTemplate({ pubkeys: [...pubkeys], hashtags: list?.hashtags, words: list?.words, threads: list?.threads }, createdAt))
        return r.ok ? { ok: true as const, pubkeys: [...pubkeys] } : r
      }),
      route(saveStreamSettings, async (req) => {
        const checked = streamSettingsSchema.safeParse(req.settings)
        if (!checked.success) return failure("bad-settings", checked.error.issues[0]?.message ?? "invalid settings")
        const me = await keys.pubkey()
        const prev = await db.events.where("[kind+pubkey]").equals([KIND_APP_DATA, me]).toArray()
        const newest = prev.reduce((t, e) => Math.max(t, e.created_at), 0)
        return signAndStore(streamSettingsTemplate(checked.data, Math.max(nowSec(), newest + 1)))
      }),
      route(reamplifyPost, async (req) => {
        const card = await db.posts.get(req.url)
        if (!card) return { ok: false as const, code: "unknown-post", message: "This post is not in your Stream." }
        return deps.amplify({ url: card.url, fallbackTitle: card.title, source: "panel" })
      })
    ])
  )
}
