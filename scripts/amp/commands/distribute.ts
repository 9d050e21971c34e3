import { readFileSync } from "node:fs"
import { resolve } from "node:path"

import { formatAmp } from "../../../shared/ledger"
import { COMMON_HELP, parse, requireOption } from "../args"
import { parseAllocationCsv } from "../distribution/csv"
import { runDistribution } from "../distribution/run"
import { EXIT, UsageError } from "../io"
import { readKeyFile } from "../key-file"
import { DEFAULT_RELAY, loadGenesis, withRelay } from "../network"
import { nowSeconds, type Command } from "./command"

const HELP = `amp distribute: pay the allocations of a CSV from the issuer, exactly once

Usage: npm run amp -- distribute --csv <file> --key <issuer key file> --id <distribution id> [options]

  --csv <file>        lines "recipient,amount": an npub or 64-hex key, and an AMP decimal (at most
                      8 decimals). A header line, blank lines and # comments are allowed. One bad
                      row (bad key, negative / zero / non-numeric amount, more than 8 decimals,
                      duplicate recipient) refuses the whole file, naming each line; so does a
                      total above the issuer's confirmed balance. Nothing is published then
  --key <file>        the issuer's secret key file
  --id <text>         the distribution's name, e.g. crowdsale-2015; with each recipient it makes the
                      idempotency key (["x", …]) of that recipient's transfer (PROTOCOL §2.13)
  --journal <file>    where the plan is kept (default <csv>.journal.json)
  --plan-only         write the plan to the journal and stop; run again without it to publish
${COMMON_HELP}

How it stays exactly-once: every transfer is planned and signed up front (seq/prev from the
issuer's head on the relay) and the plan is written to the journal, flushed to disk, before anything
is published. A run that was killed at any point is simply run again: it republishes only the
planned transfers the relay lacks, the same signed events, never new ones; a second run while one
is alive is refused. Running it again after it finished publishes nothing.
Example: npm run amp -- distribute --csv crowdsale.csv --key issuer.key --id crowdsale-2015
`

export const distributeCommand: Command = {
  name: "distribute",
  summary: "pay a CSV of allocations from the issuer, exactly once (resumable)",
  help: HELP,
  async run(argv, io) {
    const { values: v } = parse(argv, {
      csv: { type: "string" },
      key: { type: "string" },
      id: { type: "string" },
      journal: { type: "string" },
      "plan-only": { type: "boolean" },
      relay: { type: "string" },
      genesis: { type: "string" }
    })
    if (v.help) return io.out(HELP), EXIT.ok
    const csvPath = resolve(io.cwd, requireOption(v.csv, "csv"))
    const distributionId = requireOption(v.id, "id")
    const key = readKeyFile(resolve(io.cwd, requireOption(v.key, "key")), io.err)
    let text: string
    try {
      text = readFileSync(csvPath, "utf8")
    } catch (err) {
      throw new UsageError(`cannot read ${csvPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
    }
    const csv = parseAllocationCsv(text, { issuer: key.pubkey })
    if (csv.problems.length > 0) {
      for (const p of csv.problems) io.err(p.line > 0 ? `${csvPath}:${p.line}: ${p.message}` : `${csvPath}: ${p.message}`)
      io.err(`refused: ${csv.problems.length} problem(s) in ${csvPath}; nothing was planned or published`)
      return EXIT.usage
    }
    io.out(`${csv.rows.length} allocations, ${formatAmp(csv.total)} AMP in total`)
    const report = await withRelay(v.relay ?? DEFAULT_RELAY, async (relay) =>
      runDistribution({
        relay,
        genesis: await loadGenesis(v.genesis, relay, io.cwd),
        issuer: key,
        distributionId,
        rows: csv.rows,
        journalPath: resolve(io.cwd, v.journal ?? `${csvPath}.journal.json`),
        planOnly: v["plan-only"] ?? false,
        now: nowSeconds,
        log: io.out,
        env: io.env
      })
    )
    if (v["plan-only"]) {
      io.out(`planned ${report.planned} transfers; run again without --plan-only to publish`)
      return EXIT.ok
    }
    io.out(
      `${report.complete ? "complete" : "INCOMPLETE"}: ${report.applied}/${report.planned} planned transfers applied, ` +
        `${report.published} published now, ${report.alreadyOnRelay} were already on the relay, ${report.skipped} paid before the plan`
    )
    return report.complete ? EXIT.ok : EXIT.failed
  }
}
