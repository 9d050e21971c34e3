import browser from "webextension-polyfill"

import { IdentityBadge } from "../../panel/IdentityBadge"
import { useIdentityStatus } from "../ui/use-identity-status"

/**
 * The side panel header's identity corner: the identity badge (mounted again whenever the identity
 * changes, e.g. after an import in Settings), a "Locked" mark while Synereo cannot sign, and the
 * Settings button.
 */
export function IdentityControls() {
  const { status } = useIdentityStatus()
  const locked = status?.signer === "local" && status.own.lock === "locked"
  return (
    <div className="identity-controls">
      <IdentityBadge key={status?.pubkey ?? "loading"} />
      {locked ? (
        <span className="lock-mark" data-testid="panel-locked" title="Your key is locked — unlock it in Settings.">
          Locked
        </span>
      ) : null}
      <button type="button" className="secondary small" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-settings">
        Settings
      </button>
    </div>
  )
}
