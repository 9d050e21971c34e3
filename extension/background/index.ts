// Entry point of the background service worker: wiring only.
import secpWasmUrl from "url:nostr-wasm/public/out/secp256k1.wasm"
import browser from "webextension-polyfill"

import { setSecpSource } from "../../shared/sync"
import type { ExtensionApi } from "../features/messaging/browser-api"
import { registerBackground } from "../features/register-background"

// The sync core's signature verifier: libsecp256k1 as a file Parcel copies into the build (see shared/sync/verify/wasm-source.ts).
setSecpSource(() => WebAssembly.compileStreaming(fetch(secpWasmUrl)))
registerBackground(browser as ExtensionApi)
