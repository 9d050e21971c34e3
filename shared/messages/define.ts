import type { z } from "zod"

/**
 * A message between extension contexts, declared once with its request and response schemas.
 * Senders get typed calls; receivers treat every inbound value as `unknown` until the request
 * schema accepts it, and senders check the response the same way.
 */
export interface MessageDef<Name extends string, Req extends z.ZodType, Res extends z.ZodType> {
  name: Name
  request: Req
  response: Res
}

export function defineMessage<Name extends string, Req extends z.ZodType, Res extends z.ZodType>(
  name: Name,
  request: Req,
  response: Res
): MessageDef<Name, Req, Res> {
  return { name, request, response }
}

/** The envelope on the wire: `{ type, payload }`. */
export interface Envelope {
  type: string
  payload: unknown
}

export function isEnvelope(value: unknown): value is Envelope {
  return value !== null && typeof value === "object" && typeof (value as Envelope).type === "string" && "payload" in value
}

export type RequestOf<M> = M extends MessageDef<string, infer Req, z.ZodType> ? z.infer<Req> : never
export type ResponseOf<M> = M extends MessageDef<string, z.ZodType, infer Res> ? z.infer<Res> : never

/** What a handler's failure looks like to the sender; never a thrown exception across contexts. */
export type Failure = { ok: false; code: string; message: string }
