import { openStreamDb, type StreamDb } from "../../shared/db/database"
import { amplifyActiveTab as amplifyActiveTabMessage, getIdentity } from "../../shared/messages/catalog"
import { amplifyActiveTab } from "./amplify/background/active-tab"
import { createAmplifier } from "./amplify/background/amplifier"
import { createMenus, onActionClicked, onMenuClicked } from "./amplify/background/menus"
import { registerEarning } from "./earning/background/register-earning"
import { registerIdentity } from "./identity/background/register-identity"
import { createMessageListener, route } from "./messaging/background-router"
import type { ExtensionApi } from "./messaging/browser-api"
import { registerPeople } from "./people/background/register-people"
import { registerStream } from "./stream/background/register-stream"
import { registerSync } from "./sync/background/register-sync"
import { registerWallet } from "./wallet/background/register-wallet"

/**
 * Wires every background feature to the browser. Listeners are added synchronously, because an
 * MV3 service worker that wakes for an event only delivers it to listeners registered in the
 * first turn; the database and key are opened lazily on first use.
 */
export function registerBackground(browser: ExtensionApi, deps: { db?: StreamDb; nowSec?: () => number } = {}) {
  const db = deps.db ?? openStreamDb()
  const { keys, routes: identityRoutes } = registerIdentity(browser)
  const amplify = createAmplifier(browser, db, keys, deps.nowSec)
  const wallet = registerWallet(browser, { db, keys, nowSec: deps.nowSec, amplify })
  wallet.attachSync(registerSync(browser, { db, keys, ledger: wallet.ledgerSink }))
  registerEarning(browser, { db, keys, nowSec: deps.nowSec })
  registerStream(browser, { db, keys, amplify, nowSec: deps.nowSec })
  registerPeople(browser, { db, keys, nowSec: deps.nowSec })

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void createMenus(browser)
    void keys.pubkey() // create the identity at install, not on the first click
    if (reason === "install") void browser.tabs.create({ url: browser.runtime.getURL("tabs/welcome.html") })
  })
  browser.contextMenus.onClicked.addListener(onMenuClicked(browser, amplify))
  browser.action.onClicked.addListener(onActionClicked(browser))

  browser.runtime.onMessage.addListener(
    createMessageListener(browser.runtime.id, [
      route(amplifyActiveTabMessage, (req) => amplifyActiveTab(browser, amplify, req.windowId)),
      route(getIdentity, async () => ({ pubkey: await keys.pubkey(), npub: await keys.npub() })),
      ...identityRoutes
    ])
  )
  return { db, keys, amplify }
}
