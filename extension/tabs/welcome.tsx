// Entry point of the welcome page (tabs/welcome.html): wiring only.
import "../features/panel/panel.css"

import { WelcomePage } from "../features/welcome/WelcomePage"

export default WelcomePage
