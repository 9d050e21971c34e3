import { decrypt as nostrToolsDecrypt, encrypt as nostrToolsEncrypt } from "nostr-tools/nip49"
import { decode, nsecEncode } from "nostr-tools/nip19"
import { generateSecretKey, getPublicKey, verifyEvent } from "nostr-tools/pure"
import { bytesToHex, hexToBytes } from "nostr-tools/utils"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { createAmplifier } from "../../extension/features/amplify/background/amplifier"
import {
  IDENTITY_SETTINGS_STORAGE,
  LOCKED_KEY_STORAGE,
  SECRET_KEY_STORAGE,
  UNLOCKED_KEY_SESSION
} from "../../extension/features/identity/background/identity-records"
import { KEY_LOCKED_MESSAGE } from "../../shared/identity/errors"
import { ncryptsecLogN } from "../../shared/identity/ncryptsec"
import {
  backupIdentity,
  changeLockPassphrase,
  confirmBackup,
  createIdentity,
  identityStatus,
  importIdentity,
  lockKeyNow,
  removeKeyLock,
  setKeyLock,
  unlockKey
} from "../../shared/messages/catalog"
import { freshDb } from "../support/fresh-db"
import { dump, identityFixture, type IdentityFixture } from "./identity-fixture"
import { NIP49_VECTOR } from "./vectors"

const TEMPLATE = { kind: 1, created_at: 1_800_000_000, tags: [], content: "hello" }
const PASS = "blue lantern orchard"

let f: IdentityFixture
let logged: string[]

beforeEach(() => {
  f = identityFixture({ logN: 4 })
  logged = []
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")))
  }
})

afterEach(() => {
  vi.restoreAllMocks()
})

async function status() {
  const r = await f.send(identityStatus, {})
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true })
  return r.status as { pubkey: string; npub: string; signer: string; own: { pubkey: string; lock: string; backup: null | { format: string } } }
}

async function storedPlainKey(): Promise<string | undefined> {
  return (await f.fx.browser.storage.local.get(SECRET_KEY_STORAGE))[SECRET_KEY_STORAGE] as string | undefined
}

describe("identity: create and status", () => {
  it("creates one key on first use, even when asked many times at once", async () => {
    const pubkeys = await Promise.all(Array.from({ length: 8 }, () => f.bg.keys.pubkey()))
    expect(new Set(pubkeys).size).toBe(1)
    const s = await status()
    expect(s).toMatchObject({ pubkey: pubkeys[0], signer: "local", own: { pubkey: pubkeys[0], lock: "off", backup: null } })
    expect(s.npub).toMatch(/^npub1/)
    expect(getPublicKey(hexToBytes((await storedPlainKey())!))).toBe(pubkeys[0])
  })

  it("closes session storage to content scripts", () => {
    expect(f.accessLevels).toEqual([{ accessLevel: "TRUSTED_CONTEXTS" }])
  })

  it("replaces the identity with a new one only for the identity the person confirmed to lose", async () => {
    const before = await f.bg.keys.pubkey()
    expect(await f.send(createIdentity, { replacing: "0".repeat(64) })).toMatchObject({ ok: false, code: "stale-confirmation" })
    expect(await f.bg.keys.pubkey()).toBe(before)
    const r = await f.send(createIdentity, { replacing: before })
    expect(r.ok).toBe(true)
    expect(r.status.pubkey).not.toBe(before)
    expect(await f.bg.keys.pubkey()).toBe(r.status.pubkey)
  })
})

