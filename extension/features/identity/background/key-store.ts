import type Browser from "webextension-polyfill"
import type { EventTemplate } from "nostr-tools/pure"
import { npubEncode } from "nostr-tools/nip19"

import { isSecretKeyHex, newSecretKeyHex, publicKeyOf, signWith } from "../../../../shared/identity/secret-key"
import type { SignedEvent } from "../../../../shared/nostr/event-schema"

/** Storage key of the person's secret key (hex) in `storage.local`; never leaves the background. */
export const SECRET_KEY_STORAGE = "identity.secretKey.v1"

export interface KeyStore {
  pubkey(): Promise<string>
  npub(): Promise<string>
  sign(template: EventTemplate): Promise<SignedEvent>
}

/**
 * The person's signing key, created on first use and kept in extension storage. Concurrent first
 * calls share one creation, so a burst of events at first run cannot create two identities.
 */
export function createKeyStore(storage: Browser.Storage.StorageArea): KeyStore {
  let loading: Promise<string> | undefined

  async function loadOrCreate(): Promise<string> {
    const stored = (await storage.get(SECRET_KEY_STORAGE))[SECRET_KEY_STORAGE]
    if (isSecretKeyHex(stored)) return stored
    if (stored !== undefined) throw new Error("The stored key is damaged; restore it from your backup.")
    const fresh = newSecretKeyHex()
    await storage.set({ [SECRET_KEY_STORAGE]: fresh })
    return fresh
  }

  function secret(): Promise<string> {
    loading ??= loadOrCreate().catch((err: unknown) => {
      loading = undefined
      throw err
    })
    return loading
  }

  return {
    pubkey: async () => publicKeyOf(await secret()),
    npub: async () => npubEncode(publicKeyOf(await secret())),
    sign: async (template) => signWith(await secret(), template)
  }
}
