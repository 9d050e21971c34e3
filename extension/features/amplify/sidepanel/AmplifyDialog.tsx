import { useEffect, useId, useMemo, useRef, useState } from "react"

import type { CommunityInfo } from "../../../../shared/engine/engine-api"
import { parseAmp } from "../../../../shared/ledger/amount"
import { amplifyPreview, amplifySubmit, syncStatus, walletBalance, walletEventStatus, type WalletBalanceWire } from "../../../../shared/messages/catalog"
import { engine } from "../../../engine/engine-client"
import { send } from "../../messaging/send"
import { walletErrorText } from "../../wallet/sidepanel/wallet-format"
import { AmountPicker } from "./AmountPicker"
import { AMOUNT_PRESETS, checkAmount, deliveryOf, reachText, type Delivery } from "./amount"
import { closeAmplifyDialog, useAmplifyDialog, useAmplifyDialogRequests, type AmplifyDialogInput } from "./amplify-dialog-store"
import { buysNoReach, reachAdvice } from "./reach-advice"
import { targetOf } from "./targets"
import { TargetPicker } from "./TargetPicker"
import { useSheet } from "./use-sheet"

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

  // Non-modal, never moving the Stream (use-sheet.ts); Escape closes it.
  const sheet = useSheet(ref)

  // The header names what the post will carry: the page's own title (og:title…), cleaned as the
  // amplifier cleans it, not the tab's title the dialog was opened with.
  useEffect(() => {
    send(amplifyPreview, { url: input.url, title: input.title, tabId: input.tabId }).then((r) => r.ok && setPublished(r.title), () => undefined)
  }, [input.url, input.title, input.tabId])

  useEffect(() => {
    send(walletBalance, {}).then((r) => setBalance(r.ok ? r.balance : null), () => setBalance(null))
    engine()
      .communities()
      .then(setCommunities, () => setCommunities([]))
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
  const advice = check.ok ? reachAdvice(reach, check.units) : undefined
  const noReach = !!advice && buysNoReach(advice)
  const target = targetOf(topic)

  async function onConfirm() {
    if (!check.ok) return
    setStep("sending")
    setError(undefined)
    try {
      const r = await send(amplifySubmit, { url: input.url, title: input.title, note: note.trim() || undefined, amount: check.text, topic: target.kind === "topic" ? target.tag : undefined, tabId: input.tabId })
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
  const where = target.kind === "none" ? "" : ` in ${target.name}`
  return (
    <dialog
      ref={ref}
      className={sheet.floating ? "amplify-dialog floating" : "amplify-dialog"}
      aria-labelledby={`${ids}-title`}
      data-testid="amplify-dialog"
      data-step={step}
      data-floating={sheet.floating || undefined}
      onKeyDown={(e) => {
        sheet.onKeyDown(e)
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

            <AmountPicker
              id={ids}
              choice={choice}
              custom={custom}
              onChoose={(c, v) => {
                setChoice(c)
                setCustom(v)
              }}
              reach={reach}
              balance={balance}
              check={check}
              advice={advice}
              onOpenWallet={() => {
                ref.current?.close()
                // The panel shell owns which view shows; its Wallet tab is the one way there.
                document.getElementById("tab-wallet")?.click()
              }}
            />
            <TargetPicker id={ids} value={topic} onChange={setTopic} communities={communities} />
          </>
        ) : null}

        {step === "confirm" && check.ok ? (
          <div className="amplify-confirm" data-testid="amplify-confirm-summary">
            <p>
              {check.free ? (
                <>Amplify this page for free{where}.</>
              ) : (
                <>
                  Stake <strong>{check.text} AMP</strong> on this page{where}
                  {advice?.kind === "reaches" ? (
                    <>
                      , reaching <strong>{reachText(advice.people)}</strong>
                    </>
                  ) : null}
                  .
                </>
              )}
            </p>
            {target.kind === "community" ? <p className="muted">Communities are not tagged on posts: {target.name} is found by each reader's own device.</p> : null}
            {noReach ? (
              <div className="amplify-no-reach" role="alert" data-testid="amplify-no-reach">
                <p>
                  <strong>This stake buys no estimated reach.</strong>{" "}
                  {advice?.kind === "too-small" ? "A larger amount would reach some people." : "No one here follows or engages with you yet, so AMPs cannot carry the post to anyone."} A free
                  amplification shows it to the people who follow you all the same.
                </p>
                <button type="button" className="secondary" data-testid="amplify-free-instead" onClick={() => {
                    setChoice("0")
                    setCustom("")
                  }}>
                  Amplify for free instead
                </button>
              </div>
            ) : null}
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
                {check.ok && !check.free ? (noReach ? "Stake anyway" : `Stake ${check.text} AMP and amplify`) : "Amplify"}
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
