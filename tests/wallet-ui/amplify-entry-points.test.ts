// The selection menu, the toolbar button and its shortcut open the side panel's amplify dialog
// prefilled, through a request in storage.session; "Amplify link" / "this page" still amplify at once.
import { describe, expect, it, vi } from "vitest"

import { AMPLIFY_DIALOG_KEY, amplifyDialogRequestSchema } from "../../shared/messages/catalog"
import { MENU_AMPLIFY_PAGE, MENU_AMPLIFY_SELECTION, onActionClicked, onMenuClicked } from "../../extension/features/amplify/background/menus"
import type { ExtensionApi } from "../../extension/features/messaging/browser-api"

function fakeBrowser() {
  const session: Record<string, unknown> = {}
  const opened: unknown[] = []
  const browser = {
    storage: { session: { set: async (items: Record<string, unknown>) => void Object.assign(session, items) } },
    sidePanel: { open: async (o: unknown) => void opened.push(o) }
  } as unknown as ExtensionApi
  return { browser, session, opened }
}

const tab = { id: 7, windowId: 1, url: "https://example.com/essay?utm_source=x", title: "An essay", index: 0, highlighted: true, active: true, pinned: false, incognito: false }
const flush = () => new Promise((r) => setTimeout(r, 0))

describe("amplify entry points", () => {
  it("a selection opens the dialog on the page with the quote as the note, without amplifying", async () => {
    const fx = fakeBrowser()
    const amplify = vi.fn()
    onMenuClicked(fx.browser, amplify as never)({ menuItemId: MENU_AMPLIFY_SELECTION, pageUrl: tab.url, selectionText: "  attention\n is  scarce ", editable: false, modifiers: [] }, tab)
    await flush()
    expect(amplify).not.toHaveBeenCalled()
    expect(fx.opened).toEqual([{ tabId: 7 }])
    const req = amplifyDialogRequestSchema.parse(fx.session[AMPLIFY_DIALOG_KEY])
    expect(req).toMatchObject({ url: tab.url, title: "An essay", note: "attention is scarce", tabId: 7 })
  })

  it("the toolbar button (and Alt+Shift+A) opens the dialog for web pages only", async () => {
    const fx = fakeBrowser()
    onActionClicked(fx.browser)(tab)
    await flush()
    expect(fx.opened).toEqual([{ tabId: 7 }])
    expect(fx.session[AMPLIFY_DIALOG_KEY]).toMatchObject({ url: tab.url, tabId: 7 })

    const other = fakeBrowser()
    onActionClicked(other.browser)({ ...tab, url: "chrome://settings" })
    await flush()
    expect(other.opened).toHaveLength(1)
    expect(other.session[AMPLIFY_DIALOG_KEY]).toBeUndefined()
  })

  it("“Amplify this page” still amplifies at once, free", async () => {
    const fx = fakeBrowser()
    const amplify = vi.fn(async () => ({ ok: true }))
    onMenuClicked(fx.browser, amplify as never)({ menuItemId: MENU_AMPLIFY_PAGE, pageUrl: tab.url, editable: false, modifiers: [] }, tab)
    await flush()
    expect(amplify).toHaveBeenCalledWith(expect.objectContaining({ url: tab.url, source: "menu" }))
    expect(fx.session[AMPLIFY_DIALOG_KEY]).toBeUndefined()
  })
})
