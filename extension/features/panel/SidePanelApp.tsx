import { Suspense, useState } from "react"

import { IdentityControls } from "../identity/sidepanel/IdentityControls"
import { prefetchStreamHead } from "../stream/sidepanel/stream-head"
import { SyncStatus } from "../sync/sidepanel/SyncStatus"
import { PANEL_VIEWS } from "./panel-views"
import { PanelTabs } from "./PanelTabs"

export function SidePanelApp() {
  prefetchStreamHead() // first thing: the Stream's newest rows load while the tree renders
  const [active, setActive] = useState(PANEL_VIEWS[0]!.id)
  const view = PANEL_VIEWS.find((v) => v.id === active) ?? PANEL_VIEWS[0]!
  const View = view.component
  return (
    <div className="panel">
      <header className="panel-header">
        <h1>Synereo Stream</h1>
        <IdentityControls />
      </header>
      <SyncStatus />
      <PanelTabs views={PANEL_VIEWS} active={view.id} onSelect={setActive} />
      <main id={`view-${view.id}`} role={PANEL_VIEWS.length > 1 ? "tabpanel" : undefined} aria-labelledby={PANEL_VIEWS.length > 1 ? `tab-${view.id}` : undefined}>
        <Suspense fallback={<p className="muted view-loading">Loading…</p>}>
          <View />
        </Suspense>
      </main>
    </div>
  )
}
