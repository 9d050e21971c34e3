import { resolve } from "node:path"

import { AmountError, KIND, LIMITS, distributionKey, formatAmp, parseAmp, transferTemplate } from "../../../shared/ledger"
import { parsePubkey } from "../../../shared/wallet/keys"
import { queryRelay } from "../../../shared/wallet/relay"
import { COMMON_HELP, parse, requireOption } from "../args"
import { EXIT, UsageError } from "../io"
import { readKeyFile } from "../key-file"
import { DEFAULT_RELAY, loadGenesis, withRelay } from "../network"
import { nowSeconds, type Command } from "./command"
import { spend } from "./spend"

const HELP = `amp transfer: send AMP from a key file's account

Usage: npm run amp -- transfer --key <file> --to <npub|hex> --amount <AMP> [options]

  --key <file>        the sender's secret key file
  --to <npub|hex>     the recipient
  --amount <AMP>      e.g. 12.5 (at most 8 decimals)
  --memo <text>       shown with the transfer (at most ${LIMITS.maxContentChars} characters)
  --once <label>      make it idempotent: a second transfer with the same label and recipient is
                      not sent (and the ledger would not apply it), e.g. --once invoice-42
${COMMON_HELP}

The seq/prev come from the sender's head as the relay reports it. Example:
  npm run amp -- transfer --key issuer.key --to npub1… --amount 250 --once grant-7
`

export function parseAmountOption(text: string | undefined): bigint {
  try {
    const units = parseAmp(requireOption(text, "amount"))
    if (units === 0n) throw new UsageError("--amount must be more than 0")
    return units
  } catch (err) {
    if (err instanceof AmountError) throw new UsageError(`--amount: ${err.message}`)
    throw err
  }
}

export const transferCommand: Command = {
  name: "transfer",
  summary: "send AMP from a key file's account",
  help: HELP,
  async run(argv, io) {
    const { values: v } = parse(argv, {
      key: { type: "string" },
      to: { type: "string" },
      amount: { type: "string" },
      memo: { type: "string" },
      once: { type: "string" },
      relay: { type: "string" },
      genesis: { type: "string" }
    })
    if (v.help) return io.out(HELP), EXIT.ok
    const key = readKeyFile(resolve(io.cwd, requireOption(v.key, "key")), io.err)
    const to = parsePubkey(requireOption(v.to, "to"))
    if (!to.ok) throw new UsageError(`--to: ${to.message}`)
    if (to.pubkey === key.pubkey) throw new UsageError("--to is the sender itself; a transfer to oneself is not allowed")
    const amount = parseAmountOption(v.amount)
    const memo = v.memo ?? ""
    if (memo.length > LIMITS.maxContentChars) throw new UsageError(`--memo is longer than ${LIMITS.maxContentChars} characters`)
    const once = v.once === undefined ? undefined : distributionKey(v.once, to.pubkey)
    return withRelay(v.relay ?? DEFAULT_RELAY, async (relay) => {
      const genesis = await loadGenesis(v.genesis, relay, io.cwd)
      if (once !== undefined) {
        const sent = (await queryRelay(relay, { kinds: [KIND.transfer], authors: [key.pubkey], "#x": [once] })).filter((e) =>
          e.tags.some((t) => t[0] === "net" && t[1] === genesis.id)
        )
        if (sent.length > 0) {
          io.out(`already sent (--once ${v.once}): ${sent.map((e) => e.id).join(", ")}; nothing published`)
          return EXIT.ok
        }
      }
      await spend(relay, genesis, key, amount, (ref) => transferTemplate({ ...ref, to: to.pubkey, amount, memo, key: once }), io, nowSeconds)
      io.out(`sent ${formatAmp(amount)} AMP to ${to.pubkey}`)
      return EXIT.ok
    })
  }
}
