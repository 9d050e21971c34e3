import * as z from "zod"
import type { EventTemplate } from "nostr-tools/pure"

import type { SignedEvent } from "../event-schema"
import { fail, parseSigned, singleTag, type Parsed } from "./common"

/**
 * NIP-78 application-specific data (addressable), for the person's Stream dials and opt-outs, so
 * they follow the person to another device. No NIP defines such settings; 30078 is the kind meant
 * for an application's own data. Read only from the person's own key.
 */
export const KIND_APP_DATA = 30078
export const STREAM_SETTINGS_D = "synereo-stream/stream-settings"

export const STREAM_SETTINGS_LIMITS = { listItems: 200, nameChars: 100, dials: 200, maxDial: 4 } as const

const L = STREAM_SETTINGS_LIMITS
const name = z.string().min(1).max(L.nameChars)

/** The content, as JSON (mirrors the engine's StreamSettings). */
export const streamSettingsSchema = z.strictObject({
  v: z.literal(1),
  allowAmplifiedFrom: z.array(z.enum(["friends", "communities", "topics", "everyone"])).max(4),
  communities: z.array(name).max(L.listItems),
  topics: z.array(name).max(L.listItems),
  blockedAdvertisers: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(L.listItems),
  dials: z.record(name, z.number().min(0).max(L.maxDial)).refine((d) => Object.keys(d).length <= L.dials, `at most ${L.dials} dials`)
})

export type StreamSettingsContent = z.infer<typeof streamSettingsSchema>

export interface StreamSettingsEvent {
  id: string
  author: string
  createdAt: number
  settings: StreamSettingsContent
}

export function streamSettingsTemplate(settings: StreamSettingsContent, createdAt: number): EventTemplate {
  const checked = streamSettingsSchema.parse(settings)
  return { kind: KIND_APP_DATA, created_at: createdAt, tags: [["d", STREAM_SETTINGS_D]], content: JSON.stringify(checked) }
}

/** Checks the settings event except its signature: our `d` tag and content that fits the schema. */
export function parseStreamSettings(input: unknown): Parsed<StreamSettingsEvent> {
  const base = parseSigned(input, KIND_APP_DATA)
  return base.ok ? streamSettingsFromEvent(base.value) : base
}

/** The kind rules alone, for an event that already passed parseSigned (the sync core's path). */
export function streamSettingsFromEvent(event: SignedEvent): Parsed<StreamSettingsEvent> {
  if (singleTag(event, "d") !== STREAM_SETTINGS_D) return fail("app data: not Synereo Stream settings")
  let json: unknown
  try {
    json = JSON.parse(event.content)
  } catch {
    return fail("stream settings: content is not JSON")
  }
  const settings = streamSettingsSchema.safeParse(json)
  if (!settings.success) return fail(`stream settings: ${settings.error.issues[0]?.message ?? "invalid"}`)
  return { ok: true, value: { id: event.id, author: event.pubkey, createdAt: event.created_at, settings: settings.data } }
}
