import * as z from "zod"

/**
 * What the identity feature keeps, and where. `storage.local` survives restarts; `storage.session`
 * lives in memory only, is cleared when the browser closes, and is closed to content scripts.
 *
 * | area    | key                      | present when                       | holds                                  |
 * |---------|--------------------------|------------------------------------|----------------------------------------|
 * | local   | identity.secretKey.v1    | no lock                            | the secret key, hex                    |
 * | local   | identity.lockedKey.v1    | a lock is set                      | the key as NIP-49 ncryptsec + pubkey   |
 * | local   | identity.settings.v1     | after any change                   | signer choice, "backed up" flag        |
 * | session | identity.unlockedKey.v1  | a lock is set and it was unlocked  | the decrypted secret key, hex + pubkey |
 * | session | identity.progress.v1     | during scrypt work                 | which operation, how far               |
 * | session | identity.invokedTabs.v1  | after the person invoked Synereo   | ids of those tabs (for NIP-07)         |
 *
 * Switching between "no lock" and "locked" is one `storage.local.set` call (atomic), writing the
 * new record and `null` over the old one, so an interrupted switch never leaves no key at all.
 * `null` reads as absent.
 */
export const SECRET_KEY_STORAGE = "identity.secretKey.v1"
export const LOCKED_KEY_STORAGE = "identity.lockedKey.v1"
export const IDENTITY_SETTINGS_STORAGE = "identity.settings.v1"
export const UNLOCKED_KEY_SESSION = "identity.unlockedKey.v1"
export const PROGRESS_SESSION = "identity.progress.v1"
export const INVOKED_TABS_SESSION = "identity.invokedTabs.v1"

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)

export const lockedKeySchema = z.object({ ncryptsec: z.string().startsWith("ncryptsec1"), pubkey: hex64, lockedAt: z.number() })
export type LockedKey = z.infer<typeof lockedKeySchema>

export const unlockedKeySchema = z.object({ pubkey: hex64, secretKey: hex64 })
export type UnlockedKey = z.infer<typeof unlockedKeySchema>

export const backupFormatSchema = z.enum(["ncryptsec", "nsec", "imported"])
export const identitySettingsSchema = z.object({
  signer: z.union([z.object({ kind: z.literal("local") }), z.object({ kind: z.literal("nip07"), pubkey: hex64 })]),
  backup: z.object({ pubkey: hex64, at: z.number(), format: backupFormatSchema }).nullable()
})
export type IdentitySettings = z.infer<typeof identitySettingsSchema>
export const DEFAULT_SETTINGS: IdentitySettings = { signer: { kind: "local" }, backup: null }

export const progressSchema = z.object({ op: z.string(), fraction: z.number().min(0).max(1), at: z.number() })
export type IdentityProgress = z.infer<typeof progressSchema>

/** Storage keys the side panel and Settings watch to refresh what they show. */
export const IDENTITY_STORAGE_KEYS = [SECRET_KEY_STORAGE, LOCKED_KEY_STORAGE, IDENTITY_SETTINGS_STORAGE, UNLOCKED_KEY_SESSION] as const
