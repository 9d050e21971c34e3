import * as Comlink from "comlink"

import type { EngineApi } from "../../shared/engine/engine-api"
import { pageSingleton } from "../lib/page-singleton"

export type EngineClient = Comlink.Remote<EngineApi>

/** The page's one engine worker, started on first use (shared by lazily loaded views too). */
export function engine(): EngineClient {
  return pageSingleton("engine-client", () => {
    const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" })
    return Comlink.wrap<EngineApi>(worker)
  })
}
