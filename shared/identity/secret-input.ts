import { bytesToHex } from "nostr-tools/utils"
import { decode } from "nostr-tools/nip19"

import { decryptSecretKey, Nip49Error, parseNcryptsec, type Progress } from "./ncryptsec"

/**
 * What a person pastes to import an identity: an `nsec1…` (NIP-19) or an `ncryptsec1…` (NIP-49)
 * with its passphrase. Every error is a sentence for that person; none quotes the input, because
 * the input is a secret key (library errors do quote it, so they are never passed on).
 */
export type SecretInputKind = "nsec" | "ncryptsec" | "npub" | "hex" | "empty" | "unknown"

export type ImportErrorCode = "empty" | "public-key" | "hex" | "not-a-key" | "bad-nsec" | "needs-passphrase" | "not-ncryptsec" | "wrong-passphrase" | "too-costly"

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string
  ) {
    super(message)
    this.name = "ImportError"
  }
}

/** Recognises what was pasted without decoding it, so the form can ask for a passphrase in time. */
export function classifySecretInput(text: string): SecretInputKind {
  const t = text.trim().toLowerCase()
  if (!t) return "empty"
  if (t.startsWith("nsec1")) return "nsec"
  if (t.startsWith("ncryptsec1")) return "ncryptsec"
  if (t.startsWith("npub1") || t.startsWith("nprofile1")) return "npub"
  if (/^[0-9a-f]{64}$/.test(t)) return "hex"
  return "unknown"
}

/** Decodes an nsec or an ncryptsec (with its passphrase) into the secret key as hex. */
export async function decodeSecretInput(text: string, passphrase: string | undefined, onProgress?: Progress): Promise<string> {
  const kind = classifySecretInput(text)
  const t = text.trim()
  switch (kind) {
    case "empty":
      throw new ImportError("empty", "Paste your key first: an nsec1… or an ncryptsec1….")
    case "npub":
      throw new ImportError("public-key", "This is a public key (npub). Importing needs the secret key: an nsec1…, or an encrypted ncryptsec1… with its passphrase.")
    case "hex":
      throw new ImportError("hex", "This looks like a key in hex. Synereo imports keys as nsec1… or ncryptsec1…, so that a typing error is caught by the checksum; convert it with your Nostr app first.")
    case "unknown":
      throw new ImportError("not-a-key", "This is not a Nostr secret key. Paste an nsec1… or an ncryptsec1….")
    case "nsec": {
      let decoded: ReturnType<typeof decode>
      try {
        decoded = decode(t.toLowerCase())
      } catch {
        throw new ImportError("bad-nsec", "This nsec is damaged (its checksum does not match): check that it was copied completely.")
      }
      if (decoded.type !== "nsec" || decoded.data.length !== 32) throw new ImportError("bad-nsec", "This nsec does not hold a 32-byte secret key.")
      return bytesToHex(decoded.data)
    }
    case "ncryptsec": {
      try {
        parseNcryptsec(t)
        if (!passphrase) throw new ImportError("needs-passphrase", "This key is encrypted (ncryptsec): type the passphrase it was encrypted with.")
        return bytesToHex(await decryptSecretKey(t, passphrase, onProgress))
      } catch (err) {
        if (err instanceof Nip49Error) throw new ImportError(err.code, err.message)
        throw err
      }
    }
  }
}
