import type Browser from "webextension-polyfill"
import type { z } from "zod"

import { isEnvelope, type MessageDef } from "../../../shared/messages/define"

type AnyDef = MessageDef<string, z.ZodType, z.ZodType>

export type Handler<D extends AnyDef> = (request: z.infer<D["request"]>, sender: Browser.Runtime.MessageSender) => Promise<z.infer<D["response"]>>

export interface Route {
  def: AnyDef
  handle: (request: never, sender: Browser.Runtime.MessageSender) => Promise<unknown>
}

export function route<D extends AnyDef>(def: D, handle: Handler<D>): Route {
  return { def, handle: handle as Route["handle"] }
}

/**
 * Builds the background's single `runtime.onMessage` listener. Only messages from this extension's
 * own pages are answered; a message whose payload fails its schema gets a clear failure, never a
 * crash and never a silent drop.
 */
export function createMessageListener(ownId: string, routes: Route[]) {
  const byName = new Map(routes.map((r) => [r.def.name, r]))
  return (message: unknown, sender: Browser.Runtime.MessageSender): Promise<unknown> | undefined => {
    if (sender.id !== ownId || !isEnvelope(message)) return undefined
    const r = byName.get(message.type)
    if (!r) return undefined
    const parsed = r.def.request.safeParse(message.payload)
    if (!parsed.success) {
      return Promise.resolve({ ok: false, code: "bad-request", message: `Malformed ${message.type} request: ${parsed.error.issues[0]?.message ?? "invalid"}` })
    }
    return r.handle(parsed.data as never, sender).catch((err: unknown) => ({
      ok: false,
      code: "internal",
      message: `Synereo could not complete ${message.type}: ${err instanceof Error ? err.message : String(err)}`
    }))
  }
}
