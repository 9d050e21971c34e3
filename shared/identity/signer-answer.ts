import { verifyEvent, type EventTemplate } from "nostr-tools/pure"

import { parseSignedEvent, type SignedEvent } from "../nostr/event-schema"

/**
 * Checks what an outside signer (a NIP-07 extension, reached through a web page's main world)
 * returned for `template` before anything trusts it: the shape, that it is the very event that was
 * asked for (same kind, time, content and tags: a signer must not swap the content), that it is
 * signed by the identity the person connected, and that the id is the event's hash and the Schnorr
 * signature holds. A page can replace `window.nostr`; it cannot forge a signature.
 */
export function checkSignerAnswer(answer: unknown, template: EventTemplate, expectedPubkey: string): { ok: true; event: SignedEvent } | { ok: false; reason: string } {
  const parsed = parseSignedEvent(answer)
  if (!parsed.success) return { ok: false, reason: "the signer's answer is not a signed Nostr event" }
  const e = parsed.data
  if (e.pubkey !== expectedPubkey) return { ok: false, reason: "the signer signed with a different identity than the one you connected" }
  if (e.kind !== template.kind || e.created_at !== template.created_at || e.content !== template.content || JSON.stringify(e.tags) !== JSON.stringify(template.tags)) {
    return { ok: false, reason: "the signer returned a different event than the one Synereo asked it to sign" }
  }
  // A fresh copy: verifyEvent trusts a "verified" mark left on objects by finalizeEvent.
  const copy = { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig }
  if (!verifyEvent(copy)) return { ok: false, reason: "the signature (or the event id) does not verify" }
  return { ok: true, event: copy }
}

export function isPubkeyHex(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value)
}
