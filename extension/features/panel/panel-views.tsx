import { lazy, type ComponentType } from "react"

import { StreamView } from "../stream/sidepanel/StreamView"

/**
 * The side panel's views, in tab order. A feature adds its view here with one line; the panel
 * shell (SidePanelApp) renders the tabs, keyboard navigation and the active view.
 *
 * Only the Stream is in the first bundle: it is what the panel paints first. The other views are
 * loaded when their tab is opened, so their code (and the ledger code they pull in) is not parsed
 * before the first card.
 */
export interface PanelView {
  id: string
  label: string
  component: ComponentType
}

const WalletView = lazy(() => import("../wallet/sidepanel/WalletView").then((m) => ({ default: m.WalletView })))
const EarningView = lazy(() => import("../earning/sidepanel/EarningView").then((m) => ({ default: m.EarningView })))

export const PANEL_VIEWS: PanelView[] = [
  { id: "stream", label: "Stream", component: StreamView },
  { id: "wallet", label: "Wallet", component: WalletView },
  { id: "earning", label: "Earning", component: EarningView }
]
