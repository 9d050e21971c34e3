// The sync core's ingest path, measured the way events arrive from relays: JSON from the wire,
// checked (shape, kind rules, WASM id and signature), stored in Dexie in batches (one transaction
// per batch, on fake-indexeddb), and handed to a real engine service through GraphDeltaSink.
// 10,000 events from 50 simulated peers. `npm run bench -- ingest`. The verifier over nostr-wasm's
// libsecp256k1 binary (old) runs beside the one over our build (new, wasm/secp256k1/), same glue,
// in a verify-only A/B and in end-to-end passes, so the ratio comes from one run.
import { cpus, loadavg } from "node:os"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

import { IDBKeyRange, indexedDB } from "fake-indexeddb"
import Dexie from "dexie"
import { finalizeEvent, generateSecretKey, getPublicKey } from "nostr-tools/pure"

import { openStreamDb } from "../../shared/db/database"
import { createEngineService } from "../../shared/engine/engine-service"
import { createRng } from "../../shared/engine/sim/rng"
import type { SignedEvent } from "../../shared/nostr/event-schema"
import { bookmarkAddress, commentTemplate, contactListTemplate, reactionTemplate, type KnownEvent } from "../../shared/nostr/kinds"
import { sanitizeMetadata } from "../../shared/posts/link-metadata"
import { linkPostTemplate } from "../../shared/posts/link-post-event"
import { checkIncoming, loadVerifier, storeKnownEvents, type GraphDeltaSink, type VerifyFn } from "../../shared/sync"
import { loadKernel } from "./engine-kernels"
import { fmtMs, fmtRatio, now, printTable, type Benchmark } from "./harness"
import { loadNostrWasmBinaryVerify } from "./ingest-nostr-wasm-binary"
import { compareVerifiers, loadNostrWasmVerify } from "./ingest-verifiers"

const EVENTS = 10_000
const PEERS = 50
const BATCH = 500
const MIX = { contacts: PEERS, bookmarks: 1_950, reactions: 5_000, comments: 3_000 }

Dexie.dependencies.indexedDB = indexedDB
Dexie.dependencies.IDBKeyRange = IDBKeyRange

/** The wire form of 10,000 events in creation order: follow lists, posts, then likes and comments on earlier posts. */
function makeEvents(nowSec: number): string[] {
  const rng = createRng(20260101)
  const peers = Array.from({ length: PEERS }, () => {
    const secret = generateSecretKey()
    return { secret, pubkey: getPublicKey(secret) }
  })
  let t = nowSec - EVENTS - 10
  const out: string[] = []
  const sign = (i: number, template: { kind: number; created_at: number; tags: string[][]; content: string }) =>
    JSON.stringify(finalizeEvent(template, peers[i]!.secret))
  const posts: { id: string; author: string; url: string }[] = []
  for (let i = 0; i < MIX.contacts; i++) {
    const follows = new Set<number>()
    while (follows.size < 10) follows.add(rng.int(PEERS))
    follows.delete(i)
    out.push(sign(i, contactListTemplate([...follows].map((f) => ({ pubkey: peers[f]!.pubkey })), t++)))
  }
  const social = MIX.reactions + MIX.comments
  let reactions = 0
  for (let n = 0; posts.length < MIX.bookmarks || n < social; ) {
    // interleave: a post, then about four likes or comments on posts seen so far
    if (posts.length < MIX.bookmarks && (posts.length === 0 || rng.next() < MIX.bookmarks / (MIX.bookmarks + social))) {
      const i = rng.int(PEERS)
      const url = `https://peer${i}.example/post/${posts.length}?ref=${rng.int(1e6)}`
      const json = sign(i, linkPostTemplate(url, sanitizeMetadata({ title: `Post ${posts.length} by peer ${i}`, description: "A simulated link post." }, url), t++))
      const e = JSON.parse(json) as SignedEvent
      posts.push({ id: e.id, author: e.pubkey, url })
      out.push(json)
      continue
    }
    if (n >= social) continue
    const target = posts[rng.int(posts.length)]!
    const i = rng.int(PEERS)
    if (reactions < MIX.reactions && (rng.next() < MIX.reactions / social || n - reactions >= MIX.comments)) {
      out.push(sign(i, reactionTemplate({ id: target.id, author: target.author, address: bookmarkAddress(target.author, target.url) }, t++)))
      reactions++
    } else {
      const parent = { kind: "39701" as const, id: target.id, author: target.author, address: bookmarkAddress(target.author, target.url) }
      out.push(sign(i, commentTemplate({ url: target.url, parent, content: `Comment ${n} from peer ${i}.`, createdAt: t++ })))
    }
    n++
  }
  return out
}

