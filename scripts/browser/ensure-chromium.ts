// Run by `npm test` before the end-to-end tests: finds Chromium (installing Debian's package when
// root on Debian) outside any test timeout, or stops with a message naming what to install.
import { findChromium } from "./find-chromium"

try {
  console.log(`Chromium for end-to-end tests: ${findChromium()}`)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
}
