import type { Rng } from "../engine/sim/rng"
import { canonicalizeUrl } from "../url/canonical-url"
import { DESCRIPTION_FRAMES, SPAM_HEADLINES, SPAM_SITES, TITLE_FRAMES, TOPICS, type Headline, type Site, type Topic } from "./catalog"

/** One web page someone in the demo amplifies. */
export interface Article {
  /** Canonical URL (shared/url/canonical-url.ts). */
  url: string
  title: string
  description: string
  siteName: string
  /** The community tag it is posted under. */
  topic: string
}

/** The catalog's topic for a tag, or a plain one built from the tag for communities it does not know. */
export function topicFor(tag: string): Topic {
  const known = TOPICS.find((t) => t.tag === tag)
  if (known) return known
  const word = tag.replace(/-/g, " ")
  return {
    tag,
    sites: [
      { domain: `${tag}-weekly.com`, name: `${capitalise(word)} Weekly`, path: "dated" },
      { domain: `the${tag.replace(/-/g, "")}journal.org`, name: `The ${capitalise(word)} Journal`, path: "blog" },
      { domain: `${tag}.news`, name: `${capitalise(word)} News`, path: "numbered" }
    ],
    headlines: [],
    subjects: [word, `${word} communities`, `the future of ${word}`, `${word} research`, `${word} for beginners`, `${word} policy`],
    comments: []
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function slugify(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "")
}

function pathFor(site: Site, slug: string, at: number, rng: Rng): string {
  const d = new Date(at * 1000)
  const yyyy = d.getUTCFullYear()
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0")
  const dd = String(d.getUTCDate()).padStart(2, "0")
  switch (site.path) {
    case "dated":
      return `/${yyyy}/${mm}/${dd}/${slug}`
    case "section":
      return `/${site.sections?.[rng.int(site.sections.length)] ?? "news"}/${slug}`
    case "numbered":
      return `/articles/${slug}-${100000 + rng.int(900000)}`
    case "blog":
      return `/blog/${slug}`
    case "newsletter":
      return `/p/${slug}`
  }
}

function articleOn(site: Site, h: Headline, topic: string, at: number, rng: Rng): Article {
  const canon = canonicalizeUrl(`https://${site.domain}${pathFor(site, slugify(h.title), at, rng)}`)
  if (!canon.ok) throw new Error(`demo catalog: bad URL for ${h.title}: ${canon.message}`)
  return { url: canon.url, title: h.title, description: h.description, siteName: site.name, topic }
}

/**
 * Hands out fresh articles per topic: the hand-written headlines first (in a seeded order), then
 * headlines composed from the topic's subjects and the frames, never the same title twice.
 */
export class ArticleSource {
  private readonly order = new Map<string, Headline[]>()
  private readonly usedTitles = new Set<string>()
  private readonly usedUrls = new Set<string>()
  private spamCursor = 0

  fresh(tag: string, at: number, rng: Rng): Article {
    const topic = topicFor(tag)
    let queue = this.order.get(tag)
    if (!queue) {
      queue = [...topic.headlines]
      for (let i = queue.length - 1; i > 0; i--) {
        const j = rng.int(i + 1)
        ;[queue[i], queue[j]] = [queue[j]!, queue[i]!]
      }
      this.order.set(tag, queue)
    }
    let headline = queue.shift()
    for (let tries = 0; !headline && tries < 40; tries++) {
      const s = topic.subjects[rng.int(topic.subjects.length)]!
      const title = TITLE_FRAMES[rng.int(TITLE_FRAMES.length)]!.replace("{s}", s).replace("{S}", capitalise(s))
      if (this.usedTitles.has(`${tag}|${title}`)) continue
      headline = { title, description: DESCRIPTION_FRAMES[rng.int(DESCRIPTION_FRAMES.length)]!.replace("{s}", s) }
    }
    if (!headline) {
      // Every combination is taken (a very long run): number the follow-ups.
      const s = topic.subjects[rng.int(topic.subjects.length)]!
      headline = { title: `${capitalise(s)}: notes, part ${this.usedTitles.size + 1}`, description: DESCRIPTION_FRAMES[0]!.replace("{s}", s) }
    }
    this.usedTitles.add(`${tag}|${headline.title}`)
    return this.unique(() => articleOn(topic.sites[rng.int(topic.sites.length)]!, headline, tag, at, rng))
  }

  /** The sybil cluster's clickbait, posted under an honest community's tag. */
  spam(tag: string, at: number, rng: Rng): Article {
    const h = SPAM_HEADLINES[this.spamCursor++ % SPAM_HEADLINES.length]!
    return this.unique(() => articleOn(SPAM_SITES[rng.int(SPAM_SITES.length)]!, h, tag, at, rng))
  }

  private unique(make: () => Article): Article {
    let a = make()
    for (let tries = 0; this.usedUrls.has(a.url) && tries < 20; tries++) a = make()
    for (let n = 2; this.usedUrls.has(a.url); n++) {
      const u = new URL(a.url)
      u.pathname = `${u.pathname.replace(/-\d+$/, "")}-${n}`
      a = { ...a, url: u.toString() }
    }
    this.usedUrls.add(a.url)
    return a
  }
}
