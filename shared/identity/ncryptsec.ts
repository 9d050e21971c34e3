import { xchacha20poly1305 } from "@noble/ciphers/chacha.js"
import { scryptAsync } from "@noble/hashes/scrypt.js"
import { randomBytes } from "@noble/hashes/utils.js"
import { bech32 } from "@scure/base"

/**
 * NIP-49 private-key encryption (`ncryptsec1…`), byte for byte the format of nostr-tools' `nip49`
 * (tests check both directions and the NIP's own test vector), but asynchronous: scrypt at logN 16
 * costs about half a second of CPU (far more on a busy machine), so it runs in slices that leave
 * the service worker free for other events, and reports its progress.
 */

/** NIP-49's recommended minimum cost, used for everything Synereo encrypts outside tests. */
export const DEFAULT_LOG_N = 16
/** Above this, scrypt needs more than 1 GiB of memory: refuse rather than freeze the browser. */
export const MAX_LOG_N = 20

const VERSION = 0x02
const BECH32_LIMIT = 5000
/** NIP-49 key-security byte: 0x02 = "the client does not track whether this key was ever handled insecurely". */
const KEY_SECURITY_UNKNOWN = 0x02

export type Progress = (fraction: number) => void

export class Nip49Error extends Error {
  constructor(
    readonly code: "not-ncryptsec" | "wrong-passphrase" | "too-costly",
    message: string
  ) {
    super(message)
    this.name = "Nip49Error"
  }
}

function deriveKey(passphrase: string, salt: Uint8Array, logN: number, onProgress?: Progress): Promise<Uint8Array> {
  return scryptAsync(passphrase.normalize("NFKC"), salt, {
    N: 2 ** logN,
    r: 8,
    p: 1,
    dkLen: 32,
    asyncTick: 20,
    maxmem: 2 ** 31,
    onProgress: onProgress ? (p) => onProgress(Math.min(1, p)) : undefined
  })
}

export async function encryptSecretKey(secretKey: Uint8Array, passphrase: string, logN = DEFAULT_LOG_N, onProgress?: Progress): Promise<string> {
  if (secretKey.length !== 32) throw new Error("A Nostr secret key is 32 bytes")
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_LOG_N) throw new Nip49Error("too-costly", `logN must be between 1 and ${MAX_LOG_N}`)
  const salt = randomBytes(16)
  const nonce = randomBytes(24)
  const aad = Uint8Array.of(KEY_SECURITY_UNKNOWN)
  const key = await deriveKey(passphrase, salt, logN, onProgress)
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(secretKey)
  key.fill(0)
  const payload = new Uint8Array(2 + 16 + 24 + 1 + ciphertext.length)
  payload.set([VERSION, logN], 0)
  payload.set(salt, 2)
  payload.set(nonce, 18)
  payload.set(aad, 42)
  payload.set(ciphertext, 43)
  return bech32.encode("ncryptsec", bech32.toWords(payload), BECH32_LIMIT)
}

interface Parsed {
  logN: number
  salt: Uint8Array
  nonce: Uint8Array
  aad: Uint8Array
  ciphertext: Uint8Array
}

/** Reads an ncryptsec's header. Errors never quote the input: it is a secret. */
export function parseNcryptsec(text: string): Parsed {
  let bytes: Uint8Array
  try {
    const { prefix, words } = bech32.decode(text.trim().toLowerCase() as `${string}1${string}`, BECH32_LIMIT)
    if (prefix !== "ncryptsec") throw new Error("prefix")
    bytes = bech32.fromWords(words)
  } catch {
    throw new Nip49Error("not-ncryptsec", "This is not a valid ncryptsec: check that it was copied completely (it starts with “ncryptsec1”).")
  }
  if (bytes.length !== 91 || bytes[0] !== VERSION) {
    throw new Nip49Error("not-ncryptsec", "This ncryptsec uses a format version Synereo does not know (only NIP-49 version 2).")
  }
  const logN = bytes[1]!
  if (logN < 1 || logN > MAX_LOG_N) {
    throw new Nip49Error("too-costly", `This ncryptsec asks for a key-stretching cost (logN ${logN}) too high to open in the browser; re-encrypt it with logN ${MAX_LOG_N} or less.`)
  }
  return { logN, salt: bytes.slice(2, 18), nonce: bytes.slice(18, 42), aad: bytes.slice(42, 43), ciphertext: bytes.slice(43) }
}

export function ncryptsecLogN(text: string): number {
  return parseNcryptsec(text).logN
}

export async function decryptSecretKey(ncryptsec: string, passphrase: string, onProgress?: Progress): Promise<Uint8Array> {
  const p = parseNcryptsec(ncryptsec)
  const key = await deriveKey(passphrase, p.salt, p.logN, onProgress)
  try {
    const secret = xchacha20poly1305(key, p.nonce, p.aad).decrypt(p.ciphertext)
    if (secret.length !== 32) throw new Error("length")
    return secret
  } catch {
    throw new Nip49Error("wrong-passphrase", "Wrong passphrase: this ncryptsec could not be opened with it.")
  } finally {
    key.fill(0)
  }
}
