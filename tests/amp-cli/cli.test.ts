// The AMP CLI in-process against a real relay: genesis, distribute (refusals, plan, resume, guards),
// transfer, burn, balance and audit, each with --help.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { npubEncode } from "nostr-tools/nip19"
import { getPublicKey } from "nostr-tools/pure"
import { bytesToHex, hexToBytes } from "nostr-tools/utils"

import type { RunningRelay } from "../../relay"
import { foldEvents, audit, type NostrEvent } from "../../shared/ledger"
import { COMMANDS } from "../../scripts/amp/index"
import { amp, quietRelay, recipient, relayEvents, tempDir, writeCsv } from "./support"

const AMP = 100_000_000n
let relay: RunningRelay
let tmp: ReturnType<typeof tempDir>
let dir: string
let genesis: NostrEvent
let issuerPk: string
const upkeep = recipient(1000)

const cli = (...argv: string[]) => amp(dir, ...argv, "--relay", relay.url)
const fold = async () => foldEvents(await relayEvents(relay, genesis.id), { genesis })
const stored = () => relay.stats().storedEvents

beforeAll(async () => {
  relay = await quietRelay()
  tmp = tempDir()
  dir = tmp.dir
})
afterAll(async () => {
  await relay.close()
  tmp.remove()
})

describe("amp --help", () => {
  it("lists the commands, and every command has its own help", async () => {
    const top = await amp(dir, "--help")
    expect(top.code).toBe(0)
    for (const c of COMMANDS) {
      expect(top.out).toContain(c.name)
      const h = await amp(dir, c.name, "--help")
      expect(h.code, c.name).toBe(0)
      expect(h.out).toMatch(/Usage: npm run amp -- /)
      expect(h.out).toMatch(/Example/)
    }
    expect((await amp(dir, "mint")).code).toBe(2)
    expect((await amp(dir, "audit", "--bogus")).code).toBe(2)
  })
})

describe("amp genesis", () => {
  it("refuses a bad upkeep key and a split that is not 10000 bps, creating nothing", async () => {
    const bad = await cli("genesis", "--network", "t/x", "--key", "k0.key", "--upkeep", "nobody", "--out", "g0.json")
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--upkeep: "nobody" is neither/) })
    const split = await cli("genesis", "--network", "t/x", "--key", "k0.key", "--upkeep", upkeep, "--creator-bps", "2000", "--out", "g0.json")
    expect(split).toMatchObject({ code: 2, err: expect.stringMatching(/must be exactly 10000/) })
    expect(existsSync(join(dir, "g0.json"))).toBe(false)
    expect(existsSync(join(dir, "k0.key"))).toBe(false)
  })

  it("creates the issuer key (mode 600), writes and publishes the genesis, and prints its id", async () => {
    const r = await cli("genesis", "--network", "synereo-stream/cli-test", "--key", "issuer.key", "--upkeep", npubEncode(upkeep), "--receipt-pow", "8")
    expect(r.code, r.err).toBe(0)
    expect(statSync(join(dir, "issuer.key")).mode & 0o777).toBe(0o600)
    genesis = JSON.parse(readFileSync(join(dir, "genesis.json"), "utf8")) as NostrEvent
    issuerPk = getPublicKey(hexToBytes(readFileSync(join(dir, "issuer.key"), "utf8").trim()))
    expect(genesis.pubkey).toBe(issuerPk)
    expect(r.out).toContain(`genesis id: ${genesis.id}`)
    expect(genesis.tags).toEqual(expect.arrayContaining([["supply", "2000000000"], ["decimals", "8"], ["upkeep", upkeep], ["receipt_pow", "8"], ["creator_bps", "1000"]]))
    const state = await fold()
    expect(state.totals.treasury).toBe(2_000_000_000n * AMP)
  })

  it("run again, publishes the same genesis instead of creating a second network", async () => {
    const r = await cli("genesis", "--network", "other", "--key", "issuer.key", "--upkeep", upkeep)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`already holds genesis ${genesis.id}`)
    expect(JSON.parse(readFileSync(join(dir, "genesis.json"), "utf8"))).toEqual(genesis)
  })
})

