import { useId, useState } from "react"
import browser from "webextension-polyfill"

import { ImportForm } from "../identity/ui/ImportForm"
import { shortNpub, type IdentityStatus } from "../identity/ui/identity-client"
import { useIdentityStatus } from "../identity/ui/use-identity-status"

/**
 * Onboarding's identity step: keep the identity created at install, or import one the person
 * already has (the import asks before replacing anything). Then a nudge to back the key up.
 */
export function IdentityStep() {
  const { status, error, setStatus } = useIdentityStatus()
  const [choice, setChoice] = useState<"new" | "import">("new")
  const name = useId()
  if (error)
    return (
      <p role="alert" className="status error">
        {error}
      </p>
    )
  if (!status) return <p className="muted">Preparing your identity…</p>
  return (
    <>
      <fieldset className="choice" data-testid="identity-choice">
        <legend>Which identity should Synereo post as?</legend>
        <label>
          <input type="radio" name={name} value="new" checked={choice === "new"} onChange={() => setChoice("new")} data-testid="choice-new" />
          <span>
            {status.own.backup?.format === "imported" ? "The identity you imported" : "The new identity created for you"}: <code className="npub">{shortNpub(status.own.npub)}</code>
          </span>
        </label>
        <label>
          <input type="radio" name={name} value="import" checked={choice === "import"} onChange={() => setChoice("import")} data-testid="choice-import" />
          <span>An identity I already have (nsec or ncryptsec)</span>
        </label>
      </fieldset>
      {choice === "import" ? (
        <ImportForm
          status={status}
          onDone={(s) => {
            setStatus(s)
            setChoice("new")
          }}
        />
      ) : null}
      <BackupNudge status={status} />
    </>
  )
}

function BackupNudge({ status }: { status: IdentityStatus }) {
  if (status.own.backup) {
    return (
      <p className="status ok" data-testid="backup-nudge-done">
        Your key is backed up.
      </p>
    )
  }
  return (
    <aside className="nudge" aria-label="Back up your key" data-testid="backup-nudge">
      <p>
        <strong>Back up your key.</strong> It exists only in this browser: if this browser's data is lost, so is your identity. An encrypted backup (ncryptsec)
        takes a minute.
      </p>
      <button type="button" className="secondary" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL("options.html#backup") })} data-testid="backup-nudge-open">
        Back up now
      </button>
    </aside>
  )
}
