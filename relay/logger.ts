import type { Logger } from "@nostr-relay/common"

export interface RelayLogger {
  debug?(message: string, ...args: unknown[]): void
  info(message: string, ...args: unknown[]): void
  warn(message: string, ...args: unknown[]): void
  error(message: string, ...args: unknown[]): void
}

/** Quiet by default: tests and `npm start` should only hear about problems. */
export const defaultRelayLogger: RelayLogger = {
  info: () => undefined,
  warn: (message, ...args) => console.warn(`[relay] ${message}`, ...args),
  error: (message, ...args) => console.error(`[relay] ${message}`, ...args)
}

/** The library's Logger also wants setLogLevel; the level is the caller's logger's business. */
export function toLibraryLogger(logger: RelayLogger): Logger {
  return {
    setLogLevel: () => undefined,
    debug: (message, ...args) => logger.debug?.(message, ...args),
    info: (message, ...args) => logger.info(message, ...args),
    warn: (message, ...args) => logger.warn(message, ...args),
    error: (message, ...args) => logger.error(message, ...args)
  }
}
