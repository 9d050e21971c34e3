import * as Comlink from "comlink"

import type { EngineApi } from "../../shared/engine/engine-api"

export type EngineClient = Comlink.Remote<EngineApi>

let client: EngineClient | undefined

/** The page's one engine worker, started on first use. */
export function engine(): EngineClient {
  if (!client) {
    const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" })
    client = Comlink.wrap<EngineApi>(worker)
  }
  return client
}
