// Helpers for the CLI tests: a real relay, a temporary working directory, the CLI run in-process
// (runAmp with captured output) or as a child process (scripts/amp/bin.cjs, one node process).
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { getPublicKey } from "nostr-tools/pure"
import { sha256 } from "@noble/hashes/sha2.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"

import { startRelay, type RunningRelay } from "../../relay"
import { runAmp } from "../../scripts/amp/index"
import type { NostrEvent } from "../../shared/ledger"
import { connectRelay, fetchLedgerEvents } from "../../shared/wallet/relay"

export const BIN = resolve(__dirname, "../../scripts/amp/bin.cjs")

export const quietRelay = () =>
  startRelay({ port: 0, inMemory: true, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } })

export function tempDir(prefix = "amp-cli-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface CliResult {
  code: number
  out: string
  err: string
}

/** Runs the CLI in this process (fast); output captured. */
export async function amp(cwd: string, ...argv: string[]): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const code = await runAmp(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} })
  return { code, out: out.join("\n"), err: err.join("\n") }
}

/** Deterministic recipients: pubkeys of hashed names. */
export const recipient = (i: number): string => getPublicKey(sha256(utf8ToBytes(`amp-cli test recipient ${i}`)))

export function writeCsv(path: string, rows: [string, string][], header = true): void {
  writeFileSync(path, `${header ? "recipient,amount\n" : ""}${rows.map(([r, a]) => `${r},${a}`).join("\n")}\n`)
}

/** Every ledger event of the network on the relay. */
export async function relayEvents(relay: RunningRelay, genesisId: string): Promise<NostrEvent[]> {
  const r = await connectRelay(relay.url)
  try {
    return (await fetchLedgerEvents(r, genesisId)).events
  } finally {
    r.close()
  }
}

export interface Child {
  proc: ChildProcess
  /** Lines printed so far (stdout and stderr). */
  lines: string[]
  /** Resolves with the exit code (null) and signal when the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves when a printed line matches. */
  waitFor(match: RegExp): Promise<string>
}

/** Starts the CLI as a child process: `node scripts/amp/bin.cjs …`, a single process to kill. */
export function spawnAmp(cwd: string, argv: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [BIN, ...argv], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
  const lines: string[] = []
  const waiters: { match: RegExp; resolve: (l: string) => void }[] = []
  const onData = (buf: Buffer) => {
    for (const line of buf.toString().split("\n").filter(Boolean)) {
      lines.push(line)
      for (const w of waiters.splice(0)) if (w.match.test(line)) w.resolve(line)
      else waiters.push(w)
    }
  }
  proc.stdout!.on("data", onData)
  proc.stderr!.on("data", onData)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.once("exit", (code, signal) => res({ code, signal })))
  return {
    proc,
    lines,
    exited,
    waitFor: (match) => {
      const seen = lines.find((l) => match.test(l))
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ match, resolve }))
    }
  }
}
