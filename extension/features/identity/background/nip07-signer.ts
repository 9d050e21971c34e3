import type { EventTemplate } from "nostr-tools/pure"

import { IdentityError } from "../../../../shared/identity/errors"
import { checkSignerAnswer, isPubkeyHex } from "../../../../shared/identity/signer-answer"
import type { SignedEvent } from "../../../../shared/nostr/event-schema"
import type { ExtensionApi } from "../../messaging/browser-api"
import { INVOKED_TABS_SESSION } from "./identity-records"
import { nip07MainWorldCall } from "./nip07-main-world"

/**
 * Reaches a NIP-07 signer extension. Another extension's `window.nostr` exists only in the main
 * world of web pages, so Synereo runs a small function there with `scripting.executeScript({ world:
 * "MAIN" })`. The extension may do that only on a tab the person invoked it on (activeTab), so the
 * candidates are: the tab named by the caller, the tabs recently invoked (toolbar button, shortcut,
 * context menu), then the active tab of each window. A tab we may not script is skipped; a signer
 * that refuses stops the search (the person said no).
 */
export interface Nip07Signer {
  getPublicKey(tabId?: number): Promise<string>
  signEvent(template: EventTemplate, pubkey: string, tabId?: number): Promise<SignedEvent>
}

const MAX_REMEMBERED_TABS = 5

export const NO_PAGE_MESSAGE =
  "Synereo reaches your Nostr signer extension through a web page you invoked Synereo on. Open a web page (http or https), click the Synereo button in the toolbar on it, and try again."
export const NO_SIGNER_MESSAGE =
  "No Nostr signer answered on that page (window.nostr is missing). Install or enable nos2x, Alby or another NIP-07 signer, reload the page, click the Synereo button on it, and try again."

/** Remembers a tab the person invoked Synereo on; activeTab lets us script it until it navigates. */
export async function rememberInvokedTab(session: ExtensionApi["storage"]["session"], tabId: number | undefined): Promise<void> {
  if (tabId === undefined || tabId < 0) return
  const prev = (await session.get(INVOKED_TABS_SESSION))[INVOKED_TABS_SESSION]
  const list = Array.isArray(prev) ? prev.filter((t): t is number => typeof t === "number" && t !== tabId) : []
  await session.set({ [INVOKED_TABS_SESSION]: [tabId, ...list].slice(0, MAX_REMEMBERED_TABS) })
}

export function createNip07Signer(browser: ExtensionApi, opts: { timeoutMs?: number } = {}): Nip07Signer {
  const timeoutMs = opts.timeoutMs ?? 120_000

  async function candidateTabs(hint?: number): Promise<number[]> {
    const remembered = (await browser.storage.session.get(INVOKED_TABS_SESSION))[INVOKED_TABS_SESSION]
    const focused = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => [])
    const active = await browser.tabs.query({ active: true }).catch(() => [])
    const ids = [hint, ...(Array.isArray(remembered) ? remembered : []), ...focused.map((t) => t.id), ...active.map((t) => t.id)]
    return [...new Set(ids.filter((t): t is number => typeof t === "number" && t >= 0))]
  }

  async function call(op: "getPublicKey" | "signEvent", template: EventTemplate | null, hint?: number): Promise<unknown> {
    let sawPage = false
    for (const tabId of await candidateTabs(hint)) {
      let answer: Awaited<ReturnType<typeof nip07MainWorldCall>> | undefined
      try {
        const [first] = await browser.scripting.executeScript({ target: { tabId }, world: "MAIN", func: nip07MainWorldCall, args: [op, template, timeoutMs] })
        answer = first?.result as typeof answer
      } catch {
        continue // not a tab we may script (no activeTab grant, or a browser page)
      }
      sawPage = true
      if (!answer || typeof answer !== "object") continue
      if (answer.ok) return answer.value
      if (answer.code === "no-signer") continue
      if (answer.code === "timeout") throw new IdentityError("signer-timeout", "Your Nostr signer did not answer in time. Look for its prompt and try again.")
      throw new IdentityError("signer-refused", `Your Nostr signer refused${answer.message ? `: ${answer.message}` : "."}`)
    }
    throw new IdentityError("no-signer", sawPage ? NO_SIGNER_MESSAGE : NO_PAGE_MESSAGE)
  }

  return {
    async getPublicKey(tabId) {
      const value = await call("getPublicKey", null, tabId)
      if (!isPubkeyHex(value)) throw new IdentityError("signer-bad-answer", "Your Nostr signer answered with something that is not a public key.")
      return value
    },
    async signEvent(template, pubkey, tabId) {
      const value = await call("signEvent", template, tabId)
      const checked = checkSignerAnswer(value, template, pubkey)
      if (!checked.ok) throw new IdentityError("signer-bad-answer", `Synereo did not accept what your Nostr signer returned: ${checked.reason}.`)
      return checked.event
    }
  }
}