describe("identity: import", () => {
  it("imports an nsec in place of the current key, and counts it as backed up", async () => {
    const old = await f.bg.keys.pubkey()
    const sk = generateSecretKey()
    const r = await f.send(importIdentity, { secret: nsecEncode(sk), replacing: old })
    expect(r).toMatchObject({ ok: true, status: { pubkey: getPublicKey(sk), own: { lock: "off", backup: { format: "imported" } } } })
    expect(await storedPlainKey()).toBe(bytesToHex(sk))
    const signed = await f.bg.keys.sign(TEMPLATE)
    expect(signed.pubkey).toBe(getPublicKey(sk))
    expect(verifyEvent(signed)).toBe(true)
  })

  it("imports the NIP-49 test vector with its passphrase", async () => {
    const r = await f.send(importIdentity, { secret: NIP49_VECTOR.ncryptsec, passphrase: NIP49_VECTOR.passphrase, replacing: await f.bg.keys.pubkey() })
    expect(r).toMatchObject({ ok: true, status: { pubkey: getPublicKey(hexToBytes(NIP49_VECTOR.secretKeyHex)) } })
    expect(await storedPlainKey()).toBe(NIP49_VECTOR.secretKeyHex)
  }, 120_000)

  it("refuses a wrong passphrase, a public key and a damaged nsec, keeping the current key", async () => {
    const old = await f.bg.keys.pubkey()
    const sk = generateSecretKey()
    const nsec = nsecEncode(sk)
    const cases = [
      [{ secret: nostrToolsEncrypt(sk, "the right one", 4), passphrase: "the wrong one" }, "wrong-passphrase"],
      [{ secret: nostrToolsEncrypt(sk, "the right one", 4) }, "needs-passphrase"],
      [{ secret: "npub1" + nsec.slice(5) }, "public-key"],
      [{ secret: nsec.slice(0, -2) + "qq" }, "bad-nsec"]
    ] as const
    for (const [req, code] of cases) {
      const r = await f.send(importIdentity, { ...req, replacing: old })
      expect(r, code).toMatchObject({ ok: false, code })
      expect(r.message).not.toContain(nsec.slice(5, 30))
    }
    expect(await f.bg.keys.pubkey()).toBe(old)
    expect(logged.join("\n")).not.toContain(nsec.slice(5, 30))
  })
})

describe("identity: backup", () => {
  it("gives an ncryptsec under the passphrase the person typed, and the nsec only when confirmed", async () => {
    const secretHex = await (async () => (await f.bg.keys.pubkey(), (await storedPlainKey())!))()
    const r = await f.send(backupIdentity, { format: "ncryptsec", passphrase: PASS })
    expect(r).toMatchObject({ ok: true, format: "ncryptsec", value: expect.stringMatching(/^ncryptsec1/) })
    expect(bytesToHex(nostrToolsDecrypt(r.value, PASS))).toBe(secretHex)

    expect(await f.send(backupIdentity, { format: "nsec" })).toMatchObject({ ok: false, code: "bad-request" })
    const n = await f.send(backupIdentity, { format: "nsec", confirmed: true })
    expect(n.ok).toBe(true)
    expect(bytesToHex(decode(n.value).data as unknown as Uint8Array)).toBe(secretHex)
    expect(await f.send(backupIdentity, { format: "ncryptsec", passphrase: "short" })).toMatchObject({ ok: false, code: "weak-passphrase" })
  })

  it("keeps a 'backed up' flag for the key it was confirmed for", async () => {
    const pubkey = await f.bg.keys.pubkey()
    expect((await status()).own.backup).toBeNull()
    const r = await f.send(confirmBackup, { pubkey, format: "ncryptsec" })
    expect(r.status.own.backup).toMatchObject({ format: "ncryptsec" })
    await f.send(createIdentity, { replacing: pubkey })
    expect((await status()).own.backup).toBeNull()
    expect(await f.send(confirmBackup, { pubkey, format: "nsec" })).toMatchObject({ ok: false, code: "stale-confirmation" })
  })
})

