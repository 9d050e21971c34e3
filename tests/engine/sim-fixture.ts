import { createEngineService } from "../../shared/engine/engine-service"
import type { EngineApi } from "../../shared/engine/engine-api"
import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import type { KernelImpl } from "../../shared/engine/kernel/types"
import { DEFAULT_NETWORK, generateNetwork, type SimNetwork } from "../../shared/engine/sim/network"
import { loadWasmKernel } from "../support/wasm-kernel"

export const NOW = DEFAULT_NETWORK.now

/** The generated network (2,000 honest identities in 5 communities, 500 sybils, 5 attack edges). */
export const network: SimNetwork = generateNetwork()

/** An ordinary honest viewer of community 0 (not one of the attack-edge authors, who are the last five). */
export const HONEST_VIEWER = 10

export function pubkeyOf(i: number): string {
  return network.identities[i]!.pubkey
}

export function isSybilPubkey(pk: string): boolean {
  return network.identities.find((p) => p.pubkey === pk)?.sybil ?? false
}

export function authorIndexOfPost(id: string): number {
  return Number(id.split("-")[1])
}

/** An engine of the given kernel with the whole network applied, viewed by `viewer`. */
export async function simEngine(impl: KernelImpl = "ts", viewer = HONEST_VIEWER): Promise<EngineApi> {
  const kernel = impl === "ts" ? createTsKernel() : await loadWasmKernel(impl)
  const engine = createEngineService(kernel)
  engine.setViewer(pubkeyOf(viewer), NOW)
  const report = engine.applyDeltas(network.deltas, NOW)
  if (report.rejected.length > 0) throw new Error(`network rejected: ${JSON.stringify(report.rejected.slice(0, 3))}`)
  return engine
}
