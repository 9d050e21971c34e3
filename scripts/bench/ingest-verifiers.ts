// The verifier A/B of the ingest benchmark: verifiers on the same events, interleaved in small
// chunks so a busy machine slows all alike; and nostr-wasm's own wrapper, kept only as a reference.
import { initNostrWasm } from "nostr-wasm"

import type { SignedEvent } from "../../shared/nostr/event-schema"
import type { VerifyFn } from "../../shared/sync"
import { fmtRatio, median, now, printTable } from "./harness"

/** The verifier before November 2026: nostr-wasm's verifyEvent (it throws on any failure). */
export async function loadNostrWasmVerify(): Promise<VerifyFn> {
  const nw = await initNostrWasm()
  return (event) => {
    try {
      nw.verifyEvent(event)
      return true
    } catch {
      return false
    }
  }
}

function cpuMs(): number {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

/**
 * µs per event of each verifier, in `rounds` passes over `events` in chunks of `chunk`, the
 * verifiers taking turns per chunk (order alternating). Wall and CPU time: CPU time does not count
 * the time another process held the core, so it is the steadier figure on a shared machine.
 */
export function compareVerifiers(verifiers: Record<string, VerifyFn>, events: SignedEvent[], rounds = 3, chunk = 250): void {
  const names = Object.keys(verifiers)
  const wall = new Map(names.map((n) => [n, [] as number[]]))
  const cpu = new Map(names.map((n) => [n, [] as number[]]))
  for (const v of Object.values(verifiers)) for (const e of events.slice(0, 100)) v(e) // warm-up, and keys seen once
  let turn = 0
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < events.length; i += chunk) {
      const slice = events.slice(i, i + chunk)
      const order = turn++ % 2 ? [...names].reverse() : names
      for (const name of order) {
        const verify = verifiers[name]!
        const c0 = cpuMs()
        const t0 = now()
        for (const e of slice) if (!verify(e)) throw new Error(`${name} refused a valid event`)
        wall.get(name)!.push(((now() - t0) * 1000) / slice.length)
        cpu.get(name)!.push(((cpuMs() - c0) * 1000) / slice.length)
      }
    }
  }
  const stat = (m: Map<string, number[]>, n: string) => {
    const s = [...m.get(n)!].sort((a, b) => a - b)
    return { best: s[0]!, median: median(s) }
  }
  const base = names[0]!
  printTable(
    `Verifier A/B: µs per event (id + signature), ${events.length.toLocaleString("en")} events x ${rounds} rounds, chunks of ${chunk} taking turns`,
    ["verifier", "CPU median", "CPU best", "wall median", "wall best", `speed-up vs ${base} (CPU median)`],
    names.map((n) => {
      const c = stat(cpu, n)
      const w = stat(wall, n)
      return [n, c.median.toFixed(1), c.best.toFixed(1), w.median.toFixed(1), w.best.toFixed(1), fmtRatio(stat(cpu, base).median / c.median)]
    })
  )
}
