import { resolve } from "node:path"

import { LIMITS, burnTemplate, formatAmp } from "../../../shared/ledger"
import { COMMON_HELP, parse, requireOption } from "../args"
import { EXIT, UsageError } from "../io"
import { readKeyFile } from "../key-file"
import { DEFAULT_RELAY, loadGenesis, withRelay } from "../network"
import { nowSeconds, type Command } from "./command"
import { spend } from "./spend"
import { parseAmountOption } from "./transfer"

const HELP = `amp burn: destroy AMP from a key file's account, for good (PROTOCOL §2.7)

Usage: npm run amp -- burn --key <file> --amount <AMP> [--memo <text>] [options]

  --key <file>        the holder's secret key file (e.g. the issuer's, to destroy unsold supply)
  --amount <AMP>      e.g. 139360622
  --memo <text>       why (at most ${LIMITS.maxContentChars} characters)
${COMMON_HELP}

Burned AMP leave every balance and are counted as "burned" by \`amp audit\`. Example:
  npm run amp -- burn --key issuer.key --amount 139360622 --memo "unsold crowdsale AMP"
`

export const burnCommand: Command = {
  name: "burn",
  summary: "destroy AMP from a key file's account",
  help: HELP,
  async run(argv, io) {
    const { values: v } = parse(argv, {
      key: { type: "string" },
      amount: { type: "string" },
      memo: { type: "string" },
      relay: { type: "string" },
      genesis: { type: "string" }
    })
    if (v.help) return io.out(HELP), EXIT.ok
    const key = readKeyFile(resolve(io.cwd, requireOption(v.key, "key")), io.err)
    const amount = parseAmountOption(v.amount)
    const memo = v.memo ?? ""
    if (memo.length > LIMITS.maxContentChars) throw new UsageError(`--memo is longer than ${LIMITS.maxContentChars} characters`)
    return withRelay(v.relay ?? DEFAULT_RELAY, async (relay) => {
      const genesis = await loadGenesis(v.genesis, relay, io.cwd)
      await spend(relay, genesis, key, amount, (ref) => burnTemplate({ ...ref, amount, memo }), io, nowSeconds)
      io.out(`burned ${formatAmp(amount)} AMP`)
      return EXIT.ok
    })
  }
}
