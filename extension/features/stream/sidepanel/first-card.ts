import { useEffect, useState } from "react"

/**
 * The first Stream cards are what the panel is opened for. Work that does not draw them (the
 * engine worker's start and graph replay, ranking, chunks loaded for later) waits for them, so it
 * does not compete for the main thread or the machine's cores during the first paint.
 */
let release: () => void = () => undefined
const shown = new Promise<void>((resolve) => {
  release = resolve
})
let done = false
/** If no card ever comes (the database failed, the Stream was left at once), start the rest anyway. */
const FALLBACK_MS = 3000
let fallback: ReturnType<typeof setTimeout> | undefined

function settle(): void {
  if (done) return
  done = true
  clearTimeout(fallback)
  // One macrotask later: the cards' commit is painted before the deferred work starts.
  setTimeout(release, 0)
}

/** PostCard's first commit: the benchmark's mark (scripts/bench/first-paint.ts), then the rest may start. */
export function markFirstCard(): void {
  if (done) return
  performance.mark("stream-first-card")
  settle()
}

/** The Stream has nothing to show (empty, filtered out): nothing to wait for. */
export function streamSettled(): void {
  settle()
}

/** Resolves once the first cards are on screen (at the latest FALLBACK_MS after the first call). */
export function afterFirstCard(): Promise<void> {
  fallback ??= setTimeout(settle, FALLBACK_MS)
  return shown
}

/** True once the first cards are on screen: for parts mounted only after them. */
export function useAfterFirstCard(): boolean {
  const [ready, setReady] = useState(done)
  useEffect(() => {
    let live = true
    void afterFirstCard().then(() => live && setReady(true))
    return () => {
      live = false
    }
  }, [])
  return ready
}
