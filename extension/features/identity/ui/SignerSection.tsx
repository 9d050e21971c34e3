import { useSigner } from "../../../../shared/messages/catalog"
import { Feedback } from "../../settings/Feedback"
import { Section } from "../../settings/Section"
import { useAction } from "../../settings/use-action"
import { callIdentity, shortNpub, type IdentityStatus } from "./identity-client"

/**
 * Sign with a NIP-07 signer extension (nos2x, Alby, …) instead of Synereo's own key. Such signers
 * live in web pages, so Synereo reaches them through the page you last invoked it on.
 */
export function SignerSection({ status, onStatus }: { status: IdentityStatus; onStatus(s: IdentityStatus): void }) {
  const { busy, feedback, run } = useAction()
  async function use(kind: "nip07" | "local") {
    const answer = await run(
      () => callIdentity(useSigner, { kind }),
      (a) => (kind === "nip07" ? `Connected: posts are now signed by your signer extension as ${shortNpub(a.status.npub)}. Check that this is the identity you expect.` : "Posts are signed with Synereo's own key again.")
    )
    if (answer) onStatus(answer.status)
  }
  return (
    <Section
      id="signer"
      title="Sign with a Nostr signer extension"
      intro="If you already keep your Nostr key in a NIP-07 signer extension (nos2x, Alby…), Synereo can ask it to sign instead of using its own key. Your signer may ask you to approve each post."
    >
      {status.signer === "nip07" ? (
        <>
          <p data-testid="signer-connected">
            Signing through your signer extension as <code className="npub">{status.npub}</code>.
          </p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void use("local")} data-testid="signer-local">
            Use Synereo's own key instead
          </button>
        </>
      ) : (
        <>
          <p className="muted">
            Signers work inside web pages. First open any web page, click the Synereo button in the toolbar on it, then come back here. Synereo only talks to your
            signer on pages you invoked it on.
          </p>
          <button type="button" className="secondary" disabled={busy} aria-busy={busy} onClick={() => void use("nip07")} data-testid="signer-nip07">
            {busy ? "Asking your signer…" : "Use my Nostr signer extension"}
          </button>
        </>
      )}
      <Feedback state={feedback} testid="signer-feedback" />
    </Section>
  )
}