/**
 * A full collection before the timed part, so it does not pay for the setup's garbage (10,000
 * pure-JS signatures) that the product never has. `npx tsx` runs without --expose-gc, where
 * `global.gc?.()` alone did nothing; a new context created after the flag is set gets `gc`.
 */
function collectSetupGarbage(): void {
  if (global.gc) return global.gc()
  setFlagsFromString("--expose-gc")
  ;(runInNewContext("gc") as () => void)()
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0)
}

interface PassResult {
  time: { verify: number; store: number; engine: number }
  total: number
  cpuMs: number
  invalid: number
  stored: number
  deltas: number
  rejectedDeltas: number
  counts: Record<string, number>
  memory: { base: NodeJS.MemoryUsage; peak: { rss: number; heapUsed: number } }
}

/** One full ingest of `wire` into a fresh database and engine, timed per stage. */
async function ingestPass(wire: string[], verify: VerifyFn, nowSec: number): Promise<PassResult> {
  const kernel = await loadKernel("wasm-simd")
  const engine = createEngineService(kernel)
  engine.setViewer(JSON.parse(wire[0]!).pubkey as string, nowSec)
  const sink: GraphDeltaSink = engine
  const db = openStreamDb(`bench-ingest-${Date.now()}`)
  await db.open()

  collectSetupGarbage()
  const base = process.memoryUsage()
  const peak = { rss: base.rss, heapUsed: base.heapUsed }
  const sampleMemory = () => {
    const m = process.memoryUsage()
    peak.rss = Math.max(peak.rss, m.rss)
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed)
  }
  const sampler = setInterval(sampleMemory, 20)

  const time = { verify: 0, store: 0, engine: 0 }
  let invalid = 0
  let stored = 0
  let deltas = 0
  let rejectedDeltas = 0
  const t0 = now()
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < wire.length; i += BATCH) {
    let t = now()
    const known: KnownEvent[] = []
    for (const json of wire.slice(i, i + BATCH)) {
      const r = checkIncoming(JSON.parse(json), { verify, nowSec, minPow: { comment: 0, reaction: 0 } })
      if (r.ok) known.push(r.known)
      else invalid++
    }
    time.verify += now() - t
    t = now()
    const result = await storeKnownEvents(db, known, { nowMs: Date.now() })
    time.store += now() - t
    stored += result.stored.length
    t = now()
    const report = sink.applyDeltas(result.deltas, nowSec) as ReturnType<typeof engine.applyDeltas>
    time.engine += now() - t
    deltas += result.deltas.length
    rejectedDeltas += report.rejected.length
    sampleMemory()
  }
  const total = now() - t0
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  const counts = { events: await db.events.count(), posts: await db.posts.count(), reactions: await db.reactions.count(), comments: await db.comments.count(), graphDeltas: await db.graphDeltas.count() }
  db.close()
  await db.delete() // the next pass starts from an empty database, and fake-indexeddb frees this one
  return { time, total, cpuMs: (cpu.user + cpu.system) / 1000, invalid, stored, deltas, rejectedDeltas, counts, memory: { base, peak } }
}

/** End-to-end passes in ABBA order, so a machine getting busier or quieter favours neither verifier. */
const PASS_ORDER = ["new", "old", "old", "new"] as const

