import { fakeBrowser } from "@webext-core/fake-browser"
import type Browser from "webextension-polyfill"

import type { ExtensionApi } from "../../extension/features/messaging/browser-api"

type MenuInfo = Browser.Menus.OnClickData
type Listener<A extends unknown[]> = (...args: A) => unknown

function event<A extends unknown[]>() {
  const listeners = new Set<Listener<A>>()
  return {
    addListener: (l: Listener<A>) => void listeners.add(l),
    removeListener: (l: Listener<A>) => void listeners.delete(l),
    hasListener: (l: Listener<A>) => listeners.has(l),
    trigger: async (...args: A) => Promise.all([...listeners].map((l) => l(...args)))
  }
}

export interface FakeExtension {
  browser: ExtensionApi
  /** Menus created, by id. */
  menus: Map<string | number, Browser.Menus.CreateCreatePropertiesType>
  /** What executeScript returns per tab; a tab without an entry behaves like a page we may not read. */
  pageMetadata: Map<number, unknown>
  /** Tabs the person invoked the extension on (activeTab); only these reveal their URL. */
  activeTabGrants: Set<number>
  sidePanelOpens: { tabId?: number; windowId?: number }[]
  clickMenu(info: Partial<MenuInfo> & { menuItemId: string }, tab?: Browser.Tabs.Tab): Promise<unknown[]>
  clickAction(tab: Browser.Tabs.Tab): Promise<unknown[]>
  install(): Promise<void>
}

/**
 * An in-memory browser for background tests, rebuilt for every test: @webext-core/fake-browser's
 * storage, runtime, tabs and windows, plus the context menus, scripting, action and side-panel
 * APIs this extension uses, with Chrome's activeTab rule (a tab's URL is visible only after the
 * person invoked the extension on it).
 */
export function createFakeExtension(): FakeExtension {
  fakeBrowser.reset()
  const menus = new Map<string | number, Browser.Menus.CreateCreatePropertiesType>()
  const pageMetadata = new Map<number, unknown>()
  const activeTabGrants = new Set<number>()
  const sidePanelOpens: { tabId?: number; windowId?: number }[] = []
  const onMenuClicked = event<[MenuInfo, Browser.Tabs.Tab | undefined]>()
  const onActionClicked = event<[Browser.Tabs.Tab]>()

  const realQuery = fakeBrowser.tabs.query.bind(fakeBrowser.tabs)
  const browser = {
    ...fakeBrowser,
    tabs: {
      ...fakeBrowser.tabs,
      async query(q: Browser.Tabs.QueryQueryInfoType) {
        const tabs = await realQuery(q)
        return tabs.map((t) => (t.id !== undefined && activeTabGrants.has(t.id) ? t : { ...t, url: undefined, title: undefined }))
      }
    },
    contextMenus: {
      async removeAll() {
        menus.clear()
      },
      create(props: Browser.Menus.CreateCreatePropertiesType) {
        if (props.id === undefined) throw new Error("menu without id")
        if (menus.has(props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`)
        menus.set(props.id, props)
        return props.id
      },
      onClicked: onMenuClicked
    },
    scripting: {
      async executeScript(injection: { target: { tabId: number }; args?: unknown[] }) {
        const tabId = injection.target.tabId
        if (!activeTabGrants.has(tabId) || !pageMetadata.has(tabId)) {
          throw new Error("Cannot access contents of the page. Extension manifest must request permission to access the respective host.")
        }
        return [{ frameId: 0, result: pageMetadata.get(tabId) }]
      }
    },
    action: { ...fakeBrowser.action, onClicked: onActionClicked, setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
    // Optional permissions start ungranted, as in a fresh install.
    permissions: { contains: async () => false, request: async () => false, remove: async () => true, onAdded: event(), onRemoved: event() },
    idle: { queryState: async () => "active", setDetectionInterval: () => {}, onStateChanged: event() },
    storage: { ...fakeBrowser.storage, session: Object.assign(fakeBrowser.storage.session, { setAccessLevel: async () => {} }) },
    sidePanel: {
      async open(options: { tabId?: number; windowId?: number }) {
        sidePanelOpens.push(options)
      }
    }
  } as unknown as ExtensionApi

  return {
    browser,
    menus,
    pageMetadata,
    activeTabGrants,
    sidePanelOpens,
    clickMenu(info, tab) {
      if (tab?.id !== undefined) activeTabGrants.add(tab.id)
      return onMenuClicked.trigger({ editable: false, ...info } as MenuInfo, tab)
    },
    clickAction(tab) {
      if (tab.id !== undefined) activeTabGrants.add(tab.id)
      return onActionClicked.trigger(tab)
    },
    async install() {
      await fakeBrowser.runtime.onInstalled.trigger({ reason: "install" })
    }
  }
}