describe("identity: lock with a passphrase", () => {
  it("stores the key at rest as an ncryptsec, keeps the decrypted key only in session storage, and refuses to sign when locked", async () => {
    const pubkey = await f.bg.keys.pubkey()
    const secretHex = (await storedPlainKey())!
    const nsec = nsecEncode(hexToBytes(secretHex))

    const set = await f.send(setKeyLock, { passphrase: PASS })
    expect(set).toMatchObject({ ok: true, status: { pubkey, own: { lock: "unlocked" } } })
    const local = await f.fx.browser.storage.local.get(null)
    expect(local[SECRET_KEY_STORAGE]).toBeUndefined()
    expect(local[LOCKED_KEY_STORAGE]).toMatchObject({ pubkey, ncryptsec: expect.stringMatching(/^ncryptsec1/) })
    expect(bytesToHex(nostrToolsDecrypt((local[LOCKED_KEY_STORAGE] as { ncryptsec: string }).ncryptsec, PASS))).toBe(secretHex)
    for (const secretForm of [secretHex, nsec]) expect(await dump(f.fx.browser.storage.local)).not.toContain(secretForm)
    expect(await dump(f.fx.browser.storage.session)).toContain(secretHex)
    expect((await f.bg.keys.sign(TEMPLATE)).pubkey).toBe(pubkey)

    expect(await f.send(lockKeyNow, {})).toMatchObject({ ok: true, status: { own: { lock: "locked" } } })
    expect(await dump(f.fx.browser.storage.session)).not.toContain(secretHex)
    await expect(f.bg.keys.sign(TEMPLATE)).rejects.toThrow(KEY_LOCKED_MESSAGE)
    expect(await f.bg.keys.pubkey()).toBe(pubkey) // the identity stays visible while locked
    expect(await f.send(backupIdentity, { format: "nsec", confirmed: true })).toMatchObject({ ok: false, code: "key-locked", message: KEY_LOCKED_MESSAGE })

    expect(await f.send(unlockKey, { passphrase: "not the passphrase" })).toMatchObject({ ok: false, code: "wrong-passphrase" })
    await expect(f.bg.keys.sign(TEMPLATE)).rejects.toThrow(KEY_LOCKED_MESSAGE)
    expect(await f.send(unlockKey, { passphrase: PASS })).toMatchObject({ ok: true, status: { own: { lock: "unlocked" } } })
    const signed = await f.bg.keys.sign(TEMPLATE)
    expect(signed.pubkey).toBe(pubkey)
    expect(verifyEvent(signed)).toBe(true)
    expect(logged.join("\n")).not.toContain(secretHex)
  })

  it("is locked again after the browser closes (session storage is gone)", async () => {
    const pubkey = await f.bg.keys.pubkey()
    await f.send(setKeyLock, { passphrase: PASS })
    await f.fx.browser.storage.session.clear()
    expect((await status()).own.lock).toBe("locked")
    await expect(f.bg.keys.sign(TEMPLATE)).rejects.toThrow(KEY_LOCKED_MESSAGE)
    await f.send(unlockKey, { passphrase: PASS })
    expect((await f.bg.keys.sign(TEMPLATE)).pubkey).toBe(pubkey)
  })

  it("ignores an unlocked key in session storage that belongs to another identity", async () => {
    await f.send(setKeyLock, { passphrase: PASS })
    await f.send(lockKeyNow, {})
    const other = bytesToHex(generateSecretKey())
    await f.fx.browser.storage.session.set({ [UNLOCKED_KEY_SESSION]: { pubkey: getPublicKey(hexToBytes(other)), secretKey: other } })
    await expect(f.bg.keys.sign(TEMPLATE)).rejects.toThrow(KEY_LOCKED_MESSAGE)
  })

  it("changes the passphrase (old one proven) and removes the lock", async () => {
    const pubkey = await f.bg.keys.pubkey()
    const secretHex = (await storedPlainKey())!
    await f.send(setKeyLock, { passphrase: PASS })
    expect(await f.send(setKeyLock, { passphrase: PASS })).toMatchObject({ ok: false, code: "already-locked" })
    expect(await f.send(changeLockPassphrase, { current: "wrong wrong", next: "green meadow river" })).toMatchObject({ ok: false, code: "wrong-passphrase" })
    expect(await f.send(changeLockPassphrase, { current: PASS, next: "tiny" })).toMatchObject({ ok: false, code: "weak-passphrase" })
    expect(await f.send(changeLockPassphrase, { current: PASS, next: "green meadow river" })).toMatchObject({ ok: true })
    await f.send(lockKeyNow, {})
    expect(await f.send(unlockKey, { passphrase: PASS })).toMatchObject({ ok: false, code: "wrong-passphrase" })
    expect(await f.send(removeKeyLock, { passphrase: "green meadow river" })).toMatchObject({ ok: true, status: { pubkey, own: { lock: "off" } } })
    expect(await storedPlainKey()).toBe(secretHex)
    expect((await f.fx.browser.storage.local.get(LOCKED_KEY_STORAGE))[LOCKED_KEY_STORAGE]).toBeUndefined()
    expect(await dump(f.fx.browser.storage.session)).not.toContain(secretHex)
    expect(await f.send(unlockKey, { passphrase: PASS })).toMatchObject({ ok: false, code: "not-locked" })
  })

  it("import replaces a locked key too (the lock goes with the old key)", async () => {
    const old = await f.bg.keys.pubkey()
    await f.send(setKeyLock, { passphrase: PASS })
    await f.send(lockKeyNow, {})
    const sk = generateSecretKey()
    const r = await f.send(importIdentity, { secret: nsecEncode(sk), replacing: old })
    expect(r).toMatchObject({ ok: true, status: { pubkey: getPublicKey(sk), own: { lock: "off" } } })
    expect((await f.bg.keys.sign(TEMPLATE)).pubkey).toBe(getPublicKey(sk))
  })

  it("reports scrypt progress in session storage while it works, and clears it after", async () => {
    const seen: number[] = []
    const session = f.fx.browser.storage.session
    const realSet = session.set.bind(session)
    session.set = async (items: Record<string, unknown>) => {
      const p = items["identity.progress.v1"] as { fraction: number } | undefined
      if (p) seen.push(p.fraction)
      return realSet(items)
    }
    await f.send(setKeyLock, { passphrase: PASS })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1)
    expect((await session.get("identity.progress.v1"))["identity.progress.v1"]).toBeUndefined()
  })

  it("the amplify flow shows the locked message instead of signing", async () => {
    const db = freshDb()
    const amplify = createAmplifier(f.fx.browser, db, f.bg.keys, () => 1_800_000_000)
    await f.send(setKeyLock, { passphrase: PASS })
    await f.send(lockKeyNow, {})
    const locked = await amplify({ url: "https://news.example/a", source: "panel" })
    expect(locked).toMatchObject({ ok: false, code: "signing-failed", message: expect.stringContaining(KEY_LOCKED_MESSAGE) })
    expect(await db.events.count()).toBe(0)
    await f.send(unlockKey, { passphrase: PASS })
    expect(await amplify({ url: "https://news.example/a", source: "panel" })).toMatchObject({ ok: true, status: "created" })
  })
})

describe("identity: the real cost", () => {
  it("locks and unlocks at logN 16, as the extension does", async () => {
    f = identityFixture({ logN: undefined })
    const pubkey = await f.bg.keys.pubkey()
    await f.send(setKeyLock, { passphrase: PASS })
    const ncryptsec = ((await f.fx.browser.storage.local.get(LOCKED_KEY_STORAGE))[LOCKED_KEY_STORAGE] as { ncryptsec: string }).ncryptsec
    expect(ncryptsecLogN(ncryptsec)).toBe(16)
    await f.send(lockKeyNow, {})
    expect(await f.send(unlockKey, { passphrase: PASS })).toMatchObject({ ok: true })
    expect((await f.bg.keys.sign(TEMPLATE)).pubkey).toBe(pubkey)
  }, 180_000)
})

describe("identity: settings record", () => {
  it("a damaged settings record falls back to defaults rather than breaking signing", async () => {
    await f.fx.browser.storage.local.set({ [IDENTITY_SETTINGS_STORAGE]: { signer: "nonsense" } })
    expect((await status()).signer).toBe("local")
    expect((await f.bg.keys.sign(TEMPLATE)).kind).toBe(1)
  })
})
