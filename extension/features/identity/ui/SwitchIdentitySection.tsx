import { useState } from "react"

import { createIdentity } from "../../../../shared/messages/catalog"
import { Feedback } from "../../settings/Feedback"
import { Section } from "../../settings/Section"
import { useAction } from "../../settings/use-action"
import { callIdentity, shortNpub, type IdentityStatus } from "./identity-client"
import { ImportForm } from "./ImportForm"
import { ReplaceIdentityDialog } from "./ReplaceIdentityDialog"

/** Import an existing identity, or start over with a new one; both ask first, naming what is lost. */
export function SwitchIdentitySection({ status, onStatus }: { status: IdentityStatus; onStatus(s: IdentityStatus): void }) {
  const [confirming, setConfirming] = useState(false)
  const { busy, feedback, run } = useAction()
  async function create() {
    setConfirming(false)
    const answer = await run(() => callIdentity(createIdentity, { replacing: status.own.pubkey }), (a) => `New identity created: ${shortNpub(a.status.npub)}. Back it up.`)
    if (answer) onStatus(answer.status)
  }
  return (
    <Section id="switch" title="Use another identity" intro="Import a Nostr key you already have, or start over with a new one. Either replaces the key Synereo keeps now.">
      <h3>Import an existing key</h3>
      <ImportForm status={status} onDone={onStatus} />
      <h3>Start over</h3>
      <div className="row">
        <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(true)} data-testid="create-identity">
          Create a new identity…
        </button>
      </div>
      <Feedback state={feedback} testid="create-feedback" />
      <ReplaceIdentityDialog open={confirming} status={status} action="Creating a new identity" onConfirm={create} onCancel={() => setConfirming(false)} />
    </Section>
  )
}
