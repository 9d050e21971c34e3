import vm from "node:vm"

import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate } from "nostr-tools/pure"

import { registerIdentity } from "../../extension/features/identity/background/register-identity"
import { createMessageListener } from "../../extension/features/messaging/background-router"
import { createFakeExtension, type FakeExtension } from "../fakes/fake-browser"

/** A stand-in for a NIP-07 extension's `window.nostr`, as it would appear in a page's main world. */
export interface FakeNostr {
  getPublicKey(): Promise<unknown>
  signEvent(t: EventTemplate): Promise<unknown>
}

export function honestSigner(secret = generateSecretKey()): FakeNostr & { pubkey: string; signed: EventTemplate[] } {
  const signed: EventTemplate[] = []
  return {
    pubkey: getPublicKey(secret),
    signed,
    async getPublicKey() {
      return getPublicKey(secret)
    },
    async signEvent(t) {
      signed.push(t)
      // What crosses executeScript is a structured clone: a plain object.
      return JSON.parse(JSON.stringify(finalizeEvent(t, secret)))
    }
  }
}

export interface IdentityFixture {
  fx: FakeExtension
  bg: ReturnType<typeof registerIdentity>
  /** Main-world `window.nostr` per tab (absent: the page has no signer). */
  pageSigners: Map<number, FakeNostr>
  accessLevels: unknown[]
  /** Every MAIN-world injection: which tab. */
  mainWorldCalls: number[]
  send(def: { name: string }, payload: unknown): Promise<any>
  sendRaw(message: unknown): Promise<any>
  openTab(url: string, opts?: { invoked?: boolean; active?: boolean }): Promise<{ id: number; windowId: number; url: string }>
}

/**
 * The fake browser plus what the identity feature needs: `storage.session.setAccessLevel`, and
 * `scripting.executeScript({ world: "MAIN" })` that really runs the injected function, from its
 * source text (as Chrome serialises it), in a fresh JS realm whose `globalThis.nostr` is the tab's
 * fake signer, only on tabs with an activeTab grant.
 */
export function identityFixture(opts: { logN?: number } = { logN: 4 }): IdentityFixture {
  const fx = createFakeExtension()
  const pageSigners = new Map<number, FakeNostr>()
  const accessLevels: unknown[] = []
  const mainWorldCalls: number[] = []
  const session = fx.browser.storage.session as unknown as Record<string, unknown>
  session.setAccessLevel = async (o: unknown) => void accessLevels.push(o)

  const isolated = fx.browser.scripting.executeScript.bind(fx.browser.scripting)
  ;(fx.browser.scripting as unknown as Record<string, unknown>).executeScript = async (injection: {
    target: { tabId: number }
    world?: string
    func: (...a: unknown[]) => unknown
    args?: unknown[]
  }) => {
    if (injection.world !== "MAIN") return isolated(injection as never)
    const tabId = injection.target.tabId
    if (!fx.activeTabGrants.has(tabId)) throw new Error("Cannot access contents of the page. Extension manifest must request permission to access the respective host.")
    mainWorldCalls.push(tabId)
    const realm = vm.createContext({ setTimeout, clearTimeout, nostr: pageSigners.get(tabId) })
    const fn = vm.runInContext(`(${injection.func.toString()})`, realm) as (...a: unknown[]) => Promise<unknown>
    const result = await fn(...(injection.args ?? []))
    return [{ frameId: 0, result: structuredClone(result) }]
  }

  const bg = registerIdentity(fx.browser, { logN: opts.logN })
  const listener = createMessageListener(fx.browser.runtime.id, bg.routes)
  const sendRaw = async (message: unknown) => listener(message, { id: fx.browser.runtime.id } as never)
  return {
    fx,
    bg,
    pageSigners,
    accessLevels,
    mainWorldCalls,
    sendRaw,
    send: (def, payload) => sendRaw({ type: def.name, payload }),
    async openTab(url, o = {}) {
      const tab = await fx.browser.tabs.create({ url, active: o.active ?? true })
      if (o.invoked ?? true) await fx.clickAction({ ...tab, url })
      return { id: tab.id!, windowId: tab.windowId!, url }
    }
  }
}

/** Everything in an in-memory storage area, as one string (to search for secrets). */
export async function dump(area: { get(keys?: null): Promise<Record<string, unknown>> }): Promise<string> {
  return JSON.stringify(await area.get(null))
}
