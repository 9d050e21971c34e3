import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { EXTENSION_DIR } from "../../../scripts/browser/launch-extension"

/**
 * A copy of the built extension whose manifest also lists `permissions` as required, so Chrome
 * grants them at install. Why: Chrome answers `chrome.permissions.request` with a native dialog
 * that headless Chromium never shows and that nothing can click (no command-line switch or
 * DevTools command accepts an extension permission prompt; Chromium's auto-confirm exists only as
 * an in-process test hook). With the permissions already held, Chrome's own `permissions.request`
 * resolves `true` without a dialog, so the product's "Turn earning on" click runs unchanged from
 * the granted state onward. Only the prompt is skipped; `optional_permissions` is left as built.
 */
export function extensionCopyWithGrantedPermissions(permissions: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "synereo-ext-granted-"))
  cpSync(EXTENSION_DIR, dir, { recursive: true })
  const path = join(dir, "manifest.json")
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { permissions?: string[] }
  manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...permissions])]
  writeFileSync(path, JSON.stringify(manifest, null, 2))
  return dir
}
