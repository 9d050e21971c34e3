import type { ExtensionApi } from "../../messaging/browser-api"
import { createIdentity } from "./identity-service"
import { identityRoutes } from "./identity-routes"
import { createNip07Signer, rememberInvokedTab } from "./nip07-signer"

/**
 * Wires the identity feature: one identity (and `KeyStore`) per background, its message routes,
 * and the bookkeeping of tabs the person invoked Synereo on (where a NIP-07 signer is reached).
 * Listeners are added synchronously, like every background listener.
 */
export function registerIdentity(browser: ExtensionApi, opts: { logN?: number } = {}) {
  const session = browser.storage.session as typeof browser.storage.session & { setAccessLevel?(o: { accessLevel: string }): Promise<void> }
  // Chrome's default already; said explicitly because the unlocked key lives here. Firefox never exposes session storage to content scripts.
  const warn = (err: unknown) => console.warn("Synereo: could not restrict session storage to the extension's own pages", err)
  try {
    void Promise.resolve(session.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" })).catch(warn)
  } catch (err) {
    warn(err)
  }

  const identity = createIdentity({ local: browser.storage.local, session: browser.storage.session, nip07: createNip07Signer(browser), logN: opts.logN })

  browser.action.onClicked.addListener((tab) => void rememberInvokedTab(browser.storage.session, tab.id).catch(() => undefined))
  browser.contextMenus.onClicked.addListener((_info, tab) => void rememberInvokedTab(browser.storage.session, tab?.id).catch(() => undefined))

  return { identity, keys: identity.keys, routes: identityRoutes(identity) }
}
