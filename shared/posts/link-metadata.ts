/**
 * Page metadata as it comes from a web page is hostile input: any length, control characters,
 * bidi overrides that reverse what a reader sees, markup meant to be injected. This module turns
 * it into plain, bounded text. The UI renders it as text only (React text nodes), never as HTML.
 */

export const LIMITS = { title: 300, description: 1000, siteName: 100, imageUrl: 2048 } as const

export interface LinkMetadata {
  title: string
  description: string
  siteName: string
  /** An absolute https URL, or "" when the page has none we accept. */
  image: string
}

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g

export function cleanText(value: unknown, max: number): string {
  if (typeof value !== "string") return ""
  const flat = value.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim()
  const chars = Array.from(flat)
  return chars.length <= max ? flat : chars.slice(0, max - 1).join("").trimEnd() + "…"
}

/**
 * The preview image address a card may ever load, or "". Only https: a plain-http image would
 * also tell everyone on the reader's network which picture (so which post) they are looking at,
 * and could be rewritten on the way. Applied to new posts and again at render time, for posts
 * stored before this rule.
 */
export function cleanImageUrl(value: unknown, pageUrl: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > LIMITS.imageUrl) return ""
  try {
    const u = new URL(value.trim(), pageUrl)
    if (u.protocol !== "https:") return ""
    u.username = ""
    u.password = ""
    const s = u.toString()
    return s.length <= LIMITS.imageUrl ? s : ""
  } catch {
    return ""
  }
}

function field(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined
}

/** Builds safe metadata from whatever a page returned; falls back to the host for a missing title. */
export function sanitizeMetadata(raw: unknown, canonicalUrl: string): LinkMetadata {
  const host = new URL(canonicalUrl).host
  return {
    title: cleanText(field(raw, "title"), LIMITS.title) || host,
    description: cleanText(field(raw, "description"), LIMITS.description),
    siteName: cleanText(field(raw, "siteName"), LIMITS.siteName) || host,
    image: cleanImageUrl(field(raw, "image"), canonicalUrl)
  }
}
