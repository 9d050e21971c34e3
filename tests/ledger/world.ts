// Test worlds for the ledger property tests. Events here carry a fixed fake signature and a real
// id (sha256 of the NIP-01 serialization), checked by `hashVerify`, so thousands of folds stay
// fast; real Schnorr signatures are exercised separately (pool.test.ts, validate.test.ts).
import fc from "fast-check"
import { createHash } from "node:crypto"
import {
  MAX_RECEIPT_WEIGHT,
  mineReceipt,
  burnTemplate,
  genesisTemplate,
  receiptTemplate,
  settleTemplate,
  stakeTemplate,
  transferTemplate,
  type EventTemplate,
  type NostrEvent
} from "../../shared/ledger"

export const FAKE_SIG = "5a".repeat(64)

/** NIP-01 event id, with Node's native sha256 (nostr-tools' pure-JS hash dominates test time). */
export function nip01Id(e: Omit<NostrEvent, "id" | "sig">): string {
  return createHash("sha256").update(JSON.stringify([0, e.pubkey, e.created_at, e.kind, e.tags, e.content])).digest("hex")
}

export const hashVerify = (e: NostrEvent): boolean => e.sig === FAKE_SIG && nip01Id(e) === e.id

export function fakeSign(t: EventTemplate, pubkey: string): NostrEvent {
  const tags = t.tags.map((x) => [...x])
  const id = nip01Id({ pubkey, created_at: t.created_at, kind: t.kind, tags, content: t.content })
  return { id, pubkey, created_at: t.created_at, kind: t.kind, tags, content: t.content, sig: FAKE_SIG }
}

export const pk = (name: string): string => createHash("sha256").update(`test-key:${name}`).digest("hex")

export const T0 = 1_700_000_000
export const ACTORS = ["issuer", "alice", "bob", "carol", "dave", "upkeep"].map(pk)
export const ISSUER = ACTORS[0]!
export const UPKEEP = ACTORS[5]!
export const AMP = 100_000_000n

export function fakeGenesis(over: Partial<Parameters<typeof genesisTemplate>[0]> = {}): NostrEvent {
  return fakeSign(
    genesisTemplate({
      network: "synereo-stream/test",
      supply: 2_000_000_000n * AMP,
      upkeep: UPKEEP,
      receiptPow: 0,
      minAttentionSecs: 1,
      createdAt: T0,
      ...over
    }),
    ISSUER
  )
}

export type Op =
  | { t: "transfer"; from: number; to: number; amt: bigint; key: number | null; hidden: boolean }
  | { t: "stake"; from: number; creator: number; amt: bigint; window: number }
  | { t: "burn"; from: number; amt: bigint }
  | { t: "settle"; from: number; stake: number; foreign: boolean; all: boolean; receipts: number[]; early: boolean; weights: bigint[] | null }
  | { t: "receipt"; viewer: number; stake: number; secs: number; offset: number; hidden: boolean }
  | { t: "fork"; from: number; back: number; amt: bigint }
  | { t: "badprev"; from: number; amt: bigint }

const actor = fc.integer({ min: 0, max: ACTORS.length - 1 })
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 1_000n * AMP }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 2_000_000_000n * AMP }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 1_000n }) }
)

const rarely = fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })

/** A receipt weight as an engine could give it: 0, attention-sized, or anywhere up to the bound. */
export const weightArb: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 3_872n * 10n ** 7n }) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: MAX_RECEIPT_WEIGHT }) },
  { weight: 1, arbitrary: fc.constant(MAX_RECEIPT_WEIGHT) }
)

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("transfer" as const),
      from: actor,
      to: actor,
      amt: amount,
      key: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 3 }),
      hidden: rarely
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("stake" as const),
      from: actor,
      creator: actor,
      amt: fc.oneof({ weight: 3, arbitrary: fc.bigInt({ min: 1n, max: 10n * AMP }) }, { weight: 1, arbitrary: amount }),
      window: fc.integer({ min: 30, max: 600 })
    })
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("burn" as const), from: actor, amt: amount }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("settle" as const),
      from: actor,
      stake: fc.nat(),
      foreign: rarely,
      all: fc.boolean(),
      receipts: fc.array(fc.nat(), { maxLength: 5 }),
      early: rarely,
      // null: the settle carries no weights (default: attention units of each receipt's seconds)
      weights: fc.option(fc.array(weightArb, { minLength: 1, maxLength: 5 }), { freq: 2 })
    })
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("receipt" as const),
      viewer: actor,
      stake: fc.nat(),
      secs: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 700 }) }),
      offset: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: -20, max: 650 }) }),
      hidden: rarely
    })
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("fork" as const), from: actor, back: fc.integer({ min: 0, max: 3 }), amt: amount }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("badprev" as const), from: actor, amt: amount }) }
)

export interface World {
  genesis: NostrEvent
  events: NostrEvent[]
}

/** Who signs a world's events: fake signatures by default, real keys in pool.test.ts. */
export interface Signer {
  actors: readonly string[]
  sign(t: EventTemplate, actor: number): NostrEvent
  /** NIP-13 difficulty to mine receipts to. */
  receiptPow: number
}

export const fakeSigner: Signer = { actors: ACTORS, sign: (t, i) => fakeSign(t, ACTORS[i]!), receiptPow: 0 }

