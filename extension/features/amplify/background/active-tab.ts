import type { AmplifyResult } from "../../../../shared/posts/amplify-link"
import type { ExtensionApi } from "../../messaging/browser-api"
import type { Amplifier } from "./amplifier"

/**
 * The side panel's "Amplify this page". Without the `tabs` permission the extension sees a tab's
 * address only after the person invoked Synereo on that tab (toolbar button, shortcut or menu):
 * that is `activeTab`, and it is the reason Synereo sees nothing of pages you do not amplify.
 */
export async function amplifyActiveTab(browser: ExtensionApi, amplify: Amplifier, windowId?: number): Promise<AmplifyResult | { ok: false; code: "no-tab-access"; message: string }> {
  const [tab] = await browser.tabs.query(windowId !== undefined ? { active: true, windowId } : { active: true, lastFocusedWindow: true })
  if (!tab?.url) {
    return {
      ok: false,
      code: "no-tab-access",
      message: "Synereo can only read a page you point it at. Click the Synereo button in the toolbar (or right-click the page) on this tab, then amplify."
    }
  }
  return amplify({ url: tab.url, tabId: tab.id, fallbackTitle: tab.title, source: "panel" })
}
