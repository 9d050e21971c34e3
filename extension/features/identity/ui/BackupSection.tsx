import { useEffect, useState } from "react"

import { newPassphraseProblem } from "../../../../shared/identity/passphrase"
import { backupIdentity, confirmBackup } from "../../../../shared/messages/catalog"
import { ConfirmDialog } from "../../settings/ConfirmDialog"
import { CopyField } from "../../settings/CopyField"
import { Feedback } from "../../settings/Feedback"
import { NewPassphraseFields } from "../../settings/Field"
import { Section } from "../../settings/Section"
import { useAction } from "../../settings/use-action"
import { callIdentity, type IdentityStatus } from "./identity-client"
import { ScryptProgress } from "./ScryptProgress"

type Shown = { format: "ncryptsec" | "nsec"; value: string; pubkey: string }

/**
 * Back up Synereo's own key: as an ncryptsec (NIP-49) under a passphrase typed here, which is safe
 * to keep in a password manager or on paper; or, after a warning, as the raw nsec.
 */
export function BackupSection({ status, onStatus }: { status: IdentityStatus; onStatus(s: IdentityStatus): void }) {
  const [passphrase, setPassphrase] = useState("")
  const [confirm, setConfirm] = useState("")
  const [shown, setShown] = useState<Shown>()
  const [askNsec, setAskNsec] = useState(false)
  const { busy, feedback, setFeedback, run } = useAction()
  const locked = status.own.lock === "locked"
  useEffect(() => {
    // A locked key cannot be backed up: drop what was shown or said before.
    if (locked) {
      setShown(undefined)
      setFeedback(undefined)
    }
  }, [locked, setFeedback])

  async function showEncrypted() {
    const problem = newPassphraseProblem(passphrase, confirm)
    if (problem) return setFeedback({ ok: false, message: problem })
    const answer = await run(() => callIdentity(backupIdentity, { format: "ncryptsec", passphrase }))
    if (answer) {
      setShown(answer)
      setPassphrase("")
      setConfirm("")
    }
  }

  async function showNsec() {
    setAskNsec(false)
    const answer = await run(() => callIdentity(backupIdentity, { format: "nsec", confirmed: true }))
    if (answer) setShown(answer)
  }

  async function saved() {
    if (!shown) return
    const answer = await run(() => callIdentity(confirmBackup, { pubkey: shown.pubkey, format: shown.format }), () => "Marked as backed up. Keep that copy somewhere safe and private.")
    if (answer) {
      setShown(undefined)
      onStatus(answer.status)
    }
  }

  return (
    <Section
      id="backup"
      title="Back up your key"
      intro="Your key exists only in this browser. Keep a copy somewhere safe: with it you can restore your identity in another browser or after losing this one."
    >
      {status.signer === "nip07" ? <p className="muted">This backs up Synereo's own key, not your signer extension's.</p> : null}
      {locked ? (
        <p className="status error" data-testid="backup-locked">
          Your key is locked — unlock it below (under “Lock with a passphrase”) to back it up.
        </p>
      ) : shown ? (
        <div className="backup-shown" data-testid="backup-shown" data-format={shown.format}>
          <CopyField label={shown.format === "ncryptsec" ? "Your encrypted key (ncryptsec)" : "Your secret key (nsec) — anyone who sees it can post as you"} value={shown.value} testid="backup-value" />
          {shown.format === "ncryptsec" ? <p className="muted">To restore it you need this text and the passphrase you just typed. Synereo does not keep that passphrase.</p> : null}
          <div className="row">
            <button type="button" className="primary" onClick={saved} disabled={busy} data-testid="backup-saved">
              I have saved it
            </button>
            <button type="button" className="secondary" onClick={() => setShown(undefined)}>
              Hide
            </button>
          </div>
        </div>
      ) : (
        <form
          className="settings-form"
          aria-label="Encrypted backup"
          onSubmit={(e) => {
            e.preventDefault()
            void showEncrypted()
          }}
        >
          <NewPassphraseFields label="Passphrase for the backup" value={passphrase} confirm={confirm} onChange={setPassphrase} onConfirm={setConfirm} testid="backup" />
          <div className="row">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy} data-testid="backup-encrypted">
              Show encrypted backup (ncryptsec)
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setAskNsec(true)} data-testid="backup-nsec">
              Show raw key (nsec)…
            </button>
          </div>
        </form>
      )}
      <ScryptProgress active={busy && !askNsec && !shown} />
      <Feedback state={feedback} testid="backup-feedback" />
      <ConfirmDialog open={askNsec} title="Show your raw secret key?" confirmLabel="Show my nsec" onConfirm={showNsec} onCancel={() => setAskNsec(false)} testid="nsec-dialog">
        <p>The nsec is your identity itself, unencrypted. Anyone who sees it, photographs it or finds it in your clipboard can post as you, forever.</p>
        <p>Prefer the encrypted backup. Show the nsec only where nobody can see your screen, and only to paste it into software you trust.</p>
      </ConfirmDialog>
    </Section>
  )
}
