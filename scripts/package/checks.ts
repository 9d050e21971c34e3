import { EXPECTED_CSP, EXPECTED_OPTIONAL_PERMISSIONS, type PackageTarget } from "./targets"

/**
 * Store-readiness checks on the files of one packaged extension (as read from its zip):
 * the manifest asks for exactly the expected permissions and nothing that widens access, the CSP
 * is the one we ship, and no code is loaded from the network or built from strings at run time
 * beyond a short allowlist of library probes that our CSP makes inert.
 */
export interface CheckReport {
  passed: string[]
  errors: string[]
  notes: string[]
  fileCount: number
  unpackedBytes: number
}

interface Allowed {
  name: string
  /** Matched against the text around the occurrence. */
  pattern: RegExp
  why: string
}

/** Uses of the Function constructor that are known, guarded and harmless under our CSP. */
export const FUNCTION_CONSTRUCTOR_ALLOWLIST: Allowed[] = [
  {
    name: "zod's eval probe",
    pattern: /let (\w+)=Function;return new \1\(""\),!0\}catch/,
    why: "zod tries `new Function(\"\")` once to learn whether eval is allowed; our CSP forbids it, the probe throws and zod stays in its eval-free mode"
  },
  {
    name: "zod's JIT compiler",
    pattern: /compile\(\)\{let (\w+)=Function,/,
    why: "zod compiles fast parsers with `new Function` only when its probe succeeded, which our CSP prevents"
  },
  {
    name: "zod's z.compile()",
    pattern: /=Function,\w+=`return \(input\) => \{/,
    why: "zod's opt-in ahead-of-time compiler, bundled because zod is imported as a namespace but never called by Synereo; under our CSP it would fail and zod keeps its runtime parser"
  },
  { name: "instanceof Function", pattern: /instanceof Function(?![\w$])/, why: "a type test, not a call" }
]

const REMOTE_SCRIPT_PATTERNS: [RegExp, string][] = [
  [/importScripts\s*\(\s*["'`](?:https?:)?\/\//, "importScripts() of a remote URL"],
  [/\bimport\s*\(\s*["'`](?:https?:)?\/\//, "dynamic import() of a remote URL"],
  [/["'`](?:https?:)?\/\/[^"'`\s]+\.(?:m?js|wasm)(?:\?[^"'`]*)?["'`]/, "a remote .js/.wasm URL"],
  [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, "setTimeout/setInterval with a code string"]
]

function around(text: string, index: number, radius = 90): string {
  return text.slice(Math.max(0, index - radius), index + radius).replace(/\s+/g, " ")
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join()

export function checkPackage(files: Map<string, Buffer>, target: PackageTarget): CheckReport {
  const passed: string[] = []
  const errors: string[] = []
  const notes: string[] = []
  const check = (ok: boolean, pass: string, fail: string) => (ok ? passed.push(pass) : errors.push(fail))
  const has = (path: string | undefined) => !!path && files.has(path.replace(/^\//, ""))
  let unpackedBytes = 0
  for (const b of files.values()) unpackedBytes += b.length

  const raw = files.get("manifest.json")
  if (!raw) return { passed, errors: ["manifest.json is missing"], notes, fileCount: files.size, unpackedBytes }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let m: any
  try {
    m = JSON.parse(raw.toString("utf8"))
  } catch {
    return { passed, errors: ["manifest.json is not valid JSON"], notes, fileCount: files.size, unpackedBytes }
  }

  check(m.manifest_version === 3, "manifest_version 3", `manifest_version is ${m.manifest_version}, expected 3`)
  const permissions: string[] = Array.isArray(m.permissions) ? m.permissions : []
  check(
    sameSet(permissions, target.permissions),
    `permissions exactly: ${[...target.permissions].sort().join(", ")}`,
    `permissions are [${permissions.join(", ")}], expected exactly [${target.permissions.join(", ")}]`
  )
  // Optional permissions are asked for only when the person turns earning on; exactly these two.
  const optional: string[] = Array.isArray(m.optional_permissions) ? m.optional_permissions : []
  check(
    sameSet(optional, EXPECTED_OPTIONAL_PERMISSIONS),
    `optional permissions exactly: ${EXPECTED_OPTIONAL_PERMISSIONS.join(", ")}`,
    `optional_permissions are [${optional.join(", ")}], expected exactly [${EXPECTED_OPTIONAL_PERMISSIONS.join(", ")}]`
  )
  for (const key of ["host_permissions", "optional_host_permissions", "content_scripts", "externally_connectable", "web_accessible_resources", "update_url"]) {
    const v = m[key]
    check(v === undefined || (Array.isArray(v) && v.length === 0), `no ${key}`, `unexpected ${key}: ${JSON.stringify(v)}`)
  }

  const csp = m.content_security_policy?.extension_pages
  check(csp === EXPECTED_CSP, `CSP: ${EXPECTED_CSP}`, `content_security_policy.extension_pages is ${JSON.stringify(csp)}, expected ${JSON.stringify(EXPECTED_CSP)}`)
  check(m.content_security_policy?.sandbox === undefined, "no sandbox CSP", "a sandbox CSP is declared")

  check(has(m.options_ui?.page), "options page present", `options_ui.page ${m.options_ui?.page} is missing`)
  for (const [size, icon] of Object.entries(m.icons ?? {})) if (!has(String(icon))) errors.push(`icon ${size} (${icon}) is missing`)
  if (Object.keys(m.icons ?? {}).length === 0) errors.push("no icons declared")

  if (target.plasmoTarget === "chrome-mv3") {
    check(has(m.background?.service_worker), "background service worker present", `background.service_worker ${m.background?.service_worker} is missing`)
    check(has(m.side_panel?.default_path), "side panel present", "side_panel.default_path is missing")
    check(m.browser_specific_settings === undefined, "no Firefox-only keys", "browser_specific_settings must not be in the Chrome package")
  } else {
    const scripts: string[] = m.background?.scripts ?? []
    check(scripts.length > 0 && scripts.every(has), "background scripts present", `background.scripts ${JSON.stringify(scripts)} missing`)
    check(has(m.sidebar_action?.default_panel), "sidebar (sidebar_action) present", "sidebar_action.default_panel is missing")
    const gecko = m.browser_specific_settings?.gecko
    check(typeof gecko?.id === "string" && gecko.id.length > 0, `gecko id ${gecko?.id}`, "browser_specific_settings.gecko.id is missing")
    check(Array.isArray(gecko?.data_collection_permissions?.required), "data_collection_permissions declared", "browser_specific_settings.gecko.data_collection_permissions is missing (required by AMO)")
  }

  // No remote code, no code from strings.
  let remote = 0
  let evals = 0
  const allowedSeen = new Map<string, number>()
  for (const [path, buf] of files) {
    if (path.endsWith(".html")) {
      const html = buf.toString("utf8")
      for (const s of html.matchAll(/<script\b([^>]*)>/gi)) {
        const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(s[1] ?? "")?.[1]
        if (!src) {
          errors.push(`${path}: inline <script> (blocked by the CSP, and not allowed by the stores)`)
          remote++
        } else if (/^(?:[a-z]+:)?\/\//i.test(src)) {
          errors.push(`${path}: remote script ${src}`)
          remote++
        }
      }
      for (const l of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)) {
        errors.push(`${path}: remote resource ${l[1]}`)
        remote++
      }
    }
    if (!/\.(?:m?js)$/.test(path)) continue
    const js = buf.toString("utf8")
    for (const [re, what] of REMOTE_SCRIPT_PATTERNS) {
      const g = new RegExp(re.source, "g")
      for (const hit of js.matchAll(g)) {
        errors.push(`${path}: ${what}: …${around(js, hit.index ?? 0, 60)}…`)
        remote++
      }
    }
    for (const hit of js.matchAll(/(?<![\w$.])eval\s*\(/g)) {
      errors.push(`${path}: eval(): …${around(js, hit.index ?? 0, 60)}…`)
      evals++
    }
    for (const hit of js.matchAll(/(?<![\w$.'"`])Function(?![\w$.'"`])/g)) {
      const context = around(js, hit.index ?? 0)
      const allowed = FUNCTION_CONSTRUCTOR_ALLOWLIST.find((a) => a.pattern.test(context))
      if (allowed) allowedSeen.set(allowed.name, (allowedSeen.get(allowed.name) ?? 0) + 1)
      else {
        errors.push(`${path}: Function constructor: …${context}…`)
        evals++
      }
    }
  }
  if (remote === 0) passed.push("no remote code (no remote <script>, importScripts, import() or .js/.wasm URL)")
  if (evals === 0) passed.push("no eval() and no Function constructor outside the allowlist")
  for (const [name, n] of allowedSeen) {
    notes.push(`allowed: ${name} ×${n} — ${FUNCTION_CONSTRUCTOR_ALLOWLIST.find((a) => a.name === name)!.why}`)
  }
  const wasm = [...files.keys()].filter((p) => p.endsWith(".wasm"))
  if (wasm.length) notes.push(`${wasm.length} WebAssembly module(s) shipped in the package (${wasm.join(", ")}), compiled under 'wasm-unsafe-eval'`)

  return { passed, errors, notes, fileCount: files.size, unpackedBytes }
}
