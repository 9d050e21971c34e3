import type Browser from "webextension-polyfill"
import { hexToBytes, bytesToHex } from "nostr-tools/utils"
import { npubEncode, nsecEncode } from "nostr-tools/nip19"

import { IdentityError, KeyLockedError } from "../../../../shared/identity/errors"
import { DEFAULT_LOG_N, decryptSecretKey, encryptSecretKey, Nip49Error } from "../../../../shared/identity/ncryptsec"
import { newPassphraseProblem } from "../../../../shared/identity/passphrase"
import { decodeSecretInput, ImportError } from "../../../../shared/identity/secret-input"
import { isSecretKeyHex, newSecretKeyHex, publicKeyOf, signWith } from "../../../../shared/identity/secret-key"
import type { IdentityStatus } from "../../../../shared/messages/catalog"
import {
  DEFAULT_SETTINGS,
  IDENTITY_SETTINGS_STORAGE,
  identitySettingsSchema,
  LOCKED_KEY_STORAGE,
  lockedKeySchema,
  PROGRESS_SESSION,
  SECRET_KEY_STORAGE,
  UNLOCKED_KEY_SESSION,
  unlockedKeySchema,
  type IdentitySettings,
  type LockedKey
} from "./identity-records"
import type { KeyStore } from "./key-store"
import type { Nip07Signer } from "./nip07-signer"

type StorageArea = Browser.Storage.StorageArea

export interface IdentityDeps {
  local: StorageArea
  session: StorageArea
  nip07: Nip07Signer
  /** scrypt cost for everything Synereo encrypts; tests pass a low value, the extension uses 16. */
  logN?: number
  now?: () => number
}

type LocalKey = { kind: "none" } | { kind: "plain"; secretKey: string; pubkey: string } | { kind: "locked"; record: LockedKey }

export type ScryptOp = "lock" | "unlock" | "change-passphrase" | "remove-lock" | "backup" | "import"

/**
 * The person's identity in the background: Synereo's own key (plain, or locked with a passphrase)
 * or a NIP-07 signer extension, behind the `KeyStore` the rest of the extension uses. Every change
 * runs one at a time. The decrypted key of a locked identity is kept in `storage.session` only,
 * and read from there for each signature; nothing here logs or returns a secret except `backup`.
 */
