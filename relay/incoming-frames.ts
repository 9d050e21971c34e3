import { MessageType, type Client, type OutgoingMessage } from "@nostr-relay/common"
import type { NostrRelay } from "@nostr-relay/core"
import type { Validator } from "@nostr-relay/validator"
import type { RawData } from "ws"
import type { RelayLimits } from "./limits"
import { MAX_SUBSCRIPTION_ID_LENGTH } from "./limits"
import type { RelayLogger } from "./logger"
import type { SerialLock } from "./serial-lock"

export interface RelayCounters {
  eventsReceived: number
  eventsAccepted: number
  eventsRejected: number
  expiredPurged: number
}

export interface FrameDeps {
  relay: NostrRelay
  validator: Validator
  lock: SerialLock
  limits: RelayLimits
  logger: RelayLogger
  counters: RelayCounters
}

type Socket = Client & { readyState: number }

/**
 * Turns one WebSocket frame into exactly one kind of answer. The library expects to be handed an
 * already-validated message, and the usual way to validate it answers every problem with a NOTICE;
 * a client waiting for the OK of its EVENT then sits out its timeout. Here a rejected EVENT always
 * gets `OK false` (when it has an id to answer to), a rejected REQ gets CLOSED, and only frames
 * with nothing to answer to (bad JSON, not an array, no id) get a NOTICE.
 */
export async function handleFrame(socket: Socket, data: RawData, deps: FrameDeps): Promise<void> {
  const bytes = toBuffer(data)
  let message: unknown
  try {
    message = JSON.parse(bytes.toString("utf8"))
  } catch {
    return notice(socket, "invalid: message is not valid JSON")
  }
  if (!Array.isArray(message) || typeof message[0] !== "string") {
    return notice(socket, 'invalid: a message is a JSON array like ["EVENT", {...}] or ["REQ", "<id>", {...}]')
  }
  const tooLarge = bytes.length > deps.limits.maxMessageBytes
    ? `invalid: too large (${bytes.length} bytes; the limit is ${deps.limits.maxMessageBytes})`
    : null

  switch (message[0]) {
    case MessageType.EVENT:
      return handleEvent(socket, message, tooLarge, deps)
    case MessageType.REQ:
      return handleReq(socket, message, tooLarge, deps)
    case MessageType.CLOSE:
      if (typeof message[1] !== "string") return notice(socket, "invalid: CLOSE needs a subscription id")
      await deps.relay.handleMessage(socket, [MessageType.CLOSE, message[1]])
      return
    case MessageType.AUTH:
      return handleAuth(socket, message, deps)
    case "COUNT":
      if (typeof message[1] !== "string") return notice(socket, "error: COUNT (NIP-45) is not supported")
      return send(socket, [MessageType.CLOSED, message[1], "error: COUNT (NIP-45) is not supported"])
    default:
      return notice(socket, `invalid: unknown message type ${JSON.stringify(message[0].slice(0, 32))}`)
  }
}

async function handleEvent(socket: Socket, message: unknown[], tooLarge: string | null, deps: FrameDeps): Promise<void> {
  deps.counters.eventsReceived++
  const id = idOf(message[1])
  const reject = (reason: string): void => {
    deps.counters.eventsRejected++
    if (id === null) notice(socket, reason)
    else send(socket, [MessageType.OK, id, false, reason])
  }
  if (tooLarge) return reject(tooLarge)
  if (message.length !== 2) return reject('invalid: an EVENT message is ["EVENT", <event>]')

  let event
  try {
    event = await deps.validator.validateEvent(message[1] as object)
  } catch (error) {
    return reject(invalidReason(error))
  }

  try {
    // The library sends the OK itself, including for refusals by our EventGuard.
    const result = await deps.lock.run(() => deps.relay.handleMessage(socket, [MessageType.EVENT, event]))
    if (result && result.messageType === MessageType.EVENT && result.success) deps.counters.eventsAccepted++
    else deps.counters.eventsRejected++
  } catch (error) {
    deps.logger.error(`EVENT ${event.id} failed`, error)
    reject("error: the relay failed to store the event")
  }
}

async function handleReq(socket: Socket, message: unknown[], tooLarge: string | null, deps: FrameDeps): Promise<void> {
  const [, subscriptionId, ...rawFilters] = message
  if (typeof subscriptionId !== "string" || subscriptionId.length === 0 || subscriptionId.length > MAX_SUBSCRIPTION_ID_LENGTH) {
    return notice(socket, `invalid: REQ needs a subscription id of 1-${MAX_SUBSCRIPTION_ID_LENGTH} characters`)
  }
  if (tooLarge) return send(socket, [MessageType.CLOSED, subscriptionId, tooLarge])
  let filters
  try {
    filters = await deps.validator.validateFilters(rawFilters)
  } catch (error) {
    return send(socket, [MessageType.CLOSED, subscriptionId, invalidReason(error)])
  }
  await deps.lock.run(() => deps.relay.handleMessage(socket, [MessageType.REQ, subscriptionId, ...filters]))
}

/** NIP-42 is off (no hostname), so the library acknowledges any well-formed AUTH. */
async function handleAuth(socket: Socket, message: unknown[], deps: FrameDeps): Promise<void> {
  const id = idOf(message[1])
  let event
  try {
    event = await deps.validator.validateEvent(message[1] as object)
  } catch (error) {
    if (id === null) return notice(socket, invalidReason(error))
    return send(socket, [MessageType.OK, id, false, invalidReason(error)])
  }
  await deps.relay.handleMessage(socket, [MessageType.AUTH, event])
}

function idOf(event: unknown): string | null {
  if (typeof event !== "object" || event === null) return null
  const id = (event as { id?: unknown }).id
  return typeof id === "string" && id.length > 0 && id.length <= 128 ? id : null
}

function invalidReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.startsWith("invalid:") ? message : `invalid: ${message}`
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

function notice(socket: Socket, text: string): void {
  send(socket, [MessageType.NOTICE, text])
}

function send(socket: Socket, message: OutgoingMessage): void {
  if (socket.readyState === 1) socket.send(JSON.stringify(message))
}
