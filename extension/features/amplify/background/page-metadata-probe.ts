/**
 * Runs inside the page (scripting.executeScript serialises this function, so it must not use
 * anything from its module). It only READS: meta tags and <title> of the page, or, for a link,
 * the link's text and, when the link is on the same origin, the linked page's meta tags fetched
 * as data and parsed without running anything. It returns plain strings; the background cleans
 * them (shared/posts/link-metadata.ts).
 */
export async function pageMetadataProbe(linkUrl: string | null): Promise<Record<string, string>> {
  const pick = (doc: Document, selectors: string[]): string => {
    for (const s of selectors) {
      const el = doc.querySelector(s)
      const v = el?.getAttribute("content") ?? (el?.tagName === "TITLE" ? el.textContent : null)
      if (v && v.trim()) return v.slice(0, 4000)
    }
    return ""
  }
  const read = (doc: Document): Record<string, string> => ({
    title: pick(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]', "title"]),
    description: pick(doc, ['meta[property="og:description"]', 'meta[name="twitter:description"]', 'meta[name="description"]']),
    image: pick(doc, ['meta[property="og:image"]', 'meta[property="og:image:url"]', 'meta[name="twitter:image"]']),
    siteName: pick(doc, ['meta[property="og:site_name"]'])
  })

  if (!linkUrl) return read(document)

  const anchor = Array.from(document.querySelectorAll("a[href]")).find((a) => (a as HTMLAnchorElement).href === linkUrl) as HTMLAnchorElement | undefined
  const fromAnchor = { title: (anchor?.getAttribute("title") || anchor?.textContent || "").slice(0, 4000), description: "", image: "", siteName: "" }
  try {
    if (new URL(linkUrl).origin !== location.origin) return fromAnchor
    const ctrl = new AbortController()
    const timer = setTimeout(() => ctrl.abort(), 3000)
    const res = await fetch(linkUrl, { signal: ctrl.signal, credentials: "omit", redirect: "follow" })
    clearTimeout(timer)
    if (!res.ok || !(res.headers.get("content-type") ?? "").includes("text/html")) return fromAnchor
    const html = (await res.text()).slice(0, 512 * 1024)
    // DOMParser builds an inert document: scripts do not run, images do not load.
    const linked = read(new DOMParser().parseFromString(html, "text/html"))
    return { ...linked, title: linked.title || fromAnchor.title }
  } catch {
    return fromAnchor
  }
}
