import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"

import { BPS_TOTAL, DEFAULT_MAX_STAKE_WINDOW_SECS, DEFAULT_MIN_ATTENTION_SECS, DEFAULT_RECEIPT_POW, DEFAULT_SPLIT, MAX_SUPPLY_AMP, buildGenesis, parseAmp, parseGenesis, type NostrEvent } from "../../../shared/ledger"
import { parsePubkey } from "../../../shared/wallet/keys"
import { publishTo } from "../../../shared/wallet/relay"
import { COMMON_HELP, intOption, parse, requireOption } from "../args"
import { writeFileDurably } from "../files"
import { EXIT, UsageError } from "../io"
import { readOrCreateKeyFile } from "../key-file"
import { DEFAULT_GENESIS_FILE, DEFAULT_RELAY, withRelay } from "../network"
import { nowSeconds, type Command } from "./command"

const HELP = `amp genesis: create an AMP network (PROTOCOL §2.3) and publish its genesis event

Usage: npm run amp -- genesis --network <name> --key <file> --upkeep <npub|hex> [options]

  --network <name>            human-readable name, 1-64 chars of a-z 0-9 . _ : / -
  --key <file>                the issuer's secret key (64 hex or nsec); created with mode 0600 if
                              missing. The issuer receives the whole supply: back this file up
  --upkeep <npub|hex>         account paid the upkeep share of every stake
  --supply <AMP>              default ${MAX_SUPPLY_AMP}
  --creator-bps <n>           basis points for the post's creator (default ${DEFAULT_SPLIT.creatorBps})
  --upkeep-bps <n>            basis points for the upkeep account (default ${DEFAULT_SPLIT.upkeepBps})
  --viewers-bps <n>           basis points for the viewers (default ${DEFAULT_SPLIT.viewersBps}); the three sum to ${BPS_TOTAL}
  --receipt-pow <n>           NIP-13 difficulty of attention receipts, 0-64 (default ${DEFAULT_RECEIPT_POW})
  --min-attention-secs <n>    fewest seconds a receipt may claim (default ${DEFAULT_MIN_ATTENTION_SECS})
  --max-stake-window-secs <n> longest stake window (default ${DEFAULT_MAX_STAKE_WINDOW_SECS})
  --description <text>        memo shown with the genesis
  --out <file>                where the signed genesis is written (default ./${DEFAULT_GENESIS_FILE});
                              if it exists, its genesis is published again instead of a new one
${COMMON_HELP.split("\n").filter((l) => !l.includes("--genesis") && !l.includes("fetched from") && !l.includes("(default ./genesis")).join("\n")}

Prints the genesis id: the network id that every ledger event carries in its "net" tag.
Example: npm run amp -- genesis --network synereo-stream/main --key issuer.key --upkeep npub1…
`

export const genesisCommand: Command = {
  name: "genesis",
  summary: "create a network: sign and publish its genesis (the whole supply to the issuer)",
  help: HELP,
  async run(argv, io) {
    const { values: v } = parse(argv, {
      network: { type: "string" },
      key: { type: "string" },
      upkeep: { type: "string" },
      supply: { type: "string" },
      "creator-bps": { type: "string" },
      "upkeep-bps": { type: "string" },
      "viewers-bps": { type: "string" },
      "receipt-pow": { type: "string" },
      "min-attention-secs": { type: "string" },
      "max-stake-window-secs": { type: "string" },
      description: { type: "string" },
      out: { type: "string" },
      relay: { type: "string" }
    })
    if (v.help) return io.out(HELP), EXIT.ok
    const out = resolve(io.cwd, v.out ?? DEFAULT_GENESIS_FILE)
    const keyPath = resolve(io.cwd, requireOption(v.key, "key"))
    const relayUrl = v.relay ?? DEFAULT_RELAY

    let genesis: NostrEvent
    if (existsSync(out)) {
      // Re-running after a crash (or by mistake) must not create a second network.
      genesis = JSON.parse(readFileSync(out, "utf8")) as NostrEvent
      const parsed = parseGenesis(genesis)
      const key = readOrCreateKeyFile(keyPath)
      if (key.created || key.pubkey !== parsed.pubkey) throw new UsageError(`${out} holds a genesis signed by another key than ${keyPath}`)
      io.out(`${out} already holds genesis ${genesis.id}; publishing it again`)
    } else {
      const network = requireOption(v.network, "network")
      const upkeep = parsePubkey(requireOption(v.upkeep, "upkeep"))
      if (!upkeep.ok) throw new UsageError(`--upkeep: ${upkeep.message}`)
      let supply: bigint
      try {
        supply = parseAmp(v.supply ?? String(MAX_SUPPLY_AMP))
      } catch (err) {
        throw new UsageError(`--supply: ${(err as Error).message}`)
      }
      const split = {
        creatorBps: intOption(v["creator-bps"], "creator-bps", 0, BPS_TOTAL, DEFAULT_SPLIT.creatorBps),
        upkeepBps: intOption(v["upkeep-bps"], "upkeep-bps", 0, BPS_TOTAL, DEFAULT_SPLIT.upkeepBps),
        viewersBps: intOption(v["viewers-bps"], "viewers-bps", 0, BPS_TOTAL, DEFAULT_SPLIT.viewersBps)
      }
      if (split.creatorBps + split.upkeepBps + split.viewersBps !== BPS_TOTAL) {
        throw new UsageError(`--creator-bps + --upkeep-bps + --viewers-bps must be exactly ${BPS_TOTAL}`)
      }
      const key = readOrCreateKeyFile(keyPath)
      if (key.created) io.out(`created the issuer key ${keyPath} (mode 600): back it up, it holds the whole supply`)
      try {
        genesis = buildGenesis(key.sk, {
          network,
          supply,
          upkeep: upkeep.pubkey,
          split,
          receiptPow: intOption(v["receipt-pow"], "receipt-pow", 0, 64, DEFAULT_RECEIPT_POW),
          minAttentionSecs: intOption(v["min-attention-secs"], "min-attention-secs", 1, 86_400, DEFAULT_MIN_ATTENTION_SECS),
          maxStakeWindowSecs: intOption(v["max-stake-window-secs"], "max-stake-window-secs", 60, 31_622_400, DEFAULT_MAX_STAKE_WINDOW_SECS),
          description: v.description,
          createdAt: nowSeconds()
        })
        parseGenesis(genesis)
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError((err as Error).message)
      }
      // Written before it is published: a crash in between leaves a file that a re-run publishes.
      writeFileDurably(out, `${JSON.stringify(genesis, null, 1)}\n`)
      io.out(`wrote ${out}`)
    }
    await withRelay(relayUrl, (relay) => publishTo(relay, genesis))
    io.out(`published to ${relayUrl}`)
    io.out(`genesis id: ${genesis.id}`)
    return EXIT.ok
  }
}
