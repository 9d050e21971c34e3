// Entry point of the side panel page: wiring only.
import "./features/panel/panel.css"

import { SidePanelApp } from "./features/panel/SidePanelApp"

export default SidePanelApp