describe("amp distribute: refusals publish nothing", () => {
  it("a CSV with bad rows is refused whole, each line named", async () => {
    writeCsv(join(dir, "bad.csv"), [
      [recipient(1), "10"],
      ["npub1bogus", "1"],
      [recipient(2), "-3"],
      [recipient(3), "1.000000001"],
      [recipient(1), "2"]
    ])
    const before = stored()
    const r = await cli("distribute", "--csv", "bad.csv", "--key", "issuer.key", "--id", "bad")
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/bad\.csv:3: recipient: "npub1bogus" is not a valid npub/)
    expect(r.err).toMatch(/bad\.csv:4: amount "-3" is negative/)
    expect(r.err).toMatch(/bad\.csv:5: amount "1.000000001" has more than 8 decimals/)
    expect(r.err).toMatch(/bad\.csv:6: duplicate recipient \(also on line 2\)/)
    expect(r.err).toMatch(/refused: 4 problem\(s\)/)
    expect(stored()).toBe(before)
    expect(existsSync(join(dir, "bad.csv.journal.json"))).toBe(false)
  })

  it("a total above the issuer's balance is refused before any plan", async () => {
    const small = tempDir()
    try {
      const g = await amp(small.dir, "genesis", "--network", "t/small", "--key", "i.key", "--upkeep", upkeep, "--supply", "100", "--relay", relay.url)
      expect(g.code).toBe(0)
      writeCsv(join(small.dir, "a.csv"), [[recipient(1), "60"], [recipient(2), "40.00000001"]])
      const before = stored()
      const r = await amp(small.dir, "distribute", "--csv", "a.csv", "--key", "i.key", "--id", "d", "--relay", relay.url)
      expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/total 100.00000001 AMP, more than the issuer's confirmed balance of 100 AMP/) })
      expect(stored()).toBe(before)
      expect(existsSync(join(small.dir, "a.csv.journal.json"))).toBe(false)
    } finally {
      small.remove()
    }
  })
})

describe("amp distribute: plan, publish, resume, guards", () => {
  const rows: [string, string][] = Array.from({ length: 8 }, (_, i) => [recipient(i + 1), `${i + 1}.5`])

  it("--plan-only writes the journal (signed events) and publishes nothing; the next run publishes it", async () => {
    writeCsv(join(dir, "round1.csv"), rows)
    const before = stored()
    const plan = await cli("distribute", "--csv", "round1.csv", "--key", "issuer.key", "--id", "round-1", "--plan-only")
    expect(plan.code, plan.err).toBe(0)
    expect(stored()).toBe(before)
    const journal = JSON.parse(readFileSync(join(dir, "round1.csv.journal.json"), "utf8")) as { events: NostrEvent[]; start: { seq: number; prev: string } }
    expect(journal.events).toHaveLength(8)
    expect(journal.start).toEqual({ seq: 1, prev: genesis.id })

    const run = await cli("distribute", "--csv", "round1.csv", "--key", "issuer.key", "--id", "round-1")
    expect(run.code, run.err).toBe(0)
    expect(run.out).toMatch(/complete: 8\/8 planned transfers applied, 8 published now/)
    const onRelay = (await relayEvents(relay, genesis.id)).map((e) => e.id).sort()
    expect(onRelay).toEqual(journal.events.map((e) => e.id).sort())
    const state = await fold()
    for (const [r, a] of rows) expect(state.accounts.get(r)!.balance).toBe(BigInt(Number(a) * 10) * AMP / 10n)
  })

  it("running it again publishes nothing; a lost journal re-plans nothing (every key is used)", async () => {
    const before = stored()
    const again = await cli("distribute", "--csv", "round1.csv", "--key", "issuer.key", "--id", "round-1")
    expect(again.out).toMatch(/8 of 8 planned transfers are on the relay; publishing 0/)
    rmSync(join(dir, "round1.csv.journal.json"))
    const lost = await cli("distribute", "--csv", "round1.csv", "--key", "issuer.key", "--id", "round-1")
    expect(lost.code, lost.err).toBe(0)
    expect(lost.out).toMatch(/line 2: already paid by/)
    expect(lost.out).toMatch(/0 transfers.*8 already paid/)
    expect(stored()).toBe(before)
  })

  it("refuses a journal made from other allocations", async () => {
    writeCsv(join(dir, "round1.csv"), [...rows.slice(0, 7), [recipient(8), "9"]])
    const r = await cli("distribute", "--csv", "round1.csv", "--key", "issuer.key", "--id", "round-1")
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/planned for another allocations \(the CSV changed\)/) })
  })

  it("refuses to run while another distribution holds the journal's lock", async () => {
    writeCsv(join(dir, "round2.csv"), [[recipient(20), "1"]])
    writeFileSync(join(dir, "round2.csv.journal.json.lock"), String(process.ppid)) // a live process
    const r = await cli("distribute", "--csv", "round2.csv", "--key", "issuer.key", "--id", "round-2")
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(new RegExp(`another distribution \\(pid ${process.ppid}\\) is running`)) })
    rmSync(join(dir, "round2.csv.journal.json.lock"))
  })

  it("refuses to publish a plan when the issuer's chain moved under it (it would fork the issuer)", async () => {
    const plan = await cli("distribute", "--csv", "round2.csv", "--key", "issuer.key", "--id", "round-2", "--plan-only")
    expect(plan.code, plan.err).toBe(0)
    const t = await cli("transfer", "--key", "issuer.key", "--to", recipient(21), "--amount", "1")
    expect(t.code, t.err).toBe(0)
    const before = stored()
    const r = await cli("distribute", "--csv", "round2.csv", "--key", "issuer.key", "--id", "round-2")
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/chain on the relay moved since the plan was made: seq 9 is .* would fork/) })
    expect(stored()).toBe(before)
    expect((await fold()).accounts.get(issuerPk)!.frozen).toBeNull()
    // The way out the message gives: move the journal away and plan again.
    rmSync(join(dir, "round2.csv.journal.json"))
    const again = await cli("distribute", "--csv", "round2.csv", "--key", "issuer.key", "--id", "round-2")
    expect(again.code, again.err).toBe(0)
    expect((await fold()).accounts.get(recipient(20))!.balance).toBe(1n * AMP)
  })
})

