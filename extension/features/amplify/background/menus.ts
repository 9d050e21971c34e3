import type Browser from "webextension-polyfill"

import type { ExtensionApi } from "../../messaging/browser-api"
import { openPanel } from "../../panel/open-panel"
import type { Amplifier } from "./amplifier"

export const MENU_AMPLIFY_LINK = "synereo-amplify-link"
export const MENU_AMPLIFY_PAGE = "synereo-amplify-page"

/** Called on install and update: menus persist across service-worker restarts, so once is enough. */
export async function createMenus(browser: ExtensionApi): Promise<void> {
  await browser.contextMenus.removeAll()
  browser.contextMenus.create({ id: MENU_AMPLIFY_LINK, title: "Amplify link", contexts: ["link"] })
  browser.contextMenus.create({
    id: MENU_AMPLIFY_PAGE,
    title: "Amplify this page",
    contexts: ["page"],
    documentUrlPatterns: ["http://*/*", "https://*/*"]
  })
}

/** The menu click handler. The panel is opened first, while the click still counts as a gesture. */
export function onMenuClicked(browser: ExtensionApi, amplify: Amplifier) {
  return (info: Browser.Menus.OnClickData, tab: Browser.Tabs.Tab | undefined): void => {
    if (info.menuItemId !== MENU_AMPLIFY_LINK && info.menuItemId !== MENU_AMPLIFY_PAGE) return
    openPanel(browser, tab)
    const isLink = info.menuItemId === MENU_AMPLIFY_LINK
    const url = isLink ? (info.linkUrl ?? "") : (info.pageUrl ?? tab?.url ?? "")
    void amplify({
      url,
      tabId: tab?.id,
      linkUrl: isLink ? url : undefined,
      fallbackTitle: isLink ? undefined : tab?.title,
      source: "menu"
    })
  }
}
