import { afterEach, beforeEach, vi } from "vitest"

/**
 * The panel's localStorage as a plain map, fresh for each test of the calling file (device-local
 * preferences and caches are strings under versioned keys). Returns the map to inspect.
 */
export function useMapLocalStorage(): Map<string, string> {
  const store = new Map<string, string>()
  beforeEach(() => {
    store.clear()
    vi.stubGlobal("localStorage", {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k)
    })
  })
  afterEach(() => vi.unstubAllGlobals())
  return store
}

/** Storage that refuses every call (disabled, or full), for the rest of the current test. */
export function breakLocalStorage(): void {
  const refuse = () => {
    throw new Error("storage unavailable")
  }
  vi.stubGlobal("localStorage", { getItem: refuse, setItem: refuse, removeItem: refuse })
}
