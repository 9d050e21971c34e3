import type { IdentityStatus } from "./identity-client"

const LOCK_TEXT = {
  off: "No lock: the key is stored unencrypted in this browser's extension storage.",
  unlocked: "Locked with a passphrase, and unlocked until you lock it or close the browser.",
  locked: "Locked: unlock it to sign new posts."
} as const

/** Who the person is on Nostr right now, how posts get signed, and how the key is protected. */
export function IdentitySummary({ status }: { status: IdentityStatus }) {
  const own = status.own
  return (
    <dl className="identity-summary" data-testid="identity-summary">
      <dt>Your identity (npub)</dt>
      <dd>
        <code className="npub" data-testid="settings-npub">
          {status.npub}
        </code>
      </dd>
      <dt>Signs with</dt>
      <dd data-testid="settings-signer">{status.signer === "nip07" ? "Your Nostr signer extension (NIP-07)" : "Synereo's own key, kept in this browser"}</dd>
      {status.signer === "nip07" ? (
        <>
          <dt>Synereo's own key</dt>
          <dd>
            <code className="npub">{own.npub}</code>
          </dd>
        </>
      ) : null}
      <dt>Lock</dt>
      <dd data-testid="settings-lock-state" data-lock={own.lock}>
        {LOCK_TEXT[own.lock]}
      </dd>
      <dt>Backup</dt>
      <dd data-testid="settings-backup-state" data-backed-up={own.backup ? "yes" : "no"}>
        {own.backup
          ? own.backup.format === "imported"
            ? "You imported this key, so you already hold a copy of it."
            : `Backed up as ${own.backup.format} on ${new Date(own.backup.at).toLocaleDateString()}.`
          : "Not backed up yet. If this browser's data is lost, so is this identity."}
      </dd>
    </dl>
  )
}
