// Who may open the amplify dialog: the Stream's "Re-amplify" (`openAmplifyDialog`), and the
// background (toolbar button, Alt+Shift+A, the selection menu) through a request in
// storage.session that the side panel consumes. One dialog at a time; the newest request wins.
import { useEffect, useSyncExternalStore } from "react"
import browser from "webextension-polyfill"

import { AMPLIFY_DIALOG_KEY, amplifyDialogRequestSchema } from "../../../../shared/messages/catalog"
import { pageSingleton } from "../../../lib/page-singleton"

export interface AmplifyDialogInput {
  url: string
  title?: string
  /** Prefilled note or quote. */
  note?: string
  /** The tab the person invoked Synereo on (its page metadata can be read). */
  tabId?: number
  /** When the person asked for it (ms): older outcomes shown beside the dialog are stale. Default: now. */
  at?: number
}

export type AmplifyDialogState = ({ open: true } & AmplifyDialogInput & { key: number }) | { open: false }

// One dialog per page, whichever chunk opens it (the Stream, or the Wallet view's own copy).
const store = pageSingleton("amplify-dialog", () => ({
  state: { open: false } as AmplifyDialogState,
  key: 0,
  listeners: new Set<() => void>()
}))
const emit = () => store.listeners.forEach((l) => l())

/** Opens the side panel's amplify dialog for `url`, prefilled. */
export function openAmplifyDialog(input: AmplifyDialogInput): void {
  store.state = { open: true, ...input, at: input.at ?? Date.now(), key: ++store.key }
  emit()
}

export function closeAmplifyDialog(): void {
  store.state = { open: false }
  emit()
}

export function getAmplifyDialogState(): AmplifyDialogState {
  return store.state
}

export function subscribeAmplifyDialog(listener: () => void): () => void {
  store.listeners.add(listener)
  return () => store.listeners.delete(listener)
}

export function useAmplifyDialog(): AmplifyDialogState {
  return useSyncExternalStore(subscribeAmplifyDialog, getAmplifyDialogState)
}

/** Requests older than this (a panel opened much later) are dropped rather than shown. */
const REQUEST_TTL_MS = 5 * 60_000

/** Takes the background's open-dialog requests: the one waiting when the panel opens, then new ones. */
export function useAmplifyDialogRequests(): void {
  useEffect(() => {
    const take = (value: unknown) => {
      const parsed = amplifyDialogRequestSchema.safeParse(value)
      if (!parsed.success || Date.now() - parsed.data.at > REQUEST_TTL_MS) return
      const { url, title, note, tabId, at } = parsed.data
      openAmplifyDialog({ url, title, note, tabId, at })
      void browser.storage.session.remove(AMPLIFY_DIALOG_KEY).catch(() => undefined)
    }
    void browser.storage.session.get(AMPLIFY_DIALOG_KEY).then((items) => take(items[AMPLIFY_DIALOG_KEY]), () => undefined)
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === "session" && changes[AMPLIFY_DIALOG_KEY]?.newValue !== undefined) take(changes[AMPLIFY_DIALOG_KEY].newValue)
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [])
}
