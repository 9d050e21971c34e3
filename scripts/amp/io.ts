// Where a command writes and what it may read from its environment, so tests can run commands
// in-process and child processes run them for real.
export interface Io {
  out(line: string): void
  err(line: string): void
  cwd: string
  env: Record<string, string | undefined>
}

export const processIo: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  env: process.env
}

/** Exit codes: 0 done, 1 failed (relay, audit), 2 refused input or usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A refusal the operator can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError"
}
