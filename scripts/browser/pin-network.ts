// Pins the extension's wallet to an AMP network: sends `wallet/pin-network` with the signed genesis
// from one of the extension's own pages (the side panel, the welcome page), as the Settings field
// would. `npm start` and the e2e tests use it after seeding the demo ledger (scripts/amp/demo.ts).
import type { Page } from "puppeteer-core"

export type PinResult = { ok: true; network: { genesisId: string; network: string } } | { ok: false; code: string; message: string }

/** `page` must be a chrome-extension:// page of the extension. Pinning the same network again is harmless. */
export async function pinAmpNetwork(page: Page, genesis: unknown): Promise<PinResult> {
  return page.evaluate(
    async (genesis) => (await chrome.runtime.sendMessage({ type: "wallet/pin-network", payload: { genesis } })) as PinResult,
    genesis as Record<string, unknown>
  )
}
