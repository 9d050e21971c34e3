import { useState, type FormEvent } from "react"

import { newPassphraseProblem } from "../../../../shared/identity/passphrase"
import { changeLockPassphrase, lockKeyNow, removeKeyLock, setKeyLock, unlockKey } from "../../../../shared/messages/catalog"
import { Feedback } from "../../settings/Feedback"
import { Field, NewPassphraseFields } from "../../settings/Field"
import { Section } from "../../settings/Section"
import { useAction } from "../../settings/use-action"
import { callIdentity, type IdentityStatus } from "./identity-client"
import { ScryptProgress } from "./ScryptProgress"

/**
 * Lock with a passphrase: the key at rest becomes an ncryptsec; once unlocked it stays in the
 * browser's session memory until "Lock now" or until the browser closes.
 */
export function LockSection({ status, onStatus }: { status: IdentityStatus; onStatus(s: IdentityStatus): void }) {
  const lock = status.own.lock
  const { busy, feedback, setFeedback, run } = useAction()
  const [pass, setPass] = useState("")
  const [confirm, setConfirm] = useState("")
  const [current, setCurrent] = useState("")
  const [next, setNext] = useState("")
  const [nextConfirm, setNextConfirm] = useState("")
  const [removePass, setRemovePass] = useState("")
  /** Which form the last message belongs to: it is shown next to that form. */
  const [origin, setOrigin] = useState<"main" | "change" | "remove">("main")

  const clear = () => [setPass, setConfirm, setCurrent, setNext, setNextConfirm, setRemovePass].forEach((s) => s(""))
  async function act(work: () => Promise<{ status: IdentityStatus }>, message: string, from: "main" | "change" | "remove" = "main") {
    setOrigin(from)
    const answer = await run(work, () => message)
    if (answer) {
      clear()
      onStatus(answer.status)
    }
  }

  function setLock() {
    const problem = newPassphraseProblem(pass, confirm)
    setOrigin("main")
    if (problem) return setFeedback({ ok: false, message: problem })
    void act(() => callIdentity(setKeyLock, { passphrase: pass }), "Your key is now stored encrypted. It stays unlocked until you lock it or close the browser.")
  }
  function change() {
    const problem = newPassphraseProblem(next, nextConfirm)
    setOrigin("change")
    if (problem) return setFeedback({ ok: false, message: problem })
    void act(() => callIdentity(changeLockPassphrase, { current, next }), "Passphrase changed.", "change")
  }

  const submit = (f: () => void) => (e: FormEvent) => {
    e.preventDefault()
    f()
  }

  return (
    <Section
      id="lock"
      title="Lock with a passphrase"
      intro="With a lock, your key is stored encrypted (NIP-49). While it is locked, Synereo cannot sign posts; unlocking keeps it in memory until you lock it again or close the browser."
    >
      <p className={`lock-state lock-${lock}`} data-testid="lock-state" data-lock={lock}>
        {lock === "off" ? "No lock set." : lock === "unlocked" ? "Unlocked for this browser session." : "Locked."}
      </p>

      {lock === "off" ? (
        <form className="settings-form" aria-label="Set a lock" onSubmit={submit(setLock)}>
          <NewPassphraseFields label="New passphrase" value={pass} confirm={confirm} onChange={setPass} onConfirm={setConfirm} testid="lock" />
          <p className="muted">Synereo cannot recover this passphrase. Without it (or a backup), a locked key cannot be opened.</p>
          <div className="row">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy} data-testid="lock-set">
              {busy ? "Locking…" : "Lock my key"}
            </button>
          </div>
        </form>
      ) : null}

      {lock === "locked" ? (
        <form className="settings-form" aria-label="Unlock" onSubmit={submit(() => void act(() => callIdentity(unlockKey, { passphrase: pass }), "Unlocked until you lock it or close the browser."))}>
          <Field label="Passphrase" type="password" autoComplete="current-password" value={pass} onChange={setPass} data-testid="unlock-passphrase" />
          <div className="row">
            <button type="submit" className="primary" disabled={busy || !pass} aria-busy={busy} data-testid="unlock-button">
              {busy ? "Unlocking…" : "Unlock"}
            </button>
          </div>
        </form>
      ) : null}

      {lock === "unlocked" ? (
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void act(() => callIdentity(lockKeyNow, {}), "Locked. Unlock it here to sign again.")} data-testid="lock-now">
            Lock now
          </button>
        </div>
      ) : null}

      {origin === "main" ? (
        <>
          <ScryptProgress active={busy} />
          <Feedback state={feedback} testid="lock-feedback" />
        </>
      ) : null}

      {lock !== "off" ? (
        <>
          <details className="settings-more">
            <summary>Change the passphrase</summary>
            <form className="settings-form" aria-label="Change the passphrase" onSubmit={submit(change)}>
              <Field label="Current passphrase" type="password" autoComplete="current-password" value={current} onChange={setCurrent} />
              <NewPassphraseFields label="New passphrase" value={next} confirm={nextConfirm} onChange={setNext} onConfirm={setNextConfirm} testid="change" />
              <div className="row">
                <button type="submit" className="secondary" disabled={busy || !current}>
                  Change passphrase
                </button>
              </div>
              {origin === "change" ? (
                <>
                  <ScryptProgress active={busy} />
                  <Feedback state={feedback} />
                </>
              ) : null}
            </form>
          </details>
          <details className="settings-more">
            <summary>Remove the lock</summary>
            <form
              className="settings-form"
              aria-label="Remove the lock"
              onSubmit={submit(() => void act(() => callIdentity(removeKeyLock, { passphrase: removePass }), "Lock removed: the key is stored unencrypted again.", "remove"))}
            >
              <Field label="Passphrase" type="password" autoComplete="current-password" value={removePass} onChange={setRemovePass} hint="The key will be stored unencrypted in this browser again." />
              <div className="row">
                <button type="submit" className="secondary" disabled={busy || !removePass}>
                  Remove the lock
                </button>
              </div>
              {origin === "remove" ? (
                <>
                  <ScryptProgress active={busy} />
                  <Feedback state={feedback} />
                </>
              ) : null}
            </form>
          </details>
        </>
      ) : null}
    </Section>
  )
}