describe("amp transfer, burn, balance, audit", () => {
  it("transfer validates, sends, and with --once sends at most once", async () => {
    expect((await cli("transfer", "--key", "issuer.key", "--to", "x", "--amount", "1")).code).toBe(2)
    expect((await cli("transfer", "--key", "issuer.key", "--to", recipient(30), "--amount", "1.000000001")).err).toMatch(/--amount: .*at most 8 decimals/)
    expect((await cli("transfer", "--key", "issuer.key", "--to", issuerPk, "--amount", "1")).err).toMatch(/sender itself/)
    const once = ["transfer", "--key", "issuer.key", "--to", npubEncode(recipient(30)), "--amount", "7", "--once", "grant-1"]
    expect((await cli(...once)).code).toBe(0)
    const second = await cli(...once)
    expect(second).toMatchObject({ code: 0, out: expect.stringMatching(/already sent \(--once grant-1\)/) })
    expect((await fold()).accounts.get(recipient(30))!.balance).toBe(7n * AMP)
  })

  it("a holder's transfer beyond its balance is refused", async () => {
    const sk = bytesToHex(hexToBytes("11".repeat(32)))
    writeFileSync(join(dir, "holder.key"), `${sk}\n`, { mode: 0o600 })
    const holder = getPublicKey(hexToBytes(sk))
    await cli("transfer", "--key", "issuer.key", "--to", holder, "--amount", "5")
    const r = await cli("transfer", "--key", "holder.key", "--to", recipient(31), "--amount", "6")
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/needs 6 AMP; the confirmed balance is 5 AMP/) })
    expect((await cli("transfer", "--key", "holder.key", "--to", recipient(31), "--amount", "5")).code).toBe(0)
  })

  it("burn destroys AMP; balance and audit show it; audit exits 0 when the books balance", async () => {
    const b = await cli("burn", "--key", "issuer.key", "--amount", "139360622", "--memo", "unsold")
    expect(b.code, b.err).toBe(0)
    const bal = await cli("balance", npubEncode(issuerPk))
    expect(bal.code).toBe(0)
    const state = await fold()
    expect(bal.out).toContain(`confirmed    ${Number(state.accounts.get(issuerPk)!.balance / AMP)}`)
    expect(bal.out).toContain("burned       139360622 AMP")
    const a = await cli("audit")
    expect(a.code).toBe(0)
    expect(a.out).toMatch(/burned +139360622 AMP/)
    expect(a.out).toMatch(/audit: OK/)
    const json = JSON.parse((await cli("audit", "--json")).out) as { ok: boolean; issued: string; burned: string; accounts: unknown[] }
    expect(json).toMatchObject({ ok: true, issued: "2000000000", burned: "139360622" })
    expect(json.accounts.length).toBe(state.accounts.size)
    expect(audit(state).ok).toBe(true)
    expect((await cli("balance", "nobody")).code).toBe(2)
  })

  it("a genesis given by id is fetched from the relay", async () => {
    const r = await cli("audit", "--genesis", genesis.id)
    expect(r.code).toBe(0)
    expect((await cli("audit", "--genesis", "ab".repeat(32))).err).toMatch(/no genesis event/)
  })
})
