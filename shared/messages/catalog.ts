import * as z from "zod"

import { defineMessage } from "./define"

const amplifyResult = z.union([
  z.object({ ok: z.literal(true), status: z.enum(["created", "already-amplified"]), url: z.string(), title: z.string() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() })
])

/** Side panel → background: amplify the page in the active tab of the side panel's window. */
export const amplifyActiveTab = defineMessage("amplify/active-tab", z.object({ windowId: z.number().int().optional() }), amplifyResult)

/** Side panel → background: the person's public identity (created on first run). */
export const getIdentity = defineMessage("identity/get", z.object({}), z.object({ pubkey: z.string().regex(/^[0-9a-f]{64}$/), npub: z.string() }))

/** Every message the background answers. */
export const backgroundMessages = [amplifyActiveTab, getIdentity] as const

/** Last amplification outcome, kept in session storage so the side panel can show it. */
export const lastAmplifySchema = z.object({ at: z.number(), source: z.enum(["menu", "panel", "action"]), result: amplifyResult })
export type LastAmplify = z.infer<typeof lastAmplifySchema>
export const LAST_AMPLIFY_KEY = "amplify.last"
