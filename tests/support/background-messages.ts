import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate } from "nostr-tools/pure"
import { npubEncode } from "nostr-tools/nip19"
import { expect } from "vitest"
import type { z } from "zod"

import type { KeyStore } from "../../extension/features/identity/background/key-store"
import type { MessageDef } from "../../shared/messages/define"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import type { FakeExtension } from "../fakes/fake-browser"

/** A KeyStore over a plain secret key (JSON round trip: events look like they came off a wire). */
export function keyStore(secret = generateSecretKey()): KeyStore {
  const pubkey = getPublicKey(secret)
  return { pubkey: async () => pubkey, npub: async () => npubEncode(pubkey), sign: async (t: EventTemplate) => JSON.parse(JSON.stringify(finalizeEvent(t, secret))) as SignedEvent }
}

/** Sends a declared message through the fake extension's listeners; exactly one must answer. */
export async function ask<D extends MessageDef<string, z.ZodType, z.ZodType>>(fx: FakeExtension, def: D, payload: z.infer<D["request"]>): Promise<z.infer<D["response"]>> {
  const answers = (await (fx.browser.runtime.onMessage as unknown as { trigger(m: unknown, s: unknown): Promise<unknown[]> }).trigger({ type: def.name, payload }, { id: fx.browser.runtime.id })).filter((a) => a !== undefined)
  expect(answers).toHaveLength(1)
  return def.response.parse(answers[0]) as z.infer<D["response"]>
}
