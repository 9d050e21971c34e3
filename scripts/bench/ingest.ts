// The sync core's ingest path, measured the way events arrive from relays: JSON from the wire,
// checked (shape, kind rules, WASM id and signature), stored in Dexie in batches (one transaction
// per batch, on fake-indexeddb), and handed to a real engine service through GraphDeltaSink.
// 10,000 events from 50 simulated peers. `npm run bench -- ingest`.
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
import { checkIncoming, loadVerifier, storeKnownEvents, type GraphDeltaSink } from "../../shared/sync"
import { loadKernel } from "./engine-kernels"
import { fmtMs, now, printTable, type Benchmark } from "./harness"

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

export const ingestBenchmark: Benchmark = {
  name: "ingest",
  description: `sync core ingest: ${EVENTS.toLocaleString("en")} events from ${PEERS} peers, verified (WASM), stored (Dexie on fake-indexeddb, ${BATCH} per transaction) and handed to the engine`,
  async run() {
    const verifier = await loadVerifier()
    const nowSec = Math.floor(Date.now() / 1000)
    const wire = makeEvents(nowSec)
    console.log(`\n${wire.length.toLocaleString("en")} events: ${MIX.contacts} follow lists, ${MIX.bookmarks} posts, ${MIX.reactions} likes, ${MIX.comments} comments; verifier ${verifier.impl}. NIP-13 minimums are off here: mining 8,000 nonces would dominate the setup, and the check itself is a count of zero bits.`)

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
        const r = checkIncoming(JSON.parse(json), { verify: verifier.verify, nowSec, minPow: { comment: 0, reaction: 0 } })
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
    const cpuMs = (cpu.user + cpu.system) / 1000
    clearInterval(sampler)
    const counts = { events: await db.events.count(), posts: await db.posts.count(), reactions: await db.reactions.count(), comments: await db.comments.count(), graphDeltas: await db.graphDeltas.count() }
    db.close()

    const rate = (ms: number) => Math.round((wire.length / ms) * 1000).toLocaleString("en")
    printTable(
      `Ingest of ${wire.length.toLocaleString("en")} events (${BATCH} per batch; times in ms)`,
      ["stage", "total ms", "events/s"],
      [
        ["parse + check + verify (WASM)", fmtMs(time.verify), rate(time.verify)],
        ["store (Dexie, 1 transaction per batch)", fmtMs(time.store), rate(time.store)],
        ["engine.applyDeltas (GraphDeltaSink)", fmtMs(time.engine), rate(time.engine)],
        ["end to end", fmtMs(total), rate(total)]
      ]
    )
    console.log(`\nStored ${stored.toLocaleString("en")} (${invalid} invalid): ${JSON.stringify(counts)}; ${deltas.toLocaleString("en")} graph deltas, ${rejectedDeltas} refused by the engine.`)
    console.log(`Memory: rss ${mib(base.rss)} -> peak ${mib(peak.rss)} MiB; heap used ${mib(base.heapUsed)} -> peak ${mib(peak.heapUsed)} MiB (sampled every 20 ms and after each batch).`)
    const [load1] = loadavg()
    console.log(`CPU time of the run: ${fmtMs(cpuMs)} ms for ${fmtMs(total)} ms of wall time, ${rate(cpuMs)} events per CPU-second; load average ${load1!.toFixed(1)} on ${cpus().length} cores (other work on the machine slows the wall-clock figures).`)
    console.log(`Bar: >= 2,000 events/s end to end: ${(wire.length / total) * 1000 >= 2000 ? "met" : "NOT met"}.`)
  }
}
