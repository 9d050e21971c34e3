import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { HEX64, charCount, parseSigned, type Parsed } from "./common"

/** NIP-51 mute list (replaceable). Muted pubkeys never reach the Stream, as posts or amplifications. */
export const KIND_MUTE_LIST = 10000

export const MUTE_LIMITS = { wordChars: 100, hashtagChars: 100 } as const

export interface MuteListInput {
  pubkeys?: string[]
  hashtags?: string[]
  words?: string[]
  threads?: string[]
}

export interface MuteList {
  id: string
  author: string
  createdAt: number
  pubkeys: string[]
  hashtags: string[]
  words: string[]
  threads: string[]
  /** True when the content holds encrypted private items (NIP-51); we do not read them yet. */
  hasPrivateItems: boolean
  skipped: number
}

/** The unsigned public mute list: `p`, `t`, `word` and `e` tags (NIP-51), content empty. */
export function muteListTemplate(input: MuteListInput, createdAt: number): EventTemplate {
  const tags: string[][] = []
  for (const p of new Set(input.pubkeys ?? [])) {
    if (!HEX64.test(p)) throw new RangeError(`not a hex pubkey: ${p}`)
    tags.push(["p", p])
  }
  for (const t of new Set((input.hashtags ?? []).map((h) => h.toLowerCase().replace(/^#/, "")))) tags.push(["t", t])
  for (const w of new Set((input.words ?? []).map((x) => x.toLowerCase()))) tags.push(["word", w])
  for (const e of new Set(input.threads ?? [])) {
    if (!HEX64.test(e)) throw new RangeError(`not an event id: ${e}`)
    tags.push(["e", e])
  }
  return { kind: KIND_MUTE_LIST, created_at: createdAt, tags, content: "" }
}

/** Checks a mute list except its signature; entries of the wrong form are skipped and counted. */
export function parseMuteList(input: unknown): Parsed<MuteList> {
  const base = parseSigned(input, KIND_MUTE_LIST)
  return base.ok ? muteListFromEvent(base.value) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function muteListFromEvent(event: SignedEvent): Parsed<MuteList> {
  const out: MuteList = { id: event.id, author: event.pubkey, createdAt: event.created_at, pubkeys: [], hashtags: [], words: [], threads: [], hasPrivateItems: event.content !== "", skipped: 0 }
  for (const [name, value] of event.tags) {
    if (value === undefined) continue
    if (name === "p") HEX64.test(value) ? out.pubkeys.push(value) : out.skipped++
    else if (name === "e") HEX64.test(value) ? out.threads.push(value) : out.skipped++
    else if (name === "t") value && charCount(value) <= MUTE_LIMITS.hashtagChars ? out.hashtags.push(value.toLowerCase()) : out.skipped++
    else if (name === "word") value && charCount(value) <= MUTE_LIMITS.wordChars ? out.words.push(value.toLowerCase()) : out.skipped++
  }
  out.pubkeys = [...new Set(out.pubkeys)]
  out.hashtags = [...new Set(out.hashtags)]
  out.words = [...new Set(out.words)]
  out.threads = [...new Set(out.threads)]
  return { ok: true, value: out }
}
