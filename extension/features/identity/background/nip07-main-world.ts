/**
 * Runs in a web page's MAIN world, where NIP-07 signer extensions (nos2x, Alby, …) put
 * `window.nostr`. `scripting.executeScript` serialises this function, so it must not use anything
 * from its module. The page can see and replace everything here; the background therefore checks
 * every answer (shared/identity/signer-answer.ts) and never sends anything secret in.
 */
export async function nip07MainWorldCall(op: "getPublicKey" | "signEvent", template: unknown, timeoutMs: number): Promise<{ ok: true; value: unknown } | { ok: false; code: "no-signer" | "refused" | "timeout"; message?: string }> {
  type Nostr = { getPublicKey(): Promise<unknown>; signEvent(t: unknown): Promise<unknown> }
  const find = (): Nostr | undefined => {
    const n = (globalThis as unknown as { nostr?: Nostr }).nostr
    return n && typeof n.getPublicKey === "function" && typeof n.signEvent === "function" ? n : undefined
  }
  // Some signers inject window.nostr a moment after the page loads.
  let nostr = find()
  for (let i = 0; !nostr && i < 10; i++) {
    await new Promise((r) => setTimeout(r, 100))
    nostr = find()
  }
  if (!nostr) return { ok: false, code: "no-signer" }
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const work = op === "getPublicKey" ? nostr.getPublicKey() : nostr.signEvent(template)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("__timeout__")), timeoutMs)
    })
    return { ok: true, value: await Promise.race([work, timeout]) }
  } catch (err) {
    const message = String((err as { message?: unknown } | null)?.message ?? err).slice(0, 300)
    return message === "__timeout__" ? { ok: false, code: "timeout" } : { ok: false, code: "refused", message }
  } finally {
    clearTimeout(timer)
  }
}
