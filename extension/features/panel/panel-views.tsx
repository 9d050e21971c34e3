import type { ComponentType } from "react"

import { EarningView } from "../earning/sidepanel/EarningView"
import { StreamView } from "../stream/sidepanel/StreamView"
import { WalletView } from "../wallet/sidepanel/WalletView"

/**
 * The side panel's views, in tab order. A feature adds its view here with one line; the panel
 * shell (SidePanelApp) renders the tabs, keyboard navigation and the active view.
 */
export interface PanelView {
  id: string
  label: string
  component: ComponentType
}

export const PANEL_VIEWS: PanelView[] = [
  { id: "stream", label: "Stream", component: StreamView },
  { id: "wallet", label: "Wallet", component: WalletView },
  { id: "earning", label: "Earning", component: EarningView }
]
