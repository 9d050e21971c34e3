// Entry point of the background service worker: wiring only.
import browser from "webextension-polyfill"

import type { ExtensionApi } from "../features/messaging/browser-api"
import { registerBackground } from "../features/register-background"

registerBackground(browser as ExtensionApi)
