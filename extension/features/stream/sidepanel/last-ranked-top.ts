/**
 * The top of the Stream as last ranked on this device, so the next panel opens in that order.
 *
 * The first cards paint before the engine worker has started (first-card.ts), and the engine's
 * order then replaced the newest-first cards at the top about half a second later: every time the
 * panel opened, the cards someone was looking at changed places. With the last ranked top kept
 * here, the first paint shows the order the person last saw; the fresh ranking usually agrees, and
 * where it does not, only what really changed moves.
 *
 * Kept in the extension origin's localStorage: synchronous (the first paint must not wait for a
 * query), small (URLs the person's own database already holds) and never sent anywhere. Written
 * with the person's pubkey, so another identity imported on this device does not inherit it.
 */
export const LAST_RANKED_TOP_KEY = "stream.lastRankedTop.v1"
/** As many as the first screen and a scroll hold; the head query reads these rows first. */
export const LAST_RANKED_TOP_SIZE = 12

export interface LastRankedTop {
  me: string
  urls: string[]
}

/** Only what this module wrote: a person's key and a few URL strings. */
function parse(raw: string | null): LastRankedTop | undefined {
  if (!raw) return undefined
  try {
    const v = JSON.parse(raw) as unknown
    if (typeof v !== "object" || v === null) return undefined
    const { me, urls } = v as { me?: unknown; urls?: unknown }
    if (typeof me !== "string" || !Array.isArray(urls)) return undefined
    const clean = urls.filter((u): u is string => typeof u === "string" && u.length <= 2048).slice(0, LAST_RANKED_TOP_SIZE)
    return { me, urls: clean }
  } catch {
    return undefined
  }
}

export function readLastRankedTop(): LastRankedTop | undefined {
  try {
    return parse(localStorage.getItem(LAST_RANKED_TOP_KEY))
  } catch {
    return undefined // storage unavailable: the first paint is newest first, as before
  }
}

/** After a ranking: the top of the order the person now sees (ranked posts first). */
export function writeLastRankedTop(me: string, order: readonly string[]): void {
  const urls = order.slice(0, LAST_RANKED_TOP_SIZE)
  const prev = readLastRankedTop()
  if (prev && prev.me === me && prev.urls.length === urls.length && prev.urls.every((u, i) => u === urls[i])) return
  try {
    localStorage.setItem(LAST_RANKED_TOP_KEY, JSON.stringify({ me, urls }))
  } catch {
    // storage full or unavailable: the next panel paints newest first
  }
}
