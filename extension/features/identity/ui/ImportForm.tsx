import { useState } from "react"

import { classifySecretInput } from "../../../../shared/identity/secret-input"
import { importIdentity } from "../../../../shared/messages/catalog"
import { Feedback } from "../../settings/Feedback"
import { Field } from "../../settings/Field"
import { useAction } from "../../settings/use-action"
import { callIdentity, shortNpub, type IdentityStatus } from "./identity-client"
import { ReplaceIdentityDialog } from "./ReplaceIdentityDialog"
import { ScryptProgress } from "./ScryptProgress"

const HINTS: Record<ReturnType<typeof classifySecretInput>, string | undefined> = {
  empty: undefined,
  nsec: undefined,
  ncryptsec: undefined,
  npub: "That is a public key (npub). Importing needs your secret key: nsec1… or ncryptsec1….",
  hex: "Synereo imports keys as nsec1… or ncryptsec1…, whose checksum catches typing errors.",
  unknown: "A Nostr secret key starts with nsec1… (or ncryptsec1… when encrypted)."
}

/**
 * Import an existing identity: an nsec, or an ncryptsec with its passphrase. Nothing is replaced
 * before the person confirms, in a dialog naming what is lost.
 */
export function ImportForm({ status, onDone }: { status: IdentityStatus; onDone(status: IdentityStatus): void }) {
  const [secret, setSecret] = useState("")
  const [passphrase, setPassphrase] = useState("")
  const [confirming, setConfirming] = useState(false)
  const { busy, feedback, setFeedback, run } = useAction()
  const kind = classifySecretInput(secret)

  function ask() {
    if (kind !== "nsec" && kind !== "ncryptsec") {
      setFeedback({ ok: false, message: HINTS[kind] ?? "Paste your key first: an nsec1… or an ncryptsec1…." })
      return
    }
    if (kind === "ncryptsec" && !passphrase) {
      setFeedback({ ok: false, message: "This key is encrypted (ncryptsec): type the passphrase it was encrypted with." })
      return
    }
    setConfirming(true)
  }

  async function confirm() {
    setConfirming(false)
    const answer = await run(
      () => callIdentity(importIdentity, { secret, passphrase: kind === "ncryptsec" ? passphrase : undefined, replacing: status.own.pubkey }),
      (a) => `Imported. You are now ${shortNpub(a.status.npub)}.`
    )
    if (answer) {
      setSecret("")
      setPassphrase("")
      onDone(answer.status)
    }
  }

  return (
    <form
      className="settings-form"
      aria-label="Import an identity"
      onSubmit={(e) => {
        e.preventDefault()
        ask()
      }}
    >
      <Field
        label="Your secret key (nsec1… or ncryptsec1…)"
        type="password"
        autoComplete="off"
        value={secret}
        onChange={(v) => {
          setSecret(v)
          setFeedback(undefined)
        }}
        hint={HINTS[kind] ?? "It stays in this browser; Synereo never sends it anywhere."}
        data-testid="import-secret"
      />
      {kind === "ncryptsec" ? <Field label="Passphrase of this ncryptsec" type="password" autoComplete="current-password" value={passphrase} onChange={setPassphrase} data-testid="import-passphrase" /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy} data-testid="import-button">
          {busy ? "Importing…" : "Import this identity"}
        </button>
      </div>
      <ScryptProgress active={busy && kind === "ncryptsec"} />
      <Feedback state={feedback} testid="import-feedback" />
      <ReplaceIdentityDialog open={confirming} status={status} action="Importing" onConfirm={confirm} onCancel={() => setConfirming(false)} />
    </form>
  )
}
