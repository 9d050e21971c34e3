import { useEffect, useId, useState } from "react"

import { walletSend } from "../../../../shared/messages/catalog"
import { send } from "../../messaging/send"
import { checkSend, walletErrorText } from "./wallet-format"

/** Send AMP to an npub: checked, then confirmed, then sent; the wallet's refusals in words. */
export function SendForm({ me, spendable, onSent }: { me: string | undefined; spendable: string | null; onSent(): void }) {
  const id = useId()
  const [to, setTo] = useState("")
  const [amount, setAmount] = useState("")
  const [memo, setMemo] = useState("")
  const [problem, setProblem] = useState<{ field?: "to" | "amount"; message: string }>()
  const [confirming, setConfirming] = useState<{ npub: string; amount: string }>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string>()

  // The balance moved (an earning, a settle, a send from another view): a refusal about the amount
  // is checked again, so it never states an old figure or refuses what is now covered.
  useEffect(() => {
    setProblem((p) => {
      if (p?.field !== "amount") return p
      const c = checkSend(to, amount, me, spendable)
      return c.ok ? undefined : c.field === "amount" ? { field: "amount", message: c.message } : p
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spendable])

  function onContinue() {
    setDone(undefined)
    const c = checkSend(to, amount, me, spendable)
    if (!c.ok) {
      setProblem({ field: c.field, message: c.message })
      return
    }
    setProblem(undefined)
    setConfirming({ npub: c.npub, amount: c.amount })
  }

  async function onSend() {
    if (!confirming) return
    setBusy(true)
    try {
      const r = await send(walletSend, { to: confirming.npub, amount: confirming.amount, memo: memo.trim() || undefined })
      if (!r.ok) {
        setProblem({ message: walletErrorText(r.code, r.message) })
      } else if (r.submitted.status === "rejected") {
        setProblem({ message: `The ledger refused it: ${r.submitted.message}` })
      } else {
        setDone(`Sent ${confirming.amount} AMP to ${confirming.npub.slice(0, 12)}…${confirming.npub.slice(-4)}${r.submitted.status === "held" ? " (pending)" : ""}.`)
        setTo("")
        setAmount("")
        setMemo("")
        onSent()
      }
    } catch (err) {
      setProblem({ message: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
      setConfirming(undefined)
    }
  }

  return (
    <section className="wallet-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Send AMP</h3>
      {confirming ? (
        <div className="send-confirm" data-testid="send-confirm-summary">
          <p>
            Send <strong>{confirming.amount} AMP</strong> to <span className="npub">{confirming.npub}</span>?
          </p>
          <p className="muted">A transfer cannot be undone.</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setConfirming(undefined)} disabled={busy}>
              Back
            </button>
            <button type="button" className="primary" data-testid="send-confirm" onClick={() => void onSend()} disabled={busy} autoFocus>
              {busy ? "Sending…" : `Send ${confirming.amount} AMP`}
            </button>
          </div>
        </div>
      ) : (
        <form
          className="send-form"
          onSubmit={(e) => {
            e.preventDefault()
            onContinue()
          }}>
          <div className="field">
            <label htmlFor={`${id}-to`}>To (npub)</label>
            <input
              id={`${id}-to`}
              data-testid="send-to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              placeholder="npub1…"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={problem?.field === "to"}
              aria-describedby={problem?.field === "to" ? `${id}-err` : undefined}
            />
          </div>
          <div className="send-row">
            <div className="field">
              <label htmlFor={`${id}-amount`}>Amount (AMP)</label>
              <input
                id={`${id}-amount`}
                data-testid="send-amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                placeholder="0.00"
                aria-invalid={problem?.field === "amount"}
                aria-describedby={problem?.field === "amount" ? `${id}-err` : undefined}
              />
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-memo`}>Note (optional)</label>
              <input id={`${id}-memo`} data-testid="send-memo" value={memo} maxLength={280} onChange={(e) => setMemo(e.target.value)} />
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="primary" data-testid="send-continue">
              Continue
            </button>
          </div>
        </form>
      )}
      {problem ? (
        <p id={`${id}-err`} className="status error" role="alert" data-testid="send-error">
          {problem.message}
        </p>
      ) : null}
      {done ? (
        <p className="status ok" role="status" data-testid="send-status">
          {done}
        </p>
      ) : null}
    </section>
  )
}
