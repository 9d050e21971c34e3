import { audit, formatAmp, type AuditReport } from "../../../shared/ledger"
import { COMMON_HELP, parse } from "../args"
import { EXIT } from "../io"
import { DEFAULT_RELAY, loadGenesis, readNetwork, withRelay } from "../network"
import type { Command } from "./command"

const HELP = `amp audit: fold every ledger event of the network on the relay and check the books

Usage: npm run amp -- audit [--json] [options]

  --json              print the report as JSON (amounts as AMP decimal strings)
${COMMON_HELP}

Prints issued, treasury (the issuer), circulating, escrowed and burned, and every account with its
balance, escrow, burns and pending amounts. Checks that balances + escrowed + burned == issued to
the base unit, and every settlement pays out exactly its stake. Exits 1 if any check fails.
Example: npm run amp -- audit --genesis genesis.json
`

const amp = (x: bigint): string => (x < 0n ? `-${formatAmp(-x)}` : formatAmp(x))

function toJson(r: AuditReport, counts: Record<string, number>) {
  return {
    ok: r.ok,
    problems: r.problems,
    issued: amp(r.issued),
    treasury: amp(r.treasury),
    circulating: amp(r.circulating),
    escrowed: amp(r.escrowed),
    burned: amp(r.burned),
    events: counts,
    accounts: r.accounts.map((a) => ({
      pubkey: a.pubkey,
      balance: amp(a.balance),
      escrowed: amp(a.escrowed),
      burned: amp(a.burned),
      pendingIn: amp(a.pendingIn),
      pendingOut: amp(a.pendingOut),
      frozen: a.frozen
    }))
  }
}

export const auditCommand: Command = {
  name: "audit",
  summary: "fold the network's ledger from the relay; totals, accounts; exit 1 if it does not balance",
  help: HELP,
  async run(argv, io) {
    const { values: v } = parse(argv, { json: { type: "boolean" }, relay: { type: "string" }, genesis: { type: "string" } })
    if (v.help) return io.out(HELP), EXIT.ok
    return withRelay(v.relay ?? DEFAULT_RELAY, async (relay) => {
      const genesis = await loadGenesis(v.genesis, relay, io.cwd)
      const state = (await readNetwork(relay, genesis)).ledger.snapshot()
      const r = audit(state)
      const counts: Record<string, number> = { applied: 0, held: 0, rejected: 0 }
      for (const s of state.events.values()) counts[s.status] = (counts[s.status] ?? 0) + 1
      if (v.json) {
        io.out(JSON.stringify(toJson(r, counts), null, 1))
      } else {
        io.out(`network   ${state.network.network} (${genesis.id})`)
        io.out(`events    ${state.events.size}: ${counts.applied} applied, ${counts.held} held, ${counts.rejected} rejected`)
        io.out(`issued      ${amp(r.issued)} AMP`)
        io.out(`treasury    ${amp(r.treasury)} AMP (the issuer)`)
        io.out(`circulating ${amp(r.circulating)} AMP`)
        io.out(`escrowed    ${amp(r.escrowed)} AMP`)
        io.out(`burned      ${amp(r.burned)} AMP`)
        io.out(`accounts    ${r.accounts.length}`)
        for (const a of r.accounts) {
          const extra = [
            a.escrowed > 0n ? `escrowed ${amp(a.escrowed)}` : "",
            a.burned > 0n ? `burned ${amp(a.burned)}` : "",
            a.pendingIn > 0n ? `pending in ${amp(a.pendingIn)}` : "",
            a.pendingOut > 0n ? `pending out ${amp(a.pendingOut)}` : "",
            a.frozen ? "FROZEN (fork)" : ""
          ].filter(Boolean)
          io.out(`  ${a.pubkey} ${amp(a.balance)}${extra.length ? ` (${extra.join(", ")})` : ""}`)
        }
        io.out(r.ok ? "audit: OK, the ledger balances" : `audit: FAILED\n${r.problems.map((p) => `  ${p}`).join("\n")}`)
      }
      return r.ok ? EXIT.ok : EXIT.failed
    })
  }
}
