/**
 * Canonical form of a web link, so that the same page amplified from different places is one post.
 *
 * The rule (also in README "Link canonicalisation"):
 *  1. Only `http:` and `https:` links can be amplified. Everything else (`javascript:`, `data:`,
 *     `file:`, `chrome:`, `about:`, `blob:`, extension pages, ...) is refused before anything is
 *     read, signed or stored.
 *  2. Scheme and host are lower-cased, IDN hosts become punycode, a trailing dot on the host and
 *     the default port (80 for http, 443 for https) are dropped, dot-segments are resolved and an
 *     empty path becomes `/` (WHATWG URL parsing does most of this).
 *  3. A username or password in the link is removed: credentials never belong in a shared link.
 *  4. The fragment is dropped, except hash routes (`#/...` and `#!...`) that single-page apps use
 *     to address different pages.
 *  5. Tracking parameters are removed: every `utm_*` key and the click identifiers listed in
 *     TRACKING_PARAMS. The remaining parameters are sorted by key (stable for repeated keys), and
 *     an empty query is dropped.
 *  6. The result is at most MAX_URL_LENGTH characters.
 */

export const MAX_URL_LENGTH = 2048

/** Exact keys of click identifiers and mailing-list trackers; `utm_*` is matched by prefix. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
  "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
  "oly_enc_id", "vero_id", "vero_conv", "wickedid", "rb_clickid", "s_cid", "ref_src", "ref_url"
])

export type CanonicalUrlError =
  | { ok: false; code: "invalid-url"; message: string }
  | { ok: false; code: "unsupported-scheme"; scheme: string; message: string }
  | { ok: false; code: "too-long"; message: string }

export type CanonicalUrl = { ok: true; url: string; host: string } | CanonicalUrlError

function isTracking(key: string): boolean {
  const k = key.toLowerCase()
  return k.startsWith("utm_") || TRACKING_PARAMS.has(k)
}

export function canonicalizeUrl(raw: string): CanonicalUrl {
  const input = typeof raw === "string" ? raw.trim() : ""
  let u: URL
  try {
    u = new URL(input)
  } catch {
    return { ok: false, code: "invalid-url", message: "This is not a web address that can be amplified." }
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    const scheme = u.protocol.replace(/:$/, "")
    return {
      ok: false,
      code: "unsupported-scheme",
      scheme,
      message: `Only web pages (http or https) can be amplified; this is a "${scheme}:" address.`
    }
  }
  if (!u.hostname) return { ok: false, code: "invalid-url", message: "This web address has no host." }

  u.username = ""
  u.password = ""
  if (u.hostname.endsWith(".")) u.hostname = u.hostname.replace(/\.+$/, "")
  if (!(u.hash.startsWith("#/") || u.hash.startsWith("#!"))) u.hash = ""

  const kept = [...u.searchParams].filter(([k]) => !isTracking(k))
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  u.search = kept.length ? new URLSearchParams(kept).toString() : ""

  const url = u.toString()
  if (url.length > MAX_URL_LENGTH) {
    return { ok: false, code: "too-long", message: `This web address is longer than ${MAX_URL_LENGTH} characters.` }
  }
  return { ok: true, url, host: u.host }
}

/** The NIP-B0 `d` identifier of a bookmark: the canonical URL without its scheme. */
export function bookmarkIdentifier(canonicalUrl: string): string {
  return canonicalUrl.replace(/^https?:\/\//, "")
}
