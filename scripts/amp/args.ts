// Option parsing shared by the commands: node:util parseArgs, strict, with the command's --help.
import { parseArgs, type ParseArgsConfig } from "node:util"

import { UsageError } from "./io"

export type Options = NonNullable<ParseArgsConfig["options"]>

export const RELAY_OPTION = { relay: { type: "string" } } as const satisfies Options
export const GENESIS_OPTION = { genesis: { type: "string" } } as const satisfies Options
export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const satisfies Options

export function parse<O extends Options>(argv: string[], options: O, positionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: positionals })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === "") throw new UsageError(`--${name} is required`)
  return value
}

export function intOption(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`)
  return n
}

/** Text shared by every command's help. */
export const COMMON_HELP = `  --relay <url>       relay to read from and publish to (default ws://127.0.0.1:7777, \`npm run relay\`)
  --genesis <file|id> the network: a genesis JSON file written by \`amp genesis\`, or its 64-hex id
                      fetched from the relay (default ./genesis.json)
  --help              this text`
