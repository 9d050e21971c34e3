/** The outcome of the last action in a form: a polite status when it worked, an alert when not. */
export type FeedbackState = { ok: boolean; message: string } | undefined

export function Feedback({ state, testid }: { state: FeedbackState; testid?: string }) {
  if (!state) return <p className="status" role="status" aria-live="polite" data-testid={testid} />
  return (
    <p className={state.ok ? "status ok" : "status error"} role={state.ok ? "status" : "alert"} aria-live={state.ok ? "polite" : "assertive"} data-testid={testid}>
      {state.message}
    </p>
  )
}
