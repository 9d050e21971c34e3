import { DisplayNameForm } from "../people/settings/DisplayNameForm"
import { BackupSection } from "../identity/ui/BackupSection"
import { IdentitySummary } from "../identity/ui/IdentitySummary"
import { LockSection } from "../identity/ui/LockSection"
import { SignerSection } from "../identity/ui/SignerSection"
import { SwitchIdentitySection } from "../identity/ui/SwitchIdentitySection"
import { useIdentityStatus } from "../identity/ui/use-identity-status"
import { PrivacyStatement } from "./PrivacyStatement"
import { Section } from "./Section"

/** The options page: identity, backup, lock, signer, switching identity, and what Synereo stores. */
export function SettingsPage() {
  const { status, error, setStatus } = useIdentityStatus()
  return (
    <main className="settings" data-testid="settings">
      <header className="settings-header">
        <h1>Synereo Stream settings</h1>
        <nav aria-label="Sections">
          <a href="#identity">Identity</a> · <a href="#backup">Backup</a> · <a href="#lock">Lock</a> · <a href="#signer">Signer</a> · <a href="#switch">Other identity</a> ·{" "}
          <a href="#privacy">Privacy</a>
        </nav>
      </header>
      {error ? (
        <p role="alert" className="status error">
          {error}
        </p>
      ) : null}
      {!status ? (
        <p className="muted" role="status">
          Loading your identity…
        </p>
      ) : (
        <>
          <Section id="identity" title="Your identity" intro="Your posts are Nostr events signed with this identity. Others see your npub; the secret key never leaves this browser.">
            <IdentitySummary status={status} />
            <DisplayNameForm pubkey={status.pubkey} />
          </Section>
          {/* Keyed by the own key: switching identity starts every form afresh (no stale messages). */}
          <BackupSection key={`backup-${status.own.pubkey}`} status={status} onStatus={setStatus} />
          <LockSection key={`lock-${status.own.pubkey}`} status={status} onStatus={setStatus} />
          <SignerSection status={status} onStatus={setStatus} />
          <SwitchIdentitySection status={status} onStatus={setStatus} />
        </>
      )}
      <Section id="privacy" title="Privacy">
        <PrivacyStatement />
      </Section>
    </main>
  )
}
