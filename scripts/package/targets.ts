/**
 * What each store package must look like. Changing a permission means changing it here too, on purpose.
 * Store packages are Plasmo builds tagged "store" (`--tag=store`): that tag makes the Stream start
 * with public relays instead of the local test relay (extension/features/sync/background/relay-defaults.ts),
 * and keeps the packages apart from build/chrome-mv3-prod, which `npm start` and the e2e tests load.
 */
export interface PackageTarget {
  name: string
  /** Plasmo's --target. */
  plasmoTarget: "chrome-mv3" | "firefox-mv3"
  zip: string
  buildDir: string
  permissions: string[]
}

/** Requested at run time when the person turns earning on (README: permissions). */
export const EXPECTED_OPTIONAL_PERMISSIONS = ["tabs", "idle"]

export const EXPECTED_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';"

export const TARGETS: PackageTarget[] = [
  {
    name: "Chrome Web Store",
    plasmoTarget: "chrome-mv3",
    zip: "build/chrome-mv3-store.zip",
    buildDir: "build/chrome-mv3-store",
    permissions: ["activeTab", "alarms", "contextMenus", "scripting", "sidePanel", "storage"]
  },
  {
    name: "Firefox Add-ons (AMO)",
    plasmoTarget: "firefox-mv3",
    zip: "build/firefox-mv3-store.zip",
    buildDir: "build/firefox-mv3-store",
    // Firefox has no sidePanel permission: Plasmo turns the side panel into sidebar_action.
    permissions: ["activeTab", "alarms", "contextMenus", "scripting", "storage"]
  }
]