/** Builds the events of a script. Balances are not respected on purpose (overdraws happen). */
export function buildWorld(ops: readonly Op[], genesis: NostrEvent = fakeGenesis(), signer: Signer = fakeSigner): World {
  const net = genesis.id
  const ACTORS = signer.actors
  const fakeSign = (t: EventTemplate, pubkey: string): NostrEvent => {
    const i = ACTORS.indexOf(pubkey)
    return signer.sign(t.kind === 3335 && signer.receiptPow > 0 ? mineReceipt(t, pubkey, signer.receiptPow) : t, i)
  }
  const history = ACTORS.map(() => [] as string[]) // ids by seq-1
  const stakes: { id: string; author: number; createdAt: number; close: number }[] = []
  const receipts: { id: string; stake: string }[] = []
  const events: NostrEvent[] = []
  let now = T0 + 10
  const ref = (i: number) => ({ net, seq: history[i]!.length + 1, prev: history[i]!.at(-1) ?? net, createdAt: now })
  const push = (i: number, t: EventTemplate, hidden = false) => {
    const e = fakeSign(t, ACTORS[i]!)
    if (!hidden) events.push(e) // hidden: signed (the chain goes on) but never published: a gap
    history[i]!.push(e.id)
    return e
  }
  for (const op of ops) {
    now += 10
    switch (op.t) {
      case "transfer": {
        if (op.from === op.to) break
        const key = op.key === null ? undefined : pk(`key-${op.key}`)
        push(op.from, transferTemplate({ ...ref(op.from), to: ACTORS[op.to]!, amount: op.amt, key }), op.hidden)
        break
      }
      case "stake": {
        const e = push(
          op.from,
          stakeTemplate({ ...ref(op.from), amount: op.amt, creator: ACTORS[op.creator]!, url: `https://example.org/${now}`, close: now + op.window })
        )
        stakes.push({ id: e.id, author: op.from, createdAt: now, close: now + op.window })
        break
      }
      case "burn":
        push(op.from, burnTemplate({ ...ref(op.from), amount: op.amt }))
        break
      case "settle": {
        // usually the staker settles its own stake; `foreign` makes someone else try
        if (stakes.length === 0) break
        const st = stakes[op.stake % stakes.length]!
        const from = op.foreign ? op.from : st.author
        const forStake = receipts.filter((r) => r.stake === st.id).map((r) => r.id)
        const any = receipts.map((r) => r.id)
        const listed = op.all
          ? forStake
          : any.length === 0
            ? []
            : [...new Set(op.receipts.map((i) => (i % 4 === 3 ? any[i % any.length]! : forStake.length ? forStake[i % forStake.length]! : any[i % any.length]!)))]
        const createdAt = op.early ? st.close - 1 : Math.max(now, st.close)
        const weights = op.weights === null ? undefined : new Map(listed.map((id, i) => [id, op.weights![i % op.weights!.length]!]))
        push(from, settleTemplate({ ...ref(from), createdAt, stake: st.id, receipts: listed, weights }))
        break
      }
      case "receipt": {
        if (stakes.length === 0) break
        const st = stakes[op.stake % stakes.length]!
        const e = fakeSign(
          receiptTemplate({ net, stake: st.id, seconds: op.secs, createdAt: Math.max(0, st.createdAt + op.offset) }),
          ACTORS[op.viewer]!
        )
        if (!op.hidden) events.push(e)
        receipts.push({ id: e.id, stake: st.id })
        break
      }
      case "fork": {
        const h = history[op.from]!
        if (h.length === 0) break
        const seq = Math.max(1, h.length - op.back)
        const prev = seq === 1 ? net : h[seq - 2]!
        const to = ACTORS[(op.from + 1) % ACTORS.length]!
        events.push(fakeSign(transferTemplate({ net, seq, prev, to, amount: op.amt, memo: "fork", createdAt: now }), ACTORS[op.from]!))
        break
      }
      case "badprev": {
        const to = ACTORS[(op.from + 2) % ACTORS.length]!
        const seq = history[op.from]!.length + 1
        events.push(fakeSign(transferTemplate({ net, seq, prev: pk(`nowhere-${now}`), to, amount: op.amt, createdAt: now }), ACTORS[op.from]!))
        break
      }
    }
  }
  return { genesis, events }
}

/** Script arbitrary: starts with a few issuer transfers so money moves, then random ops. */
export const scriptArb: fc.Arbitrary<Op[]> = fc
  .tuple(
    fc.array(
      fc.record({
        t: fc.constant("transfer" as const),
        from: fc.constant(0),
        to: fc.integer({ min: 1, max: 5 }),
        amt: amount,
        key: fc.constant(null),
        hidden: fc.constant(false)
      }),
      { minLength: 1, maxLength: 4 }
    ),
    fc.array(opArb, { maxLength: 30 })
  )
  .map(([a, b]) => [...a, ...b])

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A shuffled copy of `xs` with some elements repeated (replays), driven by `seed`. */
export function arrange<T>(xs: readonly T[], seed: number, dupRate = 0.3): T[] {
  const r = rng(seed)
  const out = [...xs]
  for (const x of xs) if (r() < dupRate) out.push(x)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Fresh JSON copies, as events arrive from relays. */
export const fresh = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
