// Secret key files: 64 hex digits or an nsec, one line. Generated files are created with mode 0600
// and never overwritten, so re-running a command can never silently swap the issuer's key.
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from "node:fs"
import { bytesToHex, hexToBytes } from "nostr-tools/utils"
import { decode } from "nostr-tools/nip19"
import { generateSecretKey, getPublicKey } from "nostr-tools/pure"

import { UsageError } from "./io"

export interface SecretKey {
  sk: Uint8Array
  pubkey: string
}

export function parseSecretKey(text: string, where: string): SecretKey {
  const t = text.trim()
  let sk: Uint8Array
  if (/^[0-9a-fA-F]{64}$/.test(t)) sk = hexToBytes(t.toLowerCase())
  else if (t.startsWith("nsec1")) {
    try {
      const d = decode(t)
      if (d.type !== "nsec") throw new Error("not an nsec")
      sk = d.data
    } catch {
      throw new UsageError(`${where}: not a valid nsec`)
    }
  } else throw new UsageError(`${where}: expected a secret key as 64 hex digits or an nsec`)
  try {
    return { sk, pubkey: getPublicKey(sk) }
  } catch {
    throw new UsageError(`${where}: not a valid secp256k1 secret key`)
  }
}

export function readKeyFile(path: string, warn?: (line: string) => void): SecretKey {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (err) {
    throw new UsageError(`cannot read key file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  if (warn && process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
    warn(`warning: ${path} is readable by other users; run: chmod 600 ${path}`)
  }
  return parseSecretKey(text, path)
}

/** Creates `path` (mode 0600, fails if it exists) with a fresh key, flushed to disk. */
export function writeNewKeyFile(path: string): SecretKey {
  const sk = generateSecretKey()
  const fd = openSync(path, "wx", 0o600)
  try {
    writeSync(fd, `${bytesToHex(sk)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return { sk, pubkey: getPublicKey(sk) }
}

/** Reads the key file, or creates it when it does not exist yet. */
export function readOrCreateKeyFile(path: string): SecretKey & { created: boolean } {
  try {
    return { ...writeNewKeyFile(path), created: true }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err
    return { ...readKeyFile(path), created: false }
  }
}
