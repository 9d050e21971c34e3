import { AmplifyBar } from "../amplify/sidepanel/AmplifyBar"
import { IdentityControls } from "../identity/sidepanel/IdentityControls"
import { Stream } from "../stream/sidepanel/Stream"
import { SyncStatus } from "../sync/sidepanel/SyncStatus"

export function SidePanelApp() {
  return (
    <div className="panel">
      <header className="panel-header">
        <h1>Synereo Stream</h1>
        <IdentityControls />
      </header>
      <AmplifyBar />
      <SyncStatus />
      <main>
        <Stream />
      </main>
    </div>
  )
}
