import type { z } from "zod"

import type { IdentityStatus } from "../../../../shared/messages/catalog"
import type { MessageDef } from "../../../../shared/messages/define"
import { send } from "../../messaging/send"

type Def = MessageDef<string, z.ZodType, z.ZodType>

/** Sends an identity message; a failure answer becomes an Error carrying the background's sentence and code. */
export async function callIdentity<D extends Def>(def: D, request: z.infer<D["request"]>): Promise<Extract<z.infer<D["response"]>, { ok: true }>> {
  const answer = (await send(def, request)) as { ok: boolean; code?: string; message?: string }
  if (!answer.ok) throw Object.assign(new Error(answer.message ?? "Synereo could not do that."), { code: answer.code })
  return answer as Extract<z.infer<D["response"]>, { ok: true }>
}

export type { IdentityStatus }

export function shortNpub(npub: string): string {
  return `${npub.slice(0, 12)}…${npub.slice(-6)}`
}
