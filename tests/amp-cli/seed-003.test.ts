// Seed 003, reproduced: Synereo's 2015 distribution script died (or seemed to) mid-run, was
// restarted from where the operators believed it had stopped, and paid people twice. Here
// `amp distribute` runs as a child process against a real relay and is killed with SIGKILL at
// random points (random delays, and at random moments while it publishes, and right after the
// journal is written), then re-run until it completes. Every recipient must be paid exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { existsSync } from "node:fs"
import { join } from "node:path"

import type { RunningRelay } from "../../relay"
import { audit, foldEvents, formatAmp, KIND, type NostrEvent } from "../../shared/ledger"
import { CRASH_ENV } from "../../scripts/amp/crash-points"
import { rng } from "../ledger/world"
import { amp, quietRelay, recipient, relayEvents, spawnAmp, tempDir, writeCsv, type Child } from "./support"

const AMP = 100_000_000n
const SUPPLY = 2_000_000_000n * AMP
const N = 60
const SEED = Number(process.env.SEED_003 ?? Date.now() % 1_000_000)

let relay: RunningRelay
let tmp: ReturnType<typeof tempDir>
let dir: string
let genesis: NostrEvent
let issuer: string

beforeAll(async () => {
  relay = await quietRelay()
  tmp = tempDir("seed-003-")
  dir = tmp.dir
  const g = await amp(dir, "genesis", "--network", "synereo-stream/seed-003", "--key", "issuer.key", "--upkeep", recipient(9999), "--relay", relay.url)
  expect(g.code, g.err).toBe(0)
  genesis = JSON.parse((await import("node:fs")).readFileSync(join(dir, "genesis.json"), "utf8")) as NostrEvent
  issuer = genesis.pubkey
})
afterAll(async () => {
  await relay.close()
  tmp.remove()
})

/** 60 allocations with awkward amounts (1 base unit to thousands of AMP). */
function allocations(offset: number, random: () => number): [string, bigint][] {
  return Array.from({ length: N }, (_, i) => [recipient(offset + i), 1n + BigInt(Math.floor(random() * 5_000 * 1e8))])
}

const distribute = (csv: string, id: string, env: Record<string, string> = {}): Child =>
  spawnAmp(dir, ["distribute", "--csv", csv, "--key", "issuer.key", "--id", id, "--relay", relay.url], env)

async function issuerTransfers(): Promise<NostrEvent[]> {
  return (await relayEvents(relay, genesis.id)).filter((e) => e.kind === KIND.transfer && e.pubkey === issuer)
}

/** The books after a distribution: each recipient holds exactly its allocation, once. */
async function expectPaidExactlyOnce(rows: [string, bigint][], alsoPaid: bigint): Promise<void> {
  const events = await relayEvents(relay, genesis.id)
  const state = foldEvents(events, { genesis })
  expect(audit(state).ok).toBe(true)
  for (const [who, amount] of rows) expect(state.accounts.get(who)?.balance, who).toBe(amount)
  const total = rows.reduce((s, [, a]) => s + a, 0n)
  expect(state.accounts.get(issuer)!.balance).toBe(SUPPLY - total - alsoPaid)
  // One transfer per recipient on the relay, every one applied: no second payment even held.
  const paying = new Set(rows.map(([who]) => who))
  const toThem = events.filter((e) => e.kind === KIND.transfer && paying.has(e.tags.find((t) => t[0] === "p")![1]!))
  expect(toThem).toHaveLength(rows.length)
  for (const e of toThem) expect(state.events.get(e.id)!.status).toBe("applied")
  expect([...state.events.values()].filter((s) => s.status !== "applied")).toEqual([])
}

