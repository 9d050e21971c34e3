import type { EventTemplate } from "nostr-tools/pure"

import type { StoredEvent, StreamDb } from "../../../../shared/db/database"
import { newestHeld } from "../../../../shared/db/newest-held"
import { amplifyPreview, followPerson, saveDisplayName } from "../../../../shared/messages/catalog"
import type { Failure } from "../../../../shared/messages/define"
import { editContactList, KIND_CONTACT_LIST, KIND_METADATA, metadataContent, metadataTemplate } from "../../../../shared/nostr/kinds"
import { createAmplifyPreview } from "../../amplify/background/amplify-preview"
import type { KeyStore } from "../../identity/background/key-store"
import { createMessageListener, route } from "../../messaging/background-router"
import type { ExtensionApi } from "../../messaging/browser-api"
import { storeOwn } from "../../stream/background/register-stream"

export interface PeopleDeps {
  db: StreamDb
  keys: KeyStore
  nowSec?: () => number
}

const failure = (code: string, message: string): Failure => ({ ok: false, code, message })
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Follows (NIP-02 kind 3) and the person's own name (kind 0): each signs a new version of the
 * replaceable event, built on the one held so nothing else in it is lost, and hands it to the
 * sync core's outbox after storing it (the engine gets the follow delta from the stored list).
 * Also the amplify dialog's preview, which needs the page reader the amplifier uses.
 */
export function registerPeople(browser: ExtensionApi, deps: PeopleDeps) {
  const nowSec = deps.nowSec ?? (() => Math.floor(Date.now() / 1000))
  const { db, keys } = deps

  /** A replaceable event must be newer than the one it replaces. */
  const after = (held: StoredEvent | undefined) => Math.max(nowSec(), (held?.created_at ?? 0) + 1)

  async function signAndStore(template: EventTemplate): Promise<{ ok: true } | Failure> {
    try {
      return await storeOwn(db, await keys.sign(template), nowSec() * 1000)
    } catch (err) {
      return failure("signing-failed", `Your key could not sign this: ${errText(err)}`)
    }
  }

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(followPerson, async (req) => {
        const me = await keys.pubkey()
        if (req.pubkey === me) return failure("own-key", "You cannot follow yourself.")
        const held = await newestHeld(db, KIND_CONTACT_LIST, me)
        let template: EventTemplate | undefined
        try {
          template = editContactList(held?.event, req.pubkey, req.on, after(held))
        } catch (err) {
          return failure("list-full", errText(err))
        }
        if (!template) return { ok: true as const, following: req.on }
        const r = await signAndStore(template)
        return r.ok ? { ok: true as const, following: req.on } : r
      }),
      route(saveDisplayName, async (req) => {
        const me = await keys.pubkey()
        const held = await newestHeld(db, KIND_METADATA, me)
        const previous = metadataContent(held?.event)
        // `name` is the primary field (NIP-01): set it too when the profile has none yet, but never
        // overwrite a handle another client of this identity chose.
        const fields = typeof previous.name === "string" && previous.name ? { display_name: req.displayName } : { display_name: req.displayName, name: req.displayName }
        const template = metadataTemplate(fields, after(held), previous)
        const r = await signAndStore(template)
        if (!r.ok) return r
        // metadataTemplate cleaned it: this is the name as published.
        const published = metadataContent(template).display_name
        return { ok: true as const, displayName: typeof published === "string" ? published : "" }
      }),
      route(amplifyPreview, createAmplifyPreview(browser, db, keys))
    ])
  )
}
