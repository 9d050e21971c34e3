import { generateSecretKey, getPublicKey } from "nostr-tools/pure"
import { describe, expect, it } from "vitest"

import { buildGenesis, buildTransfer, Ledger, type NostrEvent } from "../../shared/ledger"
import { planStakes } from "../../scripts/demo/ledger"
import { demo, T_DEMO } from "./demo-fixture"

// The amplifications wait for the ledger's demo seeding (scripts/demo/ledger.ts); this checks
// that, once accounts are funded on a network, the planned stakes are valid and apply.
describe("planned amplifications", () => {
  it("become stakes that apply on a network where the stakers are funded, and are held where they are not", async () => {
    const c = await demo({ identities: 30, communities: ["privacy", "music", "gardening"], sybils: 4, days: 2, amplifications: 12, pow: { comment: 0, reaction: 0 } })
    expect(c.amplifications.length).toBe(12 + c.posts.filter((p) => c.identities[p.author]!.sybil).length)
    for (const a of c.amplifications) expect(a.close).toBeGreaterThan(a.createdAt)

    const issuer = generateSecretKey()
    const genesis = buildGenesis(issuer, { network: "synereo-stream/demo-test", supply: 2_000_000_000n * 100_000_000n, upkeep: getPublicKey(generateSecretKey()), receiptPow: 0, createdAt: T_DEMO - 30 * 86400 })
    const funded = new Ledger({ genesis })
    let prev = genesis.id
    let seq = 0
    for (const [pubkey, amount] of c.fundsNeeded()) {
      const t = buildTransfer(issuer, { net: genesis.id, seq: ++seq, prev, to: pubkey, amount, createdAt: T_DEMO - 20 * 86400 })
      expect(funded.add(t)).toMatchObject({ status: "applied" })
      prev = t.id
    }
    const stakes = c.stakeEvents(genesis.id)
    expect(stakes).toHaveLength(c.amplifications.length)
    for (const [i, r] of funded.addMany(stakes).entries()) expect({ i, ...r }).toMatchObject({ i, accepted: true, status: "applied" })
    for (const [pubkey] of c.fundsNeeded()) expect(funded.balanceOf(pubkey)).toBe(0n)

    // Without the funding they are valid but held: the seeding must come first.
    const unfunded = new Ledger({ genesis })
    for (const r of unfunded.addMany(stakes)) expect(r).toMatchObject({ accepted: true, status: "held" })

    // Deterministic: the same plan gives the same stakes.
    expect(c.stakeEvents(genesis.id).map((e) => e.id)).toEqual(stakes.map((e) => e.id))
  })

  it("are planned against the network as the relay holds it: idempotent, resumable, and never a fork", async () => {
    const c = await demo({ identities: 30, communities: ["privacy", "music", "gardening"], sybils: 4, days: 2, amplifications: 12, pow: { comment: 0, reaction: 0 } })
    const issuer = generateSecretKey()
    const genesis = buildGenesis(issuer, { network: "synereo-stream/demo-test", supply: 2_000_000_000n * 100_000_000n, upkeep: getPublicKey(generateSecretKey()), receiptPow: 0, createdAt: T_DEMO - 30 * 86400 })
    const held: NostrEvent[] = []
    const ledger = () => {
      const l = new Ledger({ genesis })
      l.addMany(held)
      return l
    }
    let prev = genesis.id
    let seq = 0
    for (const [pubkey, amount] of c.fundsNeeded()) {
      const t = buildTransfer(issuer, { net: genesis.id, seq: ++seq, prev, to: pubkey, amount: amount + 100n * 100_000_000n, createdAt: T_DEMO - 20 * 86400 })
      held.push(t)
      prev = t.id
    }
    const all = c.stakeEvents(genesis.id)
    // Fresh chains: exactly the deterministic stakes.
    expect(planStakes(c, genesis.id, ledger(), held).stakes.map((e) => e.id)).toEqual(all.map((e) => e.id))
    // Half of them made it to the relay before a crash: the rest are the same events as planned.
    held.push(...all.slice(0, 20))
    expect(planStakes(c, genesis.id, ledger(), held).stakes.map((e) => e.id)).toEqual(all.slice(20).map((e) => e.id))
    held.push(...all.slice(20))
    expect(planStakes(c, genesis.id, ledger(), held)).toEqual({ stakes: [], unaffordable: 0 })
    for (const e of all) expect(ledger().status(e.id)?.status).toBe("applied")

    // A staker whose chain moved on (it spent in between, or an older history's stakes): a newer
    // plan continues from its head instead of signing a second seq 1, and only once.
    const next = await demo({ identities: 30, communities: ["privacy", "music", "gardening"], sybils: 4, days: 2, amplifications: 12, pow: { comment: 0, reaction: 0 }, now: T_DEMO + 86400 })
    // The funding pays each account once: what a staker can no longer cover is left out, not
    // published to sit `held` (here the sybils, who staked everything on their own posts).
    const { stakes: more, unaffordable } = planStakes(next, genesis.id, ledger(), held)
    const sybil = new Set(next.identities.filter((p) => p.sybil).map((p) => p.pubkey))
    expect(more.length + unaffordable).toBe(next.amplifications.length)
    expect(unaffordable).toBeGreaterThanOrEqual(next.amplifications.filter((a) => sybil.has(a.pubkey)).length)
    expect(more.length).toBeGreaterThan(0)
    held.push(...more)
    const l = ledger()
    for (const e of more) expect(l.status(e.id)).toMatchObject({ status: "applied" })
    expect(l.status(more[0]!.id)!.seq).toBeGreaterThan(1)
    expect(planStakes(next, genesis.id, ledger(), held)).toEqual({ stakes: [], unaffordable })
  })
})
