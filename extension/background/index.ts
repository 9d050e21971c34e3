// Entry point of the background service worker: wiring only.
import secpWasmUrl from "url:../../wasm/secp256k1/secp256k1.wasm"
import browser from "webextension-polyfill"

import { setSecpSource } from "../../shared/sync"
import type { ExtensionApi } from "../features/messaging/browser-api"
import { registerBackground } from "../features/register-background"

// The sync core's signature verifier: our libsecp256k1 build (wasm/secp256k1/), a file Parcel copies into the build.
setSecpSource(() => WebAssembly.compileStreaming(fetch(secpWasmUrl)))
registerBackground(browser as ExtensionApi)