export const ingestBenchmark: Benchmark = {
  name: "ingest",
  description: `sync core ingest: ${EVENTS.toLocaleString("en")} events from ${PEERS} peers, verified (WASM), stored (Dexie on fake-indexeddb, ${BATCH} per transaction) and handed to the engine; nostr-wasm's libsecp256k1 (old) and our build (new) side by side`,
  async run() {
    const verifier = await loadVerifier()
    if (verifier.impl !== "wasm") throw new Error("the WASM verifier did not load; nothing to compare")
    const verifiers = { old: await loadNostrWasmBinaryVerify(), new: verifier.verify }
    const nowSec = Math.floor(Date.now() / 1000)
    const wire = makeEvents(nowSec)
    console.log(`\n${wire.length.toLocaleString("en")} events: ${MIX.contacts} follow lists, ${MIX.bookmarks} posts, ${MIX.reactions} likes, ${MIX.comments} comments; verifier ${verifier.impl}. NIP-13 minimums are off here: mining 8,000 nonces would dominate the setup, and the check itself is a count of zero bits.`)
    console.log(`Verifiers, all with parsed keys kept per author and hex straight into WASM memory except the last: "old" = our glue over nostr-wasm 0.1.0's libsecp256k1 binary (5x52 field, 128-bit products as __multi3 calls); "new" = shared/sync/verifier.ts over wasm/secp256k1/secp256k1.wasm (libsecp256k1 0.2.0, 10x26 field, native i64.mul); for reference, nostr-wasm's own verifyEvent (its wrapper and binary, the verifier before November 2026).`)

    compareVerifiers(
      { "old (nostr-wasm's binary)": verifiers.old, "new (wasm/secp256k1)": verifiers.new, "nostr-wasm verifyEvent": await loadNostrWasmVerify() },
      wire.filter((_, i) => i % 5 === 0).map((json) => JSON.parse(json) as SignedEvent)
    )

    const passes: { which: (typeof PASS_ORDER)[number]; r: PassResult }[] = []
    for (const which of PASS_ORDER) passes.push({ which, r: await ingestPass(wire, verifiers[which], nowSec) })

    const rate = (ms: number) => Math.round((wire.length / ms) * 1000).toLocaleString("en")
    printTable(
      `Ingest of ${wire.length.toLocaleString("en")} events end to end, per pass in the order run (${BATCH} per batch; times in ms)`,
      ["pass", "verifier", "parse + check + verify", "store (Dexie)", "engine.applyDeltas", "end to end", "events/s", "CPU ms", "events per CPU-s"],
      passes.map(({ which, r }, i) => [String(i + 1), which, fmtMs(r.time.verify), fmtMs(r.time.store), fmtMs(r.time.engine), fmtMs(r.total), rate(r.total), fmtMs(r.cpuMs), rate(r.cpuMs)])
    )
    const best = (which: string, pick: (r: PassResult) => number) => Math.min(...passes.filter((p) => p.which === which).map((p) => pick(p.r)))
    for (const [label, pick] of [["end to end (wall)", (r: PassResult) => r.total], ["check stage (wall)", (r: PassResult) => r.time.verify], ["CPU of the run", (r: PassResult) => r.cpuMs]] as const) {
      console.log(`Best of 2, ${label}: old ${fmtMs(best("old", pick))} ms, new ${fmtMs(best("new", pick))} ms: ${fmtRatio(best("old", pick) / best("new", pick))} faster.`)
    }

    const last = passes[passes.length - 1]!.r
    console.log(`\nStored ${last.stored.toLocaleString("en")} (${last.invalid} invalid): ${JSON.stringify(last.counts)}; ${last.deltas.toLocaleString("en")} graph deltas, ${last.rejectedDeltas} refused by the engine.`)
    const { base, peak } = last.memory
    console.log(`Memory (last pass): rss ${mib(base.rss)} -> peak ${mib(peak.rss)} MiB; heap used ${mib(base.heapUsed)} -> peak ${mib(peak.heapUsed)} MiB (sampled every 20 ms and after each batch).`)
    const [load1] = loadavg()
    console.log(`Load average ${load1!.toFixed(1)} on ${cpus().length} cores (other work on the machine slows the wall-clock figures; CPU time does not count it).`)
    const bestNew = best("new", (r) => r.total)
    console.log(`Bar: >= 2,000 events/s end to end: ${(wire.length / bestNew) * 1000 >= 2000 ? "met" : "NOT met"} (best "new" pass, ${rate(bestNew)}/s).`)
  }
}
