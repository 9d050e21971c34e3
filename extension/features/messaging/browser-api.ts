import type Browser from "webextension-polyfill"

/**
 * The extension APIs background features use. webextension-polyfill covers the cross-browser
 * ones; the side panel is Chrome's (`sidePanel`) and Firefox's (`sidebarAction`) and is typed here.
 * Features receive this object as a parameter, so tests can pass an in-memory fake.
 */
export type ExtensionApi = Browser.Browser & {
  sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> }
  sidebarAction?: { open(): Promise<void> }
}
