/**
 * The neutral stand-in for a preview image: the site's first letter on a tint derived from its
 * host. Computed here, drawn by CSS: no network, and the same for everyone who sees the card.
 */
export function siteInitial(siteName: string, url: string): string {
  const source = siteName.trim() || hostOf(url).replace(/^www\./, "")
  const first = Array.from(source).find((c) => /[\p{L}\p{N}]/u.test(c))
  return first ? first.toLocaleUpperCase() : "•"
}

/** A stable hue (0-359) per host, so cards from one site share a colour. */
export function siteHue(url: string): number {
  let h = 0
  for (const c of hostOf(url)) h = (h * 31 + c.charCodeAt(0)) % 360
  return h
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ""
  }
}