export function createIdentity(deps: IdentityDeps) {
  const { local, session, nip07 } = deps
  const logN = deps.logN ?? DEFAULT_LOG_N
  const now = deps.now ?? (() => Date.now())

  let queue: Promise<unknown> = Promise.resolve()
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  async function readLocal(): Promise<LocalKey> {
    const items = await local.get([SECRET_KEY_STORAGE, LOCKED_KEY_STORAGE])
    const locked = items[LOCKED_KEY_STORAGE]
    if (locked !== undefined && locked !== null) {
      const parsed = lockedKeySchema.safeParse(locked)
      if (!parsed.success) throw new IdentityError("damaged", "The stored (locked) key is damaged; restore it from your backup.")
      return { kind: "locked", record: parsed.data }
    }
    const plain = items[SECRET_KEY_STORAGE]
    if (plain === undefined || plain === null) return { kind: "none" }
    if (!isSecretKeyHex(plain)) throw new IdentityError("damaged", "The stored key is damaged; restore it from your backup.")
    return { kind: "plain", secretKey: plain, pubkey: publicKeyOf(plain) }
  }

  async function readSettings(): Promise<IdentitySettings> {
    const parsed = identitySettingsSchema.safeParse((await local.get(IDENTITY_SETTINGS_STORAGE))[IDENTITY_SETTINGS_STORAGE])
    return parsed.success ? parsed.data : DEFAULT_SETTINGS
  }

  async function writeSettings(change: Partial<IdentitySettings>): Promise<void> {
    await local.set({ [IDENTITY_SETTINGS_STORAGE]: { ...(await readSettings()), ...change } })
  }

  async function readUnlocked(pubkey: string): Promise<string | undefined> {
    const parsed = unlockedKeySchema.safeParse((await session.get(UNLOCKED_KEY_SESSION))[UNLOCKED_KEY_SESSION])
    return parsed.success && parsed.data.pubkey === pubkey ? parsed.data.secretKey : undefined
  }

  /** Replaces Synereo's own key with a plain one: one atomic write; any lock goes with the old key. */
  async function storePlain(secretKey: string): Promise<void> {
    await local.set({ [SECRET_KEY_STORAGE]: secretKey, [LOCKED_KEY_STORAGE]: null })
    await local.remove(LOCKED_KEY_STORAGE)
    await session.remove(UNLOCKED_KEY_SESSION)
  }

  async function storeLocked(secretKey: string, ncryptsec: string): Promise<void> {
    const pubkey = publicKeyOf(secretKey)
    // Session first: if the worker stops between the two writes, the key is still plain, not lost.
    await session.set({ [UNLOCKED_KEY_SESSION]: { pubkey, secretKey } })
    await local.set({ [LOCKED_KEY_STORAGE]: { ncryptsec, pubkey, lockedAt: now() } satisfies LockedKey, [SECRET_KEY_STORAGE]: null })
    await local.remove(SECRET_KEY_STORAGE)
  }

  /** The key as it is, creating one on first use (only ever one: callers hold the queue). */
  async function localKeyCreatingIfNone(): Promise<Exclude<LocalKey, { kind: "none" }>> {
    const current = await readLocal()
    if (current.kind !== "none") return current
    const fresh = newSecretKeyHex()
    await storePlain(fresh)
    return { kind: "plain", secretKey: fresh, pubkey: publicKeyOf(fresh) }
  }

  let creating: Promise<Exclude<LocalKey, { kind: "none" }>> | undefined
  async function localKey(): Promise<Exclude<LocalKey, { kind: "none" }>> {
    const current = await readLocal()
    if (current.kind !== "none") return current
    creating ??= exclusive(localKeyCreatingIfNone).finally(() => {
      creating = undefined
    })
    return creating
  }

  const pubkeyOf = (k: Exclude<LocalKey, { kind: "none" }>) => (k.kind === "plain" ? k.pubkey : k.record.pubkey)

  /** The usable secret key, or a KeyLockedError. */
  async function usableSecret(k: Exclude<LocalKey, { kind: "none" }>): Promise<string> {
    if (k.kind === "plain") return k.secretKey
    const unlocked = await readUnlocked(k.record.pubkey)
    if (!unlocked) throw new KeyLockedError()
    return unlocked
  }

  let lastProgressWrite = 0
  function progress(op: ScryptOp) {
    const write = (fraction: number) => void session.set({ [PROGRESS_SESSION]: { op, fraction, at: now() } }).catch(() => undefined)
    write(0)
    return (fraction: number) => {
      const t = Date.now()
      if (fraction < 1 && t - lastProgressWrite < 100) return
      lastProgressWrite = t
      write(fraction)
    }
  }
  async function withProgress<T>(op: ScryptOp, work: (onProgress: (f: number) => void) => Promise<T>): Promise<T> {
    try {
      return await work(progress(op))
    } finally {
      await session.remove(PROGRESS_SESSION).catch(() => undefined)
    }
  }

  async function decryptLocked(record: LockedKey, passphrase: string, op: ScryptOp): Promise<string> {
    let bytes: Uint8Array
    try {
      bytes = await withProgress(op, (p) => decryptSecretKey(record.ncryptsec, passphrase, p))
    } catch (err) {
      if (err instanceof Nip49Error && err.code === "wrong-passphrase") throw new IdentityError("wrong-passphrase", "Wrong passphrase.")
      if (err instanceof Nip49Error) throw new IdentityError("damaged", "The stored (locked) key is damaged; restore it from your backup.")
      throw err
    }
    const secretKey = bytesToHex(bytes)
    bytes.fill(0)
    if (publicKeyOf(secretKey) !== record.pubkey) throw new IdentityError("damaged", "The stored (locked) key does not match its identity; restore it from your backup.")
    return secretKey
  }

  function checkNewPassphrase(passphrase: string) {
    const problem = newPassphraseProblem(passphrase)
    if (problem) throw new IdentityError("weak-passphrase", problem)
  }

  async function requireLocked(): Promise<LockedKey> {
    const k = await localKeyCreatingIfNone()
    if (k.kind !== "locked") throw new IdentityError("not-locked", "Your key has no lock.")
    return k.record
  }

  function checkReplacing(current: LocalKey, replacing: string | null) {
    const currentPubkey = current.kind === "none" ? null : pubkeyOf(current)
    if (currentPubkey !== replacing) {
      throw new IdentityError("stale-confirmation", "Your identity changed since you confirmed; review what would be replaced and confirm again.")
    }
  }

  /** What Settings shows. Inside the queue, pass the key read there (localKey() would wait on the queue). */
  async function status(known?: Exclude<LocalKey, { kind: "none" }>): Promise<IdentityStatus> {
    const k = known ?? (await localKey())
    const settings = await readSettings()
    const ownPubkey = pubkeyOf(k)
    const lock = k.kind === "plain" ? "off" : (await readUnlocked(ownPubkey)) ? "unlocked" : "locked"
    const signer = settings.signer
    const pubkey = signer.kind === "nip07" ? signer.pubkey : ownPubkey
    const backup = settings.backup?.pubkey === ownPubkey ? { at: settings.backup.at, format: settings.backup.format } : null
    return {
      pubkey,
      npub: npubEncode(pubkey),
      signer: signer.kind,
      own: { pubkey: ownPubkey, npub: npubEncode(ownPubkey), lock, backup }
    }
  }

  const keys: KeyStore = {
    async pubkey() {
      const settings = await readSettings()
      if (settings.signer.kind === "nip07") return settings.signer.pubkey
      return pubkeyOf(await localKey())
    },
    async npub() {
      return npubEncode(await keys.pubkey())
    },
    async sign(template, context) {
      const settings = await readSettings()
      if (settings.signer.kind === "nip07") return nip07.signEvent(template, settings.signer.pubkey, context?.tabId)
      return signWith(await usableSecret(await localKey()), template)
    }
  }

  return {
    keys,
    status,

    /** A brand-new key replaces the current one (`replacing` is the identity the person agreed to lose). */
    create: (replacing: string | null) =>
      exclusive(async () => {
        checkReplacing(await readLocal(), replacing)
        await storePlain(newSecretKeyHex())
        await writeSettings({ signer: { kind: "local" }, backup: null })
        return status(await localKeyCreatingIfNone())
      }),

    /** Imports an nsec, or an ncryptsec with its passphrase, in place of the current key. */
    import: (secret: string, passphrase: string | undefined, replacing: string | null) =>
      exclusive(async () => {
        const current = await readLocal()
        checkReplacing(current, replacing)
        let secretKey: string
        let pubkey: string
        try {
          secretKey = await withProgress("import", (p) => decodeSecretInput(secret, passphrase, p))
          pubkey = publicKeyOf(secretKey)
        } catch (err) {
          if (err instanceof ImportError) throw new IdentityError(err.code, err.message)
          throw new IdentityError("not-a-key", "This is not a valid secp256k1 secret key.")
        }
        if (current.kind === "none" || pubkeyOf(current) !== pubkey) await storePlain(secretKey)
        await writeSettings({ signer: { kind: "local" }, backup: { pubkey, at: now(), format: "imported" } })
        return status(await localKeyCreatingIfNone())
      }),

    /** The key for a backup: an ncryptsec under a new passphrase, or (after confirmation) the raw nsec. */
    backup: (request: { format: "ncryptsec"; passphrase: string } | { format: "nsec" }) =>
      exclusive(async () => {
        const k = await localKeyCreatingIfNone()
        const secretKey = await usableSecret(k)
        if (request.format === "nsec") return { format: "nsec" as const, value: nsecEncode(hexToBytes(secretKey)), pubkey: pubkeyOf(k) }
        checkNewPassphrase(request.passphrase)
        const value = await withProgress("backup", (p) => encryptSecretKey(hexToBytes(secretKey), request.passphrase, logN, p))
        return { format: "ncryptsec" as const, value, pubkey: pubkeyOf(k) }
      }),

    /** The person says the backup shown for `pubkey` is safely stored. */
    confirmBackup: (pubkey: string, format: "ncryptsec" | "nsec") =>
      exclusive(async () => {
        if (pubkeyOf(await localKeyCreatingIfNone()) !== pubkey) throw new IdentityError("stale-confirmation", "Your identity changed since this backup was shown; back up again.")
        await writeSettings({ backup: { pubkey, at: now(), format } })
        return status(await localKeyCreatingIfNone())
      }),

    /** Encrypts the key at rest with `passphrase`; it stays unlocked for this browser session. */
    setLock: (passphrase: string) =>
      exclusive(async () => {
        const k = await localKeyCreatingIfNone()
        if (k.kind === "locked") throw new IdentityError("already-locked", "Your key already has a lock; change its passphrase instead.")
        checkNewPassphrase(passphrase)
        const ncryptsec = await withProgress("lock", (p) => encryptSecretKey(hexToBytes(k.secretKey), passphrase, logN, p))
        await storeLocked(k.secretKey, ncryptsec)
        return status(await localKeyCreatingIfNone())
      }),

    unlock: (passphrase: string) =>
      exclusive(async () => {
        const record = await requireLocked()
        const secretKey = await decryptLocked(record, passphrase, "unlock")
        await session.set({ [UNLOCKED_KEY_SESSION]: { pubkey: record.pubkey, secretKey } })
        return status(await localKeyCreatingIfNone())
      }),

    lockNow: () =>
      exclusive(async () => {
        await requireLocked()
        await session.remove(UNLOCKED_KEY_SESSION)
        return status(await localKeyCreatingIfNone())
      }),

    changePassphrase: (current: string, next: string) =>
      exclusive(async () => {
        const record = await requireLocked()
        checkNewPassphrase(next)
        const secretKey = await decryptLocked(record, current, "change-passphrase")
        const ncryptsec = await withProgress("change-passphrase", (p) => encryptSecretKey(hexToBytes(secretKey), next, logN, p))
        await storeLocked(secretKey, ncryptsec)
        return status(await localKeyCreatingIfNone())
      }),

    removeLock: (passphrase: string) =>
      exclusive(async () => {
        const record = await requireLocked()
        const secretKey = await decryptLocked(record, passphrase, "remove-lock")
        await storePlain(secretKey)
        return status(await localKeyCreatingIfNone())
      }),

    /** Signs with a NIP-07 signer extension from now on, or back with Synereo's own key. */
    useSigner: (request: { kind: "local" } | { kind: "nip07"; tabId?: number }) =>
      exclusive(async () => {
        if (request.kind === "local") {
          await writeSettings({ signer: { kind: "local" } })
        } else {
          const pubkey = await nip07.getPublicKey(request.tabId)
          await writeSettings({ signer: { kind: "nip07", pubkey } })
        }
        return status(await localKeyCreatingIfNone())
      })
  }
}

export type Identity = ReturnType<typeof createIdentity>
