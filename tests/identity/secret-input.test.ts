import { encrypt } from "nostr-tools/nip49"
import { nsecEncode, npubEncode } from "nostr-tools/nip19"
import { generateSecretKey, getPublicKey } from "nostr-tools/pure"
import { bytesToHex } from "nostr-tools/utils"
import { describe, expect, it } from "vitest"

import { newPassphraseProblem } from "../../shared/identity/passphrase"
import { classifySecretInput, decodeSecretInput } from "../../shared/identity/secret-input"

const sk = generateSecretKey()
const nsec = nsecEncode(sk)

describe("what a person pastes to import an identity", () => {
  it("recognises nsec, ncryptsec, npub, hex and nonsense before decoding", () => {
    expect(classifySecretInput(`  ${nsec}\n`)).toBe("nsec")
    expect(classifySecretInput(encrypt(sk, "pw", 2))).toBe("ncryptsec")
    expect(classifySecretInput(npubEncode(getPublicKey(sk)))).toBe("npub")
    expect(classifySecretInput(bytesToHex(sk))).toBe("hex")
    expect(classifySecretInput("hello")).toBe("unknown")
    expect(classifySecretInput("   ")).toBe("empty")
  })

  it("decodes an nsec (spaces and upper case tolerated) and an ncryptsec with its passphrase", async () => {
    expect(await decodeSecretInput(` ${nsec.toUpperCase()} `, undefined)).toBe(bytesToHex(sk))
    expect(await decodeSecretInput(encrypt(sk, "a long passphrase", 3), "a long passphrase")).toBe(bytesToHex(sk))
  })

  it("explains each wrong input in a sentence that never repeats the secret", async () => {
    const damaged = nsec.slice(0, -1) + (nsec.endsWith("q") ? "p" : "q")
    const c = encrypt(sk, "right", 3)
    const cases: [string, string | undefined, string, RegExp][] = [
      ["", undefined, "empty", /Paste your key/],
      [npubEncode(getPublicKey(sk)), undefined, "public-key", /public key \(npub\)/],
      [bytesToHex(sk), undefined, "hex", /hex/],
      ["my secret words", undefined, "not-a-key", /not a Nostr secret key/],
      [damaged, undefined, "bad-nsec", /checksum/],
      [c, undefined, "needs-passphrase", /type the passphrase/],
      [c, "wrong", "wrong-passphrase", /Wrong passphrase/],
      [c.slice(0, 30), "right", "not-ncryptsec", /copied completely/]
    ]
    for (const [input, pass, code, message] of cases) {
      const err = (await decodeSecretInput(input, pass).catch((e: unknown) => e)) as { code: string; message: string }
      expect(err, input).toMatchObject({ code, message: expect.stringMatching(message) })
      if (input.length > 12) expect(err.message).not.toContain(input.slice(5, 25))
      expect(err.message).not.toContain(bytesToHex(sk).slice(0, 16))
    }
  })
})

describe("new passphrases", () => {
  it("asks for 8 characters, no edge spaces, and a matching confirmation", () => {
    expect(newPassphraseProblem("short")).toMatch(/at least 8/)
    expect(newPassphraseProblem(" padded passphrase")).toMatch(/space/)
    expect(newPassphraseProblem("long enough", "long enuogh")).toMatch(/differ/)
    expect(newPassphraseProblem("long enough", "long enough")).toBeUndefined()
  })
})
