import type { Io } from "../io"

export interface Command {
  name: string
  summary: string
  help: string
  /** Runs with the arguments after the command name; returns the exit code. */
  run(argv: string[], io: Io): Promise<number>
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)
