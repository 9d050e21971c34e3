import { ConfirmDialog } from "../../settings/ConfirmDialog"
import { shortNpub, type IdentityStatus } from "./identity-client"

/**
 * Asks before Synereo's own key is replaced, naming exactly what is lost: which identity, whether a
 * backup exists, and what stays (posts already published remain signed by it).
 */
export function ReplaceIdentityDialog({ open, status, action, onConfirm, onCancel }: { open: boolean; status: IdentityStatus; action: string; onConfirm(): void; onCancel(): void }) {
  const own = status.own
  return (
    <ConfirmDialog open={open} title={`Replace ${shortNpub(own.npub)}?`} confirmLabel="Replace my identity" onConfirm={onConfirm} onCancel={onCancel} testid="replace-dialog">
      <p>
        {action} replaces your identity <code className="npub">{own.npub}</code>. Synereo will forget its secret key.
      </p>
      {own.backup ? (
        <p>
          {own.backup.format === "imported"
            ? "You imported this key, so you can import it again from wherever you keep it."
            : `You backed it up (${own.backup.format}, ${new Date(own.backup.at).toLocaleDateString()}): you can import it again from that backup.`}
        </p>
      ) : (
        <p className="warning" data-testid="replace-not-backed-up">
          <strong>You have not backed it up.</strong> Without a backup it is gone for good: nobody, Synereo included, can post as it again or recover it.
        </p>
      )}
      {own.lock !== "off" ? <p>Its passphrase lock goes with it; you can lock the new key again in Settings.</p> : null}
      {status.signer === "nip07" ? <p>Synereo will sign with the new key instead of your signer extension.</p> : null}
      <p>Posts you already published stay published, signed by the old identity.</p>
    </ConfirmDialog>
  )
}
