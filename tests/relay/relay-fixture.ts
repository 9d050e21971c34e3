import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startRelay, type RunningRelay, type StartRelayOptions } from "../../relay"
import { RelayTestClient } from "./relay-test-client"

export type StorageMode = "memory" | "sqlite file"
export const STORAGE_MODES: StorageMode[] = ["memory", "sqlite file"]

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "synereo-relay-test-"))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A real relay on an ephemeral loopback port plus the clients a test opened; all closed by stop(). */
export class RelayFixture {
  private readonly clients: RelayTestClient[] = []

  private constructor(
    readonly relay: RunningRelay,
    private readonly cleanup: () => void
  ) {}

  static async start(mode: StorageMode, options: StartRelayOptions = {}): Promise<RelayFixture> {
    if (mode === "memory") return new RelayFixture(await startRelay({ ...options, inMemory: true }), () => undefined)
    const data = tempDataDir()
    return new RelayFixture(await startRelay({ ...options, dataDir: data.dir }), data.remove)
  }

  async client(): Promise<RelayTestClient> {
    const client = await RelayTestClient.connect(this.relay.url)
    this.clients.push(client)
    return client
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map(c => c.close()))
    await this.relay.close()
    this.cleanup()
  }
}