describe("seed 003: a distribution killed at random points pays everyone exactly once", () => {
  const random = rng(SEED)
  const rows = allocations(0, random)
  const kills: string[] = []

  it("SIGKILL at random delays and random moments of publishing, re-run until done", async () => {
    writeCsv(join(dir, "crowdsale.csv"), rows.map(([r, a]) => [r, formatAmp(a)]))
    // The kill schedule; each kind at a random moment. After it, runs are left to finish.
    const schedule = ["startup", "plan", "published", "in-publishing", "early", "published", "in-publishing", "early", "published"]
    let completed = false
    let midPublishing = 0
    for (let attempt = 0; attempt < 20 && !completed; attempt++) {
      const onRelay = (await issuerTransfers()).length
      const remaining = N - onRelay
      const child = distribute("crowdsale.csv", "crowdsale-2015")
      let kind = schedule[attempt] ?? "none"
      if ((kind === "published" || kind === "in-publishing") && remaining < 2) kind = "early"
      let how: string
      const killAfter = (ms: number) => setTimeout(() => child.proc.kill("SIGKILL"), ms)
      if (kind === "none") how = "none"
      else if (kind === "startup") {
        const ms = Math.floor(random() * 300)
        how = `${ms} ms after the start (node is starting)`
        killAfter(ms)
      } else if (kind === "early") {
        // anywhere from reading the relay to planning, writing the journal or publishing
        const ms = Math.floor(random() * 60)
        how = `${ms} ms after its first line`
        void child.waitFor(/allocations,/).then(() => killAfter(ms))
      } else if (kind === "plan") {
        how = "as soon as the plan was written"
        void child.waitFor(/^plan written|^resuming the plan/).then(() => child.proc.kill("SIGKILL"))
      } else if (kind === "in-publishing") {
        const ms = Math.floor((random() * remaining) / 2) // publishing takes a few ms per event
        how = `${ms} ms into publishing`
        void child.waitFor(/planned transfers are on the relay; publishing/).then(() => killAfter(ms))
      } else {
        const k = 1 + Math.floor(random() * Math.max(1, Math.floor(remaining / 3))) // leave some for the next kills
        how = `when it printed "published ${k}/${remaining}"`
        void child.waitFor(new RegExp(`^published ${k}/`)).then(() => child.proc.kill("SIGKILL"))
      }
      const exit = await child.exited
      const now = (await issuerTransfers()).length
      kills.push(`run ${attempt + 1}: kill ${how} → ${exit.signal ?? `exit ${exit.code}`}, ${now - onRelay} new on the relay (${now}/${N}); last line: ${child.lines.at(-1) ?? "(none)"}`)
      if (exit.signal === "SIGKILL" && child.lines.some((l) => /^published \d+\//.test(l))) midPublishing++
      if (exit.code === 0) {
        expect(child.lines.join("\n")).toMatch(new RegExp(`complete: ${N}/${N} planned transfers applied`))
        completed = true
      } else if (exit.signal !== "SIGKILL") {
        throw new Error(`distribute failed:\n${child.lines.join("\n")}`)
      }
    }
    console.log(`seed 003 (SEED_003=${SEED}), ${midPublishing} kills while publishing:\n  ${kills.join("\n  ")}`)
    expect(completed).toBe(true)
    expect(kills.filter((k) => k.includes("SIGKILL")).length).toBeGreaterThanOrEqual(4)
    expect(midPublishing).toBeGreaterThanOrEqual(2)
    await expectPaidExactlyOnce(rows, 0n)
  }, 240_000)

  it("running it twice more after completion publishes nothing", async () => {
    const before = relay.stats().storedEvents
    for (let i = 0; i < 2; i++) {
      const child = distribute("crowdsale.csv", "crowdsale-2015")
      expect((await child.exited).code).toBe(0)
      expect(child.lines.join("\n")).toMatch(new RegExp(`${N} of ${N} planned transfers are on the relay; publishing 0`))
    }
    expect(relay.stats().storedEvents).toBe(before)
    await expectPaidExactlyOnce(rows, 0n)
  }, 60_000)
})

describe("seed 003: deterministic kill points", () => {
  const first = allocations(1000, rng(SEED + 1))

  it("killed between the journal write and the first publish: the re-run publishes the planned events", async () => {
    const paidBefore = (await issuerTransfers()).length
    writeCsv(join(dir, "bounty.csv"), first.map(([r, a]) => [r, formatAmp(a)]))
    const crashed = distribute("bounty.csv", "bounty", { [CRASH_ENV]: "after-journal" })
    expect(await crashed.exited).toEqual({ code: null, signal: "SIGKILL" })
    expect(existsSync(join(dir, "bounty.csv.journal.json"))).toBe(true)
    expect((await issuerTransfers()).length).toBe(paidBefore) // nothing published yet

    const midway = distribute("bounty.csv", "bounty", { [CRASH_ENV]: "after-publish:7" })
    expect((await midway.exited).signal).toBe("SIGKILL")
    expect((await issuerTransfers()).length).toBe(paidBefore + 7)

    const done = distribute("bounty.csv", "bounty")
    expect((await done.exited).code).toBe(0)
    expect(done.lines.join("\n")).toMatch(new RegExp(`7 of ${N} planned transfers are on the relay; publishing ${N - 7}`))
    const crowdsale = allocations(0, rng(SEED))
    await expectPaidExactlyOnce(first, crowdsale.reduce((s, [, a]) => s + a, 0n))
  }, 120_000)

  it("a run that is still alive (stopped, not dead: the screen session died) blocks a second run", async () => {
    const rows = allocations(2000, rng(SEED + 2))
    writeCsv(join(dir, "rewards.csv"), rows.map(([r, a]) => [r, formatAmp(a)]))
    const a = distribute("rewards.csv", "rewards")
    await a.waitFor(/^published 5\//)
    a.proc.kill("SIGSTOP")
    const b = distribute("rewards.csv", "rewards")
    expect((await b.exited).code).toBe(1)
    expect(b.lines.join("\n")).toMatch(new RegExp(`another distribution \\(pid ${a.proc.pid}\\) is running`))
    a.proc.kill("SIGCONT")
    expect((await a.exited).code).toBe(0)
    const events = await relayEvents(relay, genesis.id)
    const state = foldEvents(events, { genesis })
    for (const [who, amount] of rows) expect(state.accounts.get(who)?.balance).toBe(amount)
    expect(audit(state).ok).toBe(true)
  }, 120_000)
})
