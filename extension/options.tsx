// Entry point of the options page (Settings): wiring only.
import "./features/panel/panel.css"

import { SettingsPage } from "./features/settings/SettingsPage"

export default SettingsPage
