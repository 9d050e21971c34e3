import { validateEvent } from "nostr-tools/pure"

import type { SignedEvent } from "../../nostr/event-schema"
import { decodeHexInto, encodeHex } from "./hex"
import { KeyCache } from "./key-cache"
import { SHA256_STATE_BYTES, XONLY_PUBKEY_BYTES, type SecpExports } from "./secp-wasm"

/** Authors whose parsed keys are kept: 64 KiB of WASM memory. */
export const KEY_CACHE_SIZE = 1024
/** The serialisation is hashed in pieces of this size, so no event is too large for the heap. */
const CHUNK_BYTES = 16 * 1024

/** A known-good event, checked at load with two tampered twins: a wrong ABI mapping must neither pass nor refuse everything. */
const SELF_TEST: SignedEvent = {
  kind: 1,
  created_at: 1700000000,
  tags: [["t", "synereo"]],
  content: "self-test ✓",
  pubkey: "989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f",
  id: "82d69bae57af4b1ac05a035f868760f9cec38e221c29f0779194e4ccf23f894a",
  sig: "38b6f427365950857ff69f2af47988cd5ea48f756105c1f7cd4a851566c85320514bd7bfbc6d8835bebc5ead633ab9576d73c89db20b25f07098bd00fc697192"
}

/**
 * NIP-01 id and BIP-340 signature check over libsecp256k1, with the same verdicts as nostr-tools'
 * pure `verifyEvent` (tests/sync/wasm-verifier.test.ts holds it to that): its shape rules
 * (`validateEvent`), the id as the exact lower-case hex of sha256 over `JSON.stringify` of the
 * NIP-01 array, the signature in hex of either case. The work per event is one sha256 and one
 * signature check in WASM, the key parse only for an author not seen lately, and no allocation
 * besides the JSON string and the id's hex.
 */
export function createWasmVerify(secp: SecpExports, opts: { keyCacheSize?: number } = {}): (event: SignedEvent) => boolean {
  const keySlots = opts.keyCacheSize ?? KEY_CACHE_SIZE
  const ctx = secp.contextVerify()
  const hasher = secp.malloc(SHA256_STATE_BYTES)
  const msg = secp.malloc(32)
  const sig = secp.malloc(64)
  const key32 = secp.malloc(32)
  const chunk = secp.malloc(CHUNK_BYTES)
  const keyBase = secp.malloc(keySlots * XONLY_PUBKEY_BYTES)
  if (!ctx || !hasher || !msg || !sig || !key32 || !chunk || !keyBase) throw new Error("libsecp256k1 (WASM): could not allocate scratch memory")
  // after the allocations: one that grows the memory detaches views taken before it
  const heap = new Uint8Array(secp.memory.buffer)
  const keys = new KeyCache(keyBase, keySlots, XONLY_PUBKEY_BYTES)
  const chunkView = heap.subarray(chunk, chunk + CHUNK_BYTES)
  const utf8 = new TextEncoder()

  /** sha256 of the UTF-8 of `text` into `msg`, streamed through the chunk buffer. */
  function hashInto(text: string): void {
    secp.sha256Initialize(hasher)
    for (let read = 0; read < text.length; ) {
      const r = utf8.encodeInto(read === 0 ? text : text.slice(read), chunkView)
      secp.sha256Write(hasher, chunk, r.written)
      read += r.read
    }
    secp.sha256Finalize(hasher, msg)
  }

  /** The parsed key of `pubkey` (64 lower-case hex digits, as validateEvent ensured); undefined when not on the curve. */
  function parsedKey(pubkey: string): number | undefined {
    const cached = keys.get(pubkey)
    if (cached !== undefined) return cached
    decodeHexInto(pubkey, 32, heap, key32)
    const at = keys.claim()
    if (secp.xonlyPubkeyParse(ctx, at, key32) !== 1) {
      keys.release(at)
      return undefined
    }
    keys.keep(pubkey, at)
    return at
  }

  function verify(event: SignedEvent): boolean {
    if (!validateEvent(event)) return false
    hashInto(JSON.stringify([0, event.pubkey, event.created_at, event.kind, event.tags, event.content]))
    if (encodeHex(heap, msg, 32) !== event.id) return false
    if (!decodeHexInto(event.sig, 64, heap, sig)) return false
    const key = parsedKey(event.pubkey)
    return key !== undefined && secp.schnorrsigVerify(ctx, sig, msg, 32, key) === 1
  }

  const tamperedContent = { ...SELF_TEST, content: SELF_TEST.content + "!" }
  const tamperedSig = { ...SELF_TEST, sig: "4" + SELF_TEST.sig.slice(1) }
  if (!verify(SELF_TEST) || verify(tamperedContent) || verify(tamperedSig)) {
    throw new Error("libsecp256k1 (WASM): self-test failed")
  }
  return verify
}
