import { formatAmp } from "../../../shared/ledger"
import { parsePubkey } from "../../../shared/wallet/keys"
import { COMMON_HELP, parse } from "../args"
import { EXIT, UsageError } from "../io"
import { DEFAULT_RELAY, loadGenesis, readNetwork, withRelay } from "../network"
import type { Command } from "./command"

const HELP = `amp balance: an account's balance as the relay's ledger events fold (PROTOCOL §2.12)

Usage: npm run amp -- balance <npub|hex> [options]

${COMMON_HELP}

Prints the confirmed balance (applied, spendable), pending in and out, escrowed and burned.
Example: npm run amp -- balance npub1…
`

export const balanceCommand: Command = {
  name: "balance",
  summary: "an account's confirmed and pending balance",
  help: HELP,
  async run(argv, io) {
    const { values: v, positionals } = parse(argv, { relay: { type: "string" }, genesis: { type: "string" } }, true)
    if (v.help) return io.out(HELP), EXIT.ok
    if (positionals.length !== 1) throw new UsageError("give exactly one account (npub or 64-hex key)")
    const who = parsePubkey(positionals[0]!)
    if (!who.ok) throw new UsageError(who.message)
    return withRelay(v.relay ?? DEFAULT_RELAY, async (relay) => {
      const genesis = await loadGenesis(v.genesis, relay, io.cwd)
      const a = (await readNetwork(relay, genesis)).ledger.snapshot().accounts.get(who.pubkey)
      const f = (x: bigint | undefined): string => `${formatAmp(x ?? 0n)} AMP`
      io.out(`account      ${who.pubkey}`)
      io.out(`confirmed    ${f(a?.balance)}`)
      io.out(`pending in   ${f(a?.pendingIn)}`)
      io.out(`pending out  ${f(a?.pendingOut)}`)
      io.out(`escrowed     ${f(a?.escrowed)}`)
      io.out(`burned       ${f(a?.burned)}`)
      if (a?.frozen) io.out(`FROZEN from seq ${a.frozen.atSeq}: this account forked and can never spend again`)
      return EXIT.ok
    })
  }
}
