import type Browser from "webextension-polyfill"

import type { ExtensionApi } from "../messaging/browser-api"

/**
 * Opens the Stream next to the page. Must be called synchronously inside a user gesture handler
 * (Chrome refuses `sidePanel.open` after an await). Firefox has the sidebar instead.
 */
export function openPanel(browser: ExtensionApi, tab: Browser.Tabs.Tab | undefined): void {
  const opening = browser.sidePanel
    ? browser.sidePanel.open(tab?.id !== undefined ? { tabId: tab.id } : { windowId: tab?.windowId })
    : browser.sidebarAction?.open()
  opening?.catch((err: unknown) => console.warn("Synereo: could not open the side panel", err))
}
