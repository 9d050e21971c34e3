import "./display-name.css"

import { useLiveQuery } from "dexie-react-hooks"
import { useEffect, useState } from "react"

import { saveDisplayName } from "../../../../shared/messages/catalog"
import { METADATA_LIMITS } from "../../../../shared/nostr/kinds/metadata"
import { send } from "../../messaging/send"
import { Feedback } from "../../settings/Feedback"
import { Field } from "../../settings/Field"
import { useAction } from "../../settings/use-action"
import { streamDb } from "../../stream/sidepanel/stream-db"

/**
 * The name others see on the person's posts instead of their npub: published as the
 * `display_name` of their kind-0 profile (public, like everything they post). No picture: showing
 * profile pictures would make every reader fetch an image from wherever the author points.
 */
export function DisplayNameForm({ pubkey }: { pubkey: string }) {
  const stored = useLiveQuery(async () => (await streamDb().profiles.get(pubkey)) ?? null, [pubkey])
  const current = stored?.displayName || stored?.name || ""
  const [value, setValue] = useState("")
  useEffect(() => setValue(current), [current])
  const { busy, feedback, run } = useAction()

  async function save(e: React.FormEvent) {
    e.preventDefault()
    await run(
      async () => {
        const r = await send(saveDisplayName, { displayName: value })
        if (!r.ok) throw new Error(r.message)
        return r
      },
      (r) => (r.displayName ? `Saved: others now see “${r.displayName}” on your posts.` : "Name removed: others see your npub.")
    )
  }

  return (
    <form className="display-name-form" onSubmit={(e) => void save(e)} data-testid="display-name-form">
      <Field
        label="Display name"
        value={value}
        onChange={setValue}
        maxLength={METADATA_LIMITS.displayName}
        autoComplete="nickname"
        hint="Shown with your posts instead of your npub. Public: it is published with your profile (Nostr kind 0)."
        data-testid="display-name-input"
      />
      <button type="submit" className="secondary" disabled={busy || value.trim() === current} aria-busy={busy} data-testid="display-name-save">
        {busy ? "Publishing…" : "Save name"}
      </button>
      <Feedback state={feedback} testid="display-name-feedback" />
    </form>
  )
}
