// `npm run amp -- <command>`: the AMP ledger CLI for the issuer and operators.
import { auditCommand } from "./commands/audit"
import { balanceCommand } from "./commands/balance"
import { burnCommand } from "./commands/burn"
import type { Command } from "./commands/command"
import { distributeCommand } from "./commands/distribute"
import { genesisCommand } from "./commands/genesis"
import { transferCommand } from "./commands/transfer"
import { EXIT, UsageError, processIo, type Io } from "./io"

export const COMMANDS: Command[] = [genesisCommand, distributeCommand, transferCommand, burnCommand, auditCommand, balanceCommand]

export const USAGE = `amp: the Synereo Stream AMP ledger CLI (docs/PROTOCOL.md Part 2)

Usage: npm run amp -- <command> [options]      (npm run amp -- <command> --help for each)

${COMMANDS.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`).join("\n")}

Every command reads the network's ledger events from a relay (default ws://127.0.0.1:7777) and
folds them afresh; nothing is cached between runs.
`

export async function runAmp(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(`unknown command "${name}"\n\n${USAGE}`)
    return EXIT.usage
  }
  try {
    return await command.run(rest, io)
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`amp ${name}: ${err.message}\n(npm run amp -- ${name} --help)`)
      return EXIT.usage
    }
    io.err(`amp ${name}: ${err instanceof Error ? err.message : String(err)}`)
    return EXIT.failed
  }
}

if (require.main === module) {
  runAmp(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err)
      process.exit(EXIT.failed)
    }
  )
}
