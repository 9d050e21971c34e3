import { useEffect, useState } from "react"
import browser from "webextension-polyfill"

import type { ExtensionApi } from "../messaging/browser-api"
import { PrivacyStatement } from "../settings/PrivacyStatement"
import { IdentityStep } from "./IdentityStep"

/** Shown once after install: what Synereo Stream does, what it reads, and a way into the Stream. */
export function WelcomePage() {
  const [error, setError] = useState<string>()
  const [windowId, setWindowId] = useState<number>()
  useEffect(() => {
    browser.windows.getCurrent().then((w) => setWindowId(w.id), () => setWindowId(undefined))
  }, [])

  function openStream() {
    const api = browser as ExtensionApi
    // No await before open(): the browser only accepts it inside the person's click.
    const opening = api.sidePanel ? api.sidePanel.open({ windowId }) : api.sidebarAction?.open()
    opening?.catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
  }

  return (
    <main className="welcome">
      <h1>Welcome to Synereo Stream</h1>
      <p>
        Amplify any web page into your Stream, ranked on this device by the attention of the people you engage with. There is no Synereo
        server: your posts are signed with a key that was just created for you and kept in this browser.
      </p>
      <h2>Your identity</h2>
      <IdentityStep />
      <h2>How to amplify</h2>
      <ul>
        <li>Right-click a link and choose “Amplify link”, or right-click a page and choose “Amplify this page”.</li>
        <li>Or click the Synereo button in the toolbar (Alt+Shift+A) and press “Amplify this page”.</li>
      </ul>
      <h2>Privacy, in short</h2>
      <PrivacyStatement />
      <div className="row">
        <button type="button" className="primary" data-testid="open-stream" onClick={openStream}>
          Open the Stream
        </button>
        <button type="button" className="secondary" data-testid="welcome-open-settings" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </div>
      {error ? (
        <p role="alert" className="status error">
          {error}
        </p>
      ) : null}
    </main>
  )
}
