import { bech32 } from "@scure/base"
import { decrypt as nostrToolsDecrypt, encrypt as nostrToolsEncrypt } from "nostr-tools/nip49"
import { bytesToHex, hexToBytes } from "nostr-tools/utils"
import { describe, expect, it } from "vitest"

import { decryptSecretKey, encryptSecretKey, MAX_LOG_N, ncryptsecLogN, Nip49Error } from "../../shared/identity/ncryptsec"
import { NIP49_VECTOR } from "./vectors"

const KEY = hexToBytes("7f7ff03d123792d6ac594bfa67bf6d0c0ab55b6b1fdb6249303fe861f1ccba9a")

describe("NIP-49 (ncryptsec), asynchronous, with progress", () => {
  it("opens the NIP's own test vector at logN 16 (the real cost)", async () => {
    expect(ncryptsecLogN(NIP49_VECTOR.ncryptsec)).toBe(16)
    const seen: number[] = []
    const secret = await decryptSecretKey(NIP49_VECTOR.ncryptsec, NIP49_VECTOR.passphrase, (f) => seen.push(f))
    expect(bytesToHex(secret)).toBe(NIP49_VECTOR.secretKeyHex)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true)
  }, 120_000)

  it("writes what nostr-tools reads, and reads what nostr-tools writes", async () => {
    const ours = await encryptSecretKey(KEY, "correct horse", 4)
    expect(ours).toMatch(/^ncryptsec1/)
    expect(ncryptsecLogN(ours)).toBe(4)
    expect(bytesToHex(nostrToolsDecrypt(ours, "correct horse"))).toBe(bytesToHex(KEY))

    const theirs = nostrToolsEncrypt(KEY, "correct horse", 5)
    expect(bytesToHex(await decryptSecretKey(theirs, "correct horse"))).toBe(bytesToHex(KEY))
  })

  it("normalises the passphrase to NFKC as NIP-49 requires", async () => {
    const composed = "caf\u00e9 au lait"
    const decomposed = "cafe\u0301 au lait"
    const c = await encryptSecretKey(KEY, composed, 4)
    expect(bytesToHex(await decryptSecretKey(c, decomposed))).toBe(bytesToHex(KEY))
  })

  it("refuses a wrong passphrase with its own error", async () => {
    const c = await encryptSecretKey(KEY, "right passphrase", 4)
    await expect(decryptSecretKey(c, "wrong passphrase")).rejects.toMatchObject({ code: "wrong-passphrase", message: expect.stringMatching(/^Wrong passphrase/) })
  })

  it("refuses damaged input without quoting it, and a cost the browser cannot afford", async () => {
    const damaged = NIP49_VECTOR.ncryptsec.slice(0, -3) + "qqq"
    const err = await decryptSecretKey(damaged, "nostr").catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Nip49Error)
    expect((err as Error).message).not.toContain(damaged.slice(12, 40))
    expect((err as Error).message).toMatch(/not a valid ncryptsec/)

    // A genuine ncryptsec whose header asks for logN 21 (2 GiB of scrypt memory).
    const bytes = bech32.fromWords(bech32.decode(nostrToolsEncrypt(KEY, "x", 1) as `${string}1${string}`, 5000).words)
    bytes[1] = MAX_LOG_N + 1
    const tooCostly = bech32.encode("ncryptsec", bech32.toWords(bytes), 5000)
    await expect(decryptSecretKey(tooCostly, "x")).rejects.toMatchObject({ code: "too-costly", message: expect.stringMatching(/logN 21/) })
    await expect(encryptSecretKey(KEY, "x", MAX_LOG_N + 1)).rejects.toMatchObject({ code: "too-costly" })
  })
})
