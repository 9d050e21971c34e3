import { useCallback, useRef, useState } from "react"

import type { FeedbackState } from "./Feedback"

/**
 * Runs one action of a form at a time and keeps what to show: busy while it runs, then a success
 * sentence or the error's message.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<FeedbackState>()
  const running = useRef(false)
  const run = useCallback(async <T,>(work: () => Promise<T>, success?: (value: T) => string | undefined): Promise<T | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setFeedback(undefined)
    try {
      const value = await work()
      const message = success?.(value)
      setFeedback(message ? { ok: true, message } : undefined)
      return value
    } catch (err) {
      setFeedback({ ok: false, message: err instanceof Error ? err.message : String(err) })
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { busy, feedback, setFeedback, run }
}
