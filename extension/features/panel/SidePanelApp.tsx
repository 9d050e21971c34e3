import { AmplifyBar } from "../amplify/sidepanel/AmplifyBar"
import { Stream } from "../stream/sidepanel/Stream"
import { IdentityBadge } from "./IdentityBadge"

export function SidePanelApp() {
  return (
    <div className="panel">
      <header className="panel-header">
        <h1>Synereo Stream</h1>
        <IdentityBadge />
      </header>
      <AmplifyBar />
      <main>
        <Stream />
      </main>
    </div>
  )
}
