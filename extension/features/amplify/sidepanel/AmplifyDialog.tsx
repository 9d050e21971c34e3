import { useEffect, useId, useMemo, useRef, useState } from "react"

import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import { parseAmp } from "../../../../shared/ledger/amount"
import { amplifyPreview, amplifySubmit, syncStatus, walletBalance, walletEventStatus, type WalletBalanceWire } from "../../../../shared/messages/catalog"
import { engine } from "../../../engine/engine-client"
import { send } from "../../messaging/send"
import { walletErrorText } from "../../wallet/sidepanel/wallet-format"
import { AMOUNT_PRESETS, checkAmount, deliveryOf, reachFor, reachText, type Delivery } from "./amount"
import { closeAmplifyDialog, useAmplifyDialog, useAmplifyDialogRequests, type AmplifyDialogInput } from "./amplify-dialog-store"

/** Mounts the dialog where the panel shows it, and takes the background's open requests. */
export function AmplifyDialogHost() {
  useAmplifyDialogRequests()
  const state = useAmplifyDialog()
  return state.open ? <AmplifyDialog key={state.key} input={state} onClose={closeAmplifyDialog} /> : null
}

type Step = "edit" | "confirm" | "sending" | "sent"
type Reach = { amount: bigint; people: number }[]

/** The amplify dialog (a sheet in the side panel): note, amount (with reach), topic, confirmation, then pending → confirmed. */
export function AmplifyDialog({ input, onClose }: { input: AmplifyDialogInput; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const ids = useId()
  const [note, setNote] = useState(input.note ?? "")
  const [choice, setChoice] = useState<string>("0")
  const [custom, setCustom] = useState("")
  const [topic, setTopic] = useState("")
  const [step, setStep] = useState<Step>("edit")
  const [error, setError] = useState<string>()
  const [balance, setBalance] = useState<WalletBalanceWire | null | undefined>()
  const [communities, setCommunities] = useState<CommunityInfo[]>([])
  const [reach, setReach] = useState<Reach>()
  const [sent, setSent] = useState<{ id: string; ledger: boolean; title: string; amount: string }>()
  const [delivery, setDelivery] = useState<Delivery>()
  const [published, setPublished] = useState<string>()

  // A non-modal sheet in the panel's flow: the rest of the panel stays usable (the Stream's own
  // "Amplify this page" included), focus moves into it, Escape closes it.
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (!d.open) d.show()
    // Scrolled away (reading the Stream): bring the sheet's top into view; otherwise leave the scroll alone.
    const top = d.getBoundingClientRect().top
    if (top < 0 || top > window.innerHeight - 80) d.scrollIntoView({ block: "start" })
    d.querySelector<HTMLElement>("textarea, input, button")?.focus({ preventScroll: true })
  }, [])

  // The header names what the post will carry: the page's own title (og:title…), cleaned as the
  // amplifier cleans it, not the tab's title the dialog was opened with.
  useEffect(() => {
    send(amplifyPreview, { url: input.url, title: input.title, tabId: input.tabId }).then((r) => r.ok && setPublished(r.title), () => undefined)
  }, [input.url, input.title, input.tabId])

  useEffect(() => {
    send(walletBalance, {}).then((r) => setBalance(r.ok ? r.balance : null), () => setBalance(null))
    engine()
      .communities()
      .then((c) => setCommunities(c.slice(0, 30)), () => setCommunities([]))
  }, [])

  const amountText = choice === "custom" ? custom : choice
  const check = useMemo(() => checkAmount(amountText, balance === undefined ? "0" : (balance?.spendable ?? null)), [amountText, balance])
  const customUnits = useMemo(() => {
    try {
      return custom.trim() ? parseAmp(custom.trim()) : undefined
    } catch {
      return undefined
    }
  }, [custom])

  useEffect(() => {
    const amounts = AMOUNT_PRESETS.map((p) => parseAmp(p))
    if (customUnits !== undefined && !amounts.includes(customUnits)) amounts.push(customUnits)
    let stale = false
    engine()
      .estimateReach({ amounts })
      .then((r) => !stale && setReach(r.reach), () => !stale && setReach(amounts.map((amount) => ({ amount, people: 0 }))))
    return () => {
      stale = true
    }
  }, [customUnits])

  // After sending: follow the event until a relay confirmed it (and the ledger applied a stake).
  useEffect(() => {
    if (!sent) return
    let stopped = false
    const poll = async () => {
      const [status, sync] = await Promise.all([send(walletEventStatus, { id: sent.id }), send(syncStatus, {}).catch(() => undefined)])
      if (stopped || !status.ok) return
      const relayConnected = !!sync?.ok && sync.status.relays.some((r) => r.state === "open" && r.write)
      const d = deliveryOf(status.outbox, status.ledger, { isLedgerEvent: sent.ledger, relayConnected })
      setDelivery(d)
      if (d.phase === "confirmed" || d.phase === "rejected") stopped = true
    }
    void poll()
    const timer = setInterval(() => void (stopped ? clearInterval(timer) : poll().catch(() => undefined)), 1000)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [sent])

  const title = published ?? (input.title?.trim() || hostOf(input.url))
  const selectedReach = check.ok ? reachFor(reach, check.units) : undefined

  async function onConfirm() {
    if (!check.ok) return
    setStep("sending")
    setError(undefined)
    try {
      const r = await send(amplifySubmit, { url: input.url, title: input.title, note: note.trim() || undefined, amount: check.text, topic: topic || undefined, tabId: input.tabId })
      if (!r.ok) {
        setError(walletErrorText(r.code, r.message))
        setStep("edit")
        return
      }
      const id = r.stake?.id ?? r.post.id
      if (r.stake && r.stake.status === "rejected") {
        setError(`The ledger refused the stake: ${r.stake.message}`)
        setStep("edit")
        return
      }
      setStep("sent")
      if (id) setSent({ id, ledger: !!r.stake, title: r.post.title, amount: check.text })
      else setDelivery({ phase: "confirmed", message: `You already amplified “${r.post.title}”.` })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setStep("edit")
    }
  }

  const busy = step === "sending"
  return (
    <dialog
      ref={ref}
      className="amplify-dialog"
      aria-labelledby={`${ids}-title`}
      data-testid="amplify-dialog"
      data-step={step}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault()
          ref.current?.close()
        }
      }}
      onClose={onClose}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <header className="amplify-dialog-head">
          <h2 id={`${ids}-title`}>{step === "confirm" ? "Confirm amplification" : step === "sent" ? "Amplified" : "Amplify"}</h2>
          <p className="amplify-target">
            <span className="amplify-target-title" data-testid="amplify-dialog-title" data-source={published === undefined ? "tab" : "post"}>
              {title}
            </span>
            <span className="amplify-target-url" data-testid="amplify-dialog-url">
              {input.url}
            </span>
          </p>
        </header>

        {step === "edit" || step === "sending" ? (
          <>
            <div className="field">
              <label htmlFor={`${ids}-note`}>Note or quote</label>
              <textarea id={`${ids}-note`} data-testid="amplify-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why is this worth attention? (optional)" />
            </div>

            <fieldset className="amount-picker" aria-describedby={`${ids}-balance`}>
              <legend>Boost with AMP</legend>
              <div className="amount-options" role="radiogroup" aria-label="Amount">
                {AMOUNT_PRESETS.map((p) => {
                  const people = reachFor(reach, parseAmp(p))
                  return (
                    <label key={p} className={choice === p ? "amount-option selected" : "amount-option"} data-testid={`amount-preset-${p}`}>
                      <input type="radio" name={`${ids}-amount`} value={p} checked={choice === p} onChange={() => setChoice(p)} />
                      <span className="amount-value">{p === "0" ? "Free" : `${p} AMP`}</span>
                      <span className="amount-reach" data-testid={`amount-reach-${p}`}>
                        {reachText(people)}
                      </span>
                    </label>
                  )
                })}
                <label className={choice === "custom" ? "amount-option selected custom" : "amount-option custom"} data-testid="amount-custom">
                  <input type="radio" name={`${ids}-amount`} value="custom" checked={choice === "custom"} onChange={() => setChoice("custom")} />
                  <span className="amount-value">Other</span>
                  <input
                    type="text"
                    inputMode="decimal"
                    aria-label="Other amount in AMP"
                    data-testid="amount-custom-input"
                    placeholder="AMP"
                    value={custom}
                    onFocus={() => setChoice("custom")}
                    onChange={(e) => {
                      setChoice("custom")
                      setCustom(e.target.value)
                    }}
                  />
                </label>
              </div>
              <p id={`${ids}-balance`} className="amount-balance" data-testid="amplify-balance">
                {balance === undefined
                  ? "Reading your balance…"
                  : balance === null
                    ? "No AMP network on this device yet: free amplification only."
                    : `Spendable: ${balance.spendable} AMP${balance.pendingOut !== "0" ? ` (${balance.pendingOut} AMP pending out)` : ""}`}
              </p>
              <p className={check.ok ? "amount-summary" : "amount-summary error"} role={check.ok ? undefined : "alert"} data-testid="amplify-reach">
                {check.ok ? `${check.free ? "Free amplification" : `${check.text} AMP`}: ${reachText(selectedReach)}` : check.message}
              </p>
            </fieldset>

            <div className="field">
              <label htmlFor={`${ids}-topic`}>Community or topic</label>
              <select id={`${ids}-topic`} data-testid="amplify-topic" value={topic} onChange={(e) => setTopic(e.target.value)}>
                <option value="">Everyone (no topic)</option>
                {communities.map((c) => (
                  <option key={`${c.kind}:${c.name}`} value={c.name}>
                    {c.kind === "topic" ? `#${c.name}` : c.name} · {c.members} {c.members === 1 ? "member" : "members"}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}

        {step === "confirm" && check.ok ? (
          <div className="amplify-confirm" data-testid="amplify-confirm-summary">
            <p>
              {check.free ? (
                <>Amplify this page for free{topic ? ` in #${topic}` : ""}.</>
              ) : (
                <>
                  Stake <strong>{check.text} AMP</strong> on this page{topic ? ` in #${topic}` : ""}
                  {selectedReach && selectedReach > 0 ? (
                    <>
                      , reaching <strong>{reachText(selectedReach)}</strong>
                    </>
                  ) : null}
                  .
                </>
              )}
            </p>
            {!check.free ? (
              <p className="muted">The AMP is held for a day, then paid out to the page's first amplifier, the network's upkeep and the people who give it attention; what is not earned comes back to you.</p>
            ) : null}
            {note.trim() ? <blockquote className="amplify-note-preview">{note.trim()}</blockquote> : null}
          </div>
        ) : null}

        {step === "sent" ? (
          <p className={`amplify-delivery ${delivery?.phase ?? "pending"}`} role="status" aria-live="polite" data-testid="amplify-dialog-status" data-phase={delivery?.phase ?? "pending"}>
            <span className="delivery-dot" aria-hidden="true" />
            {sent && !delivery ? "Pending: handing it to your relays…" : delivery?.message}
          </p>
        ) : null}

        {error ? (
          <p className="status error" role="alert" data-testid="amplify-dialog-error">
            {error}
          </p>
        ) : null}

        <div className="actions">
          {step === "edit" || step === "sending" ? (
            <>
              <button type="button" className="secondary" data-testid="amplify-cancel" onClick={() => ref.current?.close()} disabled={busy}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                data-testid="amplify-continue"
                disabled={!check.ok || busy || balance === undefined}
                onClick={() => {
                  setError(undefined)
                  setStep("confirm")
                }}>
                {busy ? "Amplifying…" : "Continue"}
              </button>
            </>
          ) : null}
          {step === "confirm" ? (
            <>
              <button type="button" className="secondary" onClick={() => setStep("edit")}>
                Back
              </button>
              <button type="button" className="primary" data-testid="amplify-confirm" onClick={() => void onConfirm()} autoFocus>
                {check.ok && !check.free ? `Stake ${check.text} AMP and amplify` : "Amplify"}
              </button>
            </>
          ) : null}
          {step === "sent" ? (
            <button type="button" className="primary" data-testid="amplify-dialog-close" onClick={() => ref.current?.close()} autoFocus>
              Done
            </button>
          ) : null}
        </div>
      </form>
    </dialog>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
