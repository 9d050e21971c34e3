import { existsSync } from "node:fs"
import { join } from "node:path"

import { describe, expect, it } from "vitest"

import { checkPackage } from "../../scripts/package/checks"
import { buildTarget, ROOT } from "../../scripts/package/index"
import { EXPECTED_CSP, EXPECTED_OPTIONAL_PERMISSIONS, TARGETS } from "../../scripts/package/targets"
import { readZip } from "../../scripts/package/zip-reader"

const [CHROME, FIREFOX] = TARGETS as [(typeof TARGETS)[0], (typeof TARGETS)[0]]

function chromePackage(manifest: Record<string, unknown> = {}, extra: Record<string, string> = {}): Map<string, Buffer> {
  const m = {
    manifest_version: 3,
    permissions: [...CHROME.permissions],
    optional_permissions: [...EXPECTED_OPTIONAL_PERMISSIONS],
    content_security_policy: { extension_pages: EXPECTED_CSP },
    background: { service_worker: "static/background/index.js" },
    side_panel: { default_path: "sidepanel.html" },
    options_ui: { page: "options.html", open_in_tab: true },
    icons: { "128": "icon128.png" },
    ...manifest
  }
  const files: Record<string, string> = {
    "manifest.json": JSON.stringify(m),
    "static/background/index.js": "console.log(1)",
    "sidepanel.html": `<script src="/sidepanel.1.js" type="module"></script>`,
    "sidepanel.1.js": `try{let A=Function;return new A(""),!0}catch(A){return!1}`,
    "options.html": `<script src="/options.1.js"></script>`,
    "options.1.js": "x instanceof Function",
    "icon128.png": "png",
    ...extra
  }
  return new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))
}

describe("package checks catch what the stores refuse", () => {
  it("accepts a clean package, noting the allowlisted probe, and reports an aliased Function constructor", () => {
    const ok = checkPackage(chromePackage(), CHROME)
    expect(ok.errors).toEqual([])
    expect(ok.notes.join("\n")).toMatch(/zod's eval probe ×1/)
    const aliased = checkPackage(chromePackage({}, { "other.js": "var F=Function; F('return this')()" }), CHROME)
    expect(aliased.errors).toEqual([expect.stringMatching(/other\.js: Function constructor/)])
  })

  it.each([
    ["an extra permission", { permissions: [...CHROME.permissions, "tabs"] }, /permissions are/],
    ["a missing permission", { permissions: ["storage"] }, /permissions are/],
    ["host permissions", { host_permissions: ["<all_urls>"] }, /unexpected host_permissions/],
    ["an extra optional permission", { optional_permissions: ["tabs", "idle", "history"] }, /optional_permissions are/],
    ["content scripts", { content_scripts: [{ matches: ["<all_urls>"], js: ["a.js"] }] }, /unexpected content_scripts/],
    ["a weaker CSP", { content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } }, /content_security_policy/],
    ["no CSP", { content_security_policy: undefined }, /content_security_policy/],
    ["Firefox keys in the Chrome package", { browser_specific_settings: { gecko: { id: "x@y" } } }, /browser_specific_settings/]
  ])("refuses %s", (_name, manifest, error) => {
    const files = chromePackage(manifest as Record<string, unknown>, { "sidepanel.1.js": "1" })
    expect(checkPackage(files, CHROME).errors.join("\n")).toMatch(error)
  })

  it.each([
    ["a remote <script>", { "options.html": `<script src="https://cdn.example/lib.js"></script>` }, /remote script/],
    ["an inline <script>", { "options.html": `<script>alert(1)</script>` }, /inline <script>/],
    ["importScripts of a URL", { "options.1.js": `importScripts("https://cdn.example/x.js")` }, /importScripts/],
    ["import() of a URL", { "options.1.js": `import("//cdn.example/x.mjs")` }, /import\(\)/],
    ["eval", { "options.1.js": `var x = eval("1+1")` }, /eval\(\)/],
    ["new Function", { "options.1.js": `var f = new Function("a", "return a")` }, /Function constructor/],
    ["setTimeout with a string", { "options.1.js": `setTimeout("alert(1)", 10)` }, /code string/]
  ])("refuses %s", (_name, extra, error) => {
    const files = chromePackage({}, { "sidepanel.1.js": "1", ...extra })
    expect(checkPackage(files, CHROME).errors.join("\n")).toMatch(error)
  })

  it("requires the Firefox package to carry its gecko id and sidebar", () => {
    const files = chromePackage({ permissions: [...FIREFOX.permissions], side_panel: undefined, background: { scripts: ["static/background/index.js"] } }, { "sidepanel.1.js": "1" })
    const errors = checkPackage(files, FIREFOX).errors.join("\n")
    expect(errors).toMatch(/sidebar_action/)
    expect(errors).toMatch(/gecko\.id/)
  })
})

describe("the built store packages", () => {
  // Reuses the zips in build/ (`npm test` runs `npm run package` first, so they are fresh); builds what is missing.
  it.each(TARGETS.map((t) => [t.name, t] as const))("%s passes every check", (_name, target) => {
    const zip = join(ROOT, target.zip)
    if (!existsSync(zip)) buildTarget(target)
    const report = checkPackage(readZip(zip), target)
    expect(report.errors).toEqual([])
    expect(report.passed).toContain(`permissions exactly: ${[...target.permissions].sort().join(", ")}`)
    expect(report.fileCount).toBeGreaterThan(5)
  }, 300_000)
})
