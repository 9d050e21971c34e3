import browser from "webextension-polyfill"
import type { z } from "zod"

import type { MessageDef } from "../../../shared/messages/define"

/** Sends a declared message to the background and checks the answer against its schema. */
export async function send<D extends MessageDef<string, z.ZodType, z.ZodType>>(def: D, request: z.infer<D["request"]>): Promise<z.infer<D["response"]>> {
  const raw: unknown = await browser.runtime.sendMessage({ type: def.name, payload: request })
  const parsed = def.response.safeParse(raw)
  if (!parsed.success) {
    const failure = raw as { message?: unknown } | undefined
    throw new Error(typeof failure?.message === "string" ? failure.message : `Unexpected answer to ${def.name}`)
  }
  return parsed.data as z.infer<D["response"]>
}

/** How a module that must not load the browser API (settle-with-engine.ts) is handed `send`. */
export type Send = typeof send
