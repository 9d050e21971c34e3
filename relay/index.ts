export {
  DATABASE_FILE_NAME,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  startRelay,
  type RelayStats,
  type RunningRelay,
  type StartRelayOptions
} from "./start-relay"
export { DEFAULT_FILTER_LIMIT, DEFAULT_LIMITS, MAX_FILTER_LIMIT, MAX_TAG_VALUE_CHARS, type RelayLimits } from "./limits"
export { isUndeletableKind } from "./nip09-deletion"
export { isLoopbackHost } from "./loopback"
export type { RelayLogger } from "./logger"
export { REJECT_DELETED, REJECT_EXPIRED } from "./event-guard"
