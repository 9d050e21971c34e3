import type Browser from "webextension-polyfill"

import { AMPLIFY_DIALOG_KEY, type AmplifyDialogRequest } from "../../../../shared/messages/catalog"
import type { ExtensionApi } from "../../messaging/browser-api"
import { openPanel } from "../../panel/open-panel"
import type { Amplifier } from "./amplifier"

export const MENU_AMPLIFY_LINK = "synereo-amplify-link"
export const MENU_AMPLIFY_PAGE = "synereo-amplify-page"
export const MENU_AMPLIFY_SELECTION = "synereo-amplify-selection"

const WEB_PAGES = ["http://*/*", "https://*/*"]
/** The longest quote a selection puts in the note. */
export const MAX_QUOTE_CHARS = 1000

/** Called on install and update: menus persist across service-worker restarts, so once is enough. */
export async function createMenus(browser: ExtensionApi): Promise<void> {
  await browser.contextMenus.removeAll()
  browser.contextMenus.create({ id: MENU_AMPLIFY_LINK, title: "Amplify link", contexts: ["link"] })
  browser.contextMenus.create({ id: MENU_AMPLIFY_PAGE, title: "Amplify this page", contexts: ["page"], documentUrlPatterns: WEB_PAGES })
  browser.contextMenus.create({ id: MENU_AMPLIFY_SELECTION, title: "Amplify this page with “%s”", contexts: ["selection"], documentUrlPatterns: WEB_PAGES })
}

/** The selected text as a quote: whitespace collapsed, cut at MAX_QUOTE_CHARS with an ellipsis. */
export function quoteOf(selection: string): string {
  const text = selection.replace(/\s+/g, " ").trim()
  return text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS - 1)}…` : text
}

/** Asks the side panel (open now or soon) to show the amplify dialog prefilled. */
export async function requestAmplifyDialog(browser: ExtensionApi, req: Omit<AmplifyDialogRequest, "at">): Promise<void> {
  const record: AmplifyDialogRequest = { ...req, at: Date.now() }
  await browser.storage.session.set({ [AMPLIFY_DIALOG_KEY]: record })
}

/**
 * The menu click handler. The panel is opened first, while the click still counts as a gesture.
 * "Amplify link" and "Amplify this page" amplify at once (free); a selection opens the dialog with
 * the selected text as the note, where the person may add AMP.
 */
export function onMenuClicked(browser: ExtensionApi, amplify: Amplifier) {
  return (info: Browser.Menus.OnClickData, tab: Browser.Tabs.Tab | undefined): void => {
    if (info.menuItemId === MENU_AMPLIFY_SELECTION) {
      openPanel(browser, tab)
      const url = info.pageUrl ?? tab?.url ?? ""
      void requestAmplifyDialog(browser, { url, title: tab?.title, note: quoteOf(info.selectionText ?? ""), tabId: tab?.id })
      return
    }
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

/** The toolbar button and its shortcut (Alt+Shift+A): the side panel on this tab, the dialog prefilled with it. */
export function onActionClicked(browser: ExtensionApi) {
  return (tab: Browser.Tabs.Tab): void => {
    openPanel(browser, tab)
    if (tab.url && /^https?:/i.test(tab.url)) void requestAmplifyDialog(browser, { url: tab.url, title: tab.title, tabId: tab.id })
  }
}
