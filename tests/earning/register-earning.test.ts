// The grant path: earning cannot be turned on until the optional permissions are granted, and the
// status says so; clearing forgets the list.
import { describe, expect, it } from "vitest"

import { registerEarning } from "../../extension/features/earning/background/register-earning"
import { createWorld } from "./support"

const SENDER = { id: "" }

async function ask(w: ReturnType<typeof createWorld>, type: string, payload: unknown): Promise<any> {
  const listeners = (w.browser.runtime.onMessage as unknown as { trigger(m: unknown, s: unknown): Promise<unknown[]> }).trigger
  const answers = await listeners({ type, payload }, { ...SENDER, id: w.browser.runtime.id })
  return answers.find((a) => a !== undefined)
}

describe("earning messages", () => {
  it("refuses to turn on without the optional permissions, turns on once granted, and clears the list", async () => {
    const w = createWorld()
    const keys = { pubkey: async () => "a".repeat(64), sign: async () => ({}) } as never
    registerEarning(w.browser, { db: w.db, keys, nowMs: () => w.state.nowMs })
    w.state.granted = false
    expect(await ask(w, "earning/status", {})).toMatchObject({ ok: true, status: { enabled: false, permissions: false, minAttentionSecs: null, active: null } })
    expect(await ask(w, "earning/set-enabled", { enabled: true })).toMatchObject({ ok: false, code: "no-permission" })
    expect(await w.browser.storage.local.get(null)).toEqual({})
    w.state.granted = true // the side panel's permissions.request() was accepted
    expect(await ask(w, "earning/set-enabled", { enabled: true })).toMatchObject({ ok: true, status: { enabled: true, permissions: true } })
    await w.db.table("earningSessions").put({ id: "x", url: "https://a.example/", title: "", stakeId: "d".repeat(64), seconds: 9, startedAt: 0, endedAt: 1, status: "refused", reason: "below-minimum", message: "", receiptId: null })
    expect(await ask(w, "earning/clear", {})).toEqual({ ok: true, removed: 1 })
    expect(await w.db.table("earningSessions").count()).toBe(0)
  })
})
