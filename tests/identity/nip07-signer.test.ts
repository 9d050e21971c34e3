import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent, type EventTemplate } from "nostr-tools/pure"
import { beforeEach, describe, expect, it } from "vitest"

import { createAmplifier } from "../../extension/features/amplify/background/amplifier"
import { NO_PAGE_MESSAGE, NO_SIGNER_MESSAGE } from "../../extension/features/identity/background/nip07-signer"
import { identityStatus, useSigner } from "../../shared/messages/catalog"
import { freshDb } from "../support/fresh-db"
import { honestSigner, identityFixture, type FakeNostr, type IdentityFixture } from "./identity-fixture"

const TEMPLATE: EventTemplate = { kind: 1, created_at: 1_800_000_000, tags: [["t", "x"]], content: "hello" }

let f: IdentityFixture
beforeEach(() => {
  f = identityFixture({ logN: 4 })
})

async function connect(signer: FakeNostr, opts: { invoked?: boolean } = {}) {
  const tab = await f.openTab("https://any.example/", { invoked: opts.invoked ?? true })
  f.pageSigners.set(tab.id, signer)
  return { tab, answer: await f.send(useSigner, { kind: "nip07" }) }
}

/** A signer that answers getPublicKey honestly but tampers with what it signs. */
function tampering(tamper: (e: ReturnType<typeof finalizeEvent>, sk: Uint8Array) => unknown): FakeNostr {
  const sk = generateSecretKey()
  return {
    getPublicKey: async () => getPublicKey(sk),
    signEvent: async (t) => tamper(JSON.parse(JSON.stringify(finalizeEvent(t, sk))), sk)
  }
}

describe("NIP-07: signing with the person's signer extension, through the page's main world", () => {
  it("connects to the signer on the tab the person invoked Synereo on, then signs through it", async () => {
    const own = await f.bg.keys.pubkey()
    const signer = honestSigner()
    const { tab, answer } = await connect(signer)
    expect(answer).toMatchObject({ ok: true, status: { signer: "nip07", pubkey: signer.pubkey, own: { pubkey: own } } })
    expect(await f.bg.keys.pubkey()).toBe(signer.pubkey)
    const signed = await f.bg.keys.sign(TEMPLATE)
    expect(signed.pubkey).toBe(signer.pubkey)
    expect(verifyEvent(signed)).toBe(true)
    expect(signer.signed).toEqual([TEMPLATE])
    expect(f.mainWorldCalls.every((t) => t === tab.id)).toBe(true)

    // The amplify flow does not care which strategy signs.
    const amplify = createAmplifier(f.fx.browser, freshDb(), f.bg.keys, () => 1_800_000_000)
    expect(await amplify({ url: "https://any.example/", source: "panel" })).toMatchObject({ ok: true, status: "created" })
    expect(signer.signed).toHaveLength(2)

    expect(await f.send(useSigner, { kind: "local" })).toMatchObject({ ok: true, status: { signer: "local", pubkey: own } })
    expect((await f.bg.keys.sign(TEMPLATE)).pubkey).toBe(own)
  })

  it("prefers the tab named by the caller", async () => {
    const signer = honestSigner()
    const a = await f.openTab("https://a.example/")
    const b = await f.openTab("https://b.example/")
    f.pageSigners.set(a.id, signer)
    f.pageSigners.set(b.id, honestSigner())
    expect(await f.send(useSigner, { kind: "nip07", tabId: a.id })).toMatchObject({ ok: true, status: { pubkey: signer.pubkey } })
    expect(await f.bg.keys.sign(TEMPLATE, { tabId: a.id })).toMatchObject({ pubkey: signer.pubkey })
  })

  it("says clearly when no tab may be reached, and when the page has no signer", async () => {
    const { answer } = await connect(honestSigner(), { invoked: false })
    expect(answer).toMatchObject({ ok: false, code: "no-signer", message: NO_PAGE_MESSAGE })
    expect(f.mainWorldCalls).toEqual([])

    await f.openTab("https://no-signer.example/")
    expect(await f.send(useSigner, { kind: "nip07" })).toMatchObject({ ok: false, code: "no-signer", message: NO_SIGNER_MESSAGE })
    expect((await f.send(identityStatus, {})).status.signer).toBe("local")
  })

  it("rejects forged answers: another key, a swapped content, a bad signature, a bad id, junk", async () => {
    const forgeries: [string, FakeNostr][] = [
      ["other key", { getPublicKey: async () => getPublicKey(generateSecretKey()), signEvent: async (t) => finalizeEvent(t, generateSecretKey()) }],
      ["swapped content", tampering((e, sk) => finalizeEvent({ kind: e.kind, created_at: e.created_at, tags: e.tags, content: "buy my coin" }, sk))],
      ["bad signature", tampering((e) => ({ ...e, sig: e.sig.replace(/^./, (c) => (c === "0" ? "1" : "0")) }))],
      ["bad id", tampering((e) => ({ ...e, id: "0".repeat(64) }))],
      ["junk", tampering(() => "signed!")]
    ]
    for (const [name, forger] of forgeries) {
      f = identityFixture({ logN: 4 })
      const { answer } = await connect(forger)
      expect(answer, name).toMatchObject({ ok: true })
      const err = await f.bg.keys.sign(TEMPLATE).catch((e: unknown) => e)
      expect(err, name).toMatchObject({ code: "signer-bad-answer", message: expect.stringMatching(/^Synereo did not accept what your Nostr signer returned/) })
    }
  })

  it("refuses a non-key public key, and passes on a refusal without trying other tabs", async () => {
    expect((await connect({ getPublicKey: async () => "npub-not-hex", signEvent: async () => null })).answer).toMatchObject({ ok: false, code: "signer-bad-answer" })

    f = identityFixture({ logN: 4 })
    let asked = 0
    const refusing: FakeNostr = {
      getPublicKey: async () => getPublicKey(generateSecretKey()),
      signEvent: async () => {
        asked++
        throw new Error("User rejected")
      }
    }
    const { tab } = await connect(refusing)
    const other = await f.openTab("https://other.example/")
    f.pageSigners.set(other.id, honestSigner())
    await expect(f.bg.keys.sign(TEMPLATE, { tabId: tab.id })).rejects.toMatchObject({ code: "signer-refused", message: "Your Nostr signer refused: User rejected" })
    expect(asked).toBe(1)
    expect(f.mainWorldCalls.filter((t) => t === other.id)).toEqual([])
  })
})
