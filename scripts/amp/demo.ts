// Demo money for `npm start`: a demo AMP network and funded accounts, idempotent across restarts.
//
//   const demo = await seedDemoLedger({ relayUrl, identities: [peerSecretKey, …], pubkeys: [myPubkey] })
//   demo.genesis   // the signed genesis: pin it in the extension (wallet/pin-network)
//
// It also takes the demo community's shape as is (scripts/demo/ledger.ts, DemoLedgerSeeder):
//   ledger: async (a) => ({ genesisId: (await seedDemoLedger(a)).genesis.id })
// with `identities` as { secretKey } objects and `funds` the base units each account needs.
//
// The issuer and upkeep keys, the genesis and the distribution journals live in .data/amp-demo/
// (keys with mode 0600), so every restart finds the same network. Accounts are funded through the
// same exactly-once distribution as `amp distribute`: the first call pays every account, a later
// call pays only accounts it has not paid yet, a call killed half-way is completed by the next.
import { mkdirSync, readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { getPublicKey } from "nostr-tools/pure"
import { hexToBytes } from "nostr-tools/utils"

import { buildGenesis, distributionKey, parseAmp, parseGenesis, type GenesisParams, type NostrEvent } from "../../shared/ledger"
import { parsePubkey } from "../../shared/wallet/keys"
import { publishTo } from "../../shared/wallet/relay"
import { allocationsDigest, type AllocationRow } from "./distribution/csv"
import { readJournal } from "./distribution/journal"
import { journalAllocations, runDistribution, usedKeys } from "./distribution/run"
import { writeFileDurably } from "./files"
import { readOrCreateKeyFile } from "./key-file"
import { readNetwork, withRelay } from "./network"

export const DEMO_NETWORK = "synereo-stream/demo"
export const DEMO_DISTRIBUTION = "demo-funding/v1"
export const DEFAULT_DEMO_DIR = resolve(__dirname, "..", "..", ".data", "amp-demo")
export const DEFAULT_DEMO_AMOUNT = "1000"

export interface SeedDemoOptions {
  /** The relay to publish to, e.g. the local relay of `npm start` (ws://127.0.0.1:7777). */
  relayUrl: string
  /** Secret keys (32 bytes, 64 hex, or objects with a hex `secretKey`) of accounts to fund, e.g. the simulated peers. */
  identities: readonly (Uint8Array | string | { secretKey: string })[]
  /** Accounts known only by their public key (npub or hex), e.g. the person's own. */
  pubkeys?: readonly string[]
  /** AMP each account receives, as an AMP decimal (default "1000"). */
  amountEach?: string
  /**
   * Base units some accounts need at least (hex pubkey -> amount), e.g. for the stakes they will
   * make: such an account receives the larger of this and `amountEach`. Each account is paid once:
   * a later call never tops up an account that was already funded.
   */
  funds?: ReadonlyMap<string, bigint>
  /** Where keys, genesis and journals are kept (default <repo>/.data/amp-demo). */
  dataDir?: string
  /**
   * Genesis parameters other than the demo's (e.g. a short `minAttentionSecs` for a test). They
   * apply when the genesis is created; a genesis already kept in `dataDir` with other values is an
   * error, never silently another network.
   */
  genesisParams?: DemoGenesisParams
  /** Progress lines (default: none). */
  log?: (line: string) => void
}

export type DemoGenesisParams = Pick<GenesisParams, "receiptPow" | "minAttentionSecs" | "maxStakeWindowSecs">

export interface DemoLedger {
  /** The signed genesis event; its id is the demo network's id. */
  genesis: NostrEvent
  issuer: string
  upkeep: string
  /** Every account of this call, funded (now or by an earlier call). */
  funded: string[]
  /** Transfers this call published (0 when everything was already on the relay). */
  published: number
}

const toPubkey = (k: Uint8Array | string | { secretKey: string }): string =>
  getPublicKey(typeof k === "string" ? hexToBytes(k) : k instanceof Uint8Array ? k : hexToBytes(k.secretKey))

export async function seedDemoLedger(opts: SeedDemoOptions): Promise<DemoLedger> {
  const dir = opts.dataDir ?? DEFAULT_DEMO_DIR
  const journals = join(dir, "journals")
  mkdirSync(journals, { recursive: true, mode: 0o700 })
  const log = opts.log ?? (() => undefined)
  const issuer = readOrCreateKeyFile(join(dir, "issuer.key"))
  const upkeep = readOrCreateKeyFile(join(dir, "upkeep.key"))
  const genesis = demoGenesis(join(dir, "genesis.json"), issuer.sk, upkeep.pubkey, opts.genesisParams)
  const amount = parseAmp(opts.amountEach ?? DEFAULT_DEMO_AMOUNT)

  const accounts: string[] = []
  for (const k of opts.identities) accounts.push(toPubkey(k))
  for (const p of opts.pubkeys ?? []) {
    const parsed = parsePubkey(p)
    if (!parsed.ok) throw new Error(`seedDemoLedger: ${parsed.message}`)
    accounts.push(parsed.pubkey)
  }
  const funded = [...new Set(accounts)].filter((a) => a !== issuer.pubkey)
  const amountFor = (pubkey: string): bigint => {
    const need = opts.funds?.get(pubkey) ?? 0n
    return need > amount ? need : amount
  }
  const rows: AllocationRow[] = funded.map((recipient, i) => ({ line: i + 1, recipient, amount: amountFor(recipient) }))

  return withRelay(opts.relayUrl, async (relay) => {
    await publishTo(relay, genesis) // a relay that was wiped gets the network back
    let published = 0
    const run = async (journalPath: string, allocations: AllocationRow[]) => {
      const r = await runDistribution({ relay, genesis, issuer, distributionId: DEMO_DISTRIBUTION, rows: allocations, journalPath, now: nowSeconds, log })
      published += r.published
      if (!r.complete) throw new Error(`demo funding did not complete (${r.applied}/${r.planned} applied); see ${journalPath}`)
    }
    // Earlier plans first, oldest first: they restore the issuer's chain on a wiped relay and
    // finish a plan a killed start left half-published. Republishing is harmless (same events).
    const earlier = readdirSync(journals)
      .filter((f) => f.endsWith(".json"))
      .map((f) => ({ path: join(journals, f), journal: readJournal(join(journals, f))! }))
      .sort((a, b) => a.journal.start.seq - b.journal.start.seq)
    for (const { path, journal } of earlier) await run(path, journalAllocations(journal))

    const paid = usedKeys(await readNetwork(relay, genesis), issuer.pubkey)
    if (rows.some((r) => !paid.has(distributionKey(DEMO_DISTRIBUTION, r.recipient)))) {
      const path = join(journals, `${String(earlier.length + 1).padStart(4, "0")}-${allocationsDigest(rows).slice(0, 16)}.json`)
      await run(path, rows)
    }
    return { genesis, issuer: issuer.pubkey, upkeep: upkeep.pubkey, funded, published }
  })
}

/** The demo genesis, created once and kept: restarts of `npm start` stay on the same network. */
function demoGenesis(path: string, issuerSk: Uint8Array, upkeep: string, params: DemoGenesisParams = {}): NostrEvent {
  try {
    const kept = JSON.parse(readFileSync(path, "utf8")) as NostrEvent
    const parsed = parseGenesis(kept)
    if (parsed.pubkey !== getPublicKey(issuerSk)) throw new Error(`${path} was signed by another issuer key`)
    for (const k of ["receiptPow", "minAttentionSecs", "maxStakeWindowSecs"] as const) {
      if (params[k] !== undefined && params[k] !== parsed[k]) throw new Error(`${path} has ${k} ${parsed[k]}, not the ${params[k]} asked for`)
    }
    return kept
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err
  }
  const genesis = buildGenesis(issuerSk, {
    network: DEMO_NETWORK,
    supply: parseAmp("2000000000"),
    upkeep,
    // Low enough for a laptop to mine a receipt in a blink; min attention as on the main network.
    receiptPow: params.receiptPow ?? 8,
    minAttentionSecs: params.minAttentionSecs ?? 8,
    maxStakeWindowSecs: params.maxStakeWindowSecs,
    description: "Synereo Stream demo network (npm start): play money, local relay only",
    createdAt: nowSeconds()
  })
  writeFileDurably(path, `${JSON.stringify(genesis, null, 1)}\n`)
  return genesis
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000)
