import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"

/**
 * Finds a Chromium to drive: CHROME_PATH first, then the usual Debian/Ubuntu locations (the real
 * binary before the /usr/bin shell wrapper). When none is found and we are root on Debian, installs
 * Debian's `chromium` package; otherwise stops with a message naming what to install. Tests never
 * skip because a browser is missing.
 */
const CANDIDATES = [
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/lib/chromium-browser/chromium-browser",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome"
]

function firstExisting(): string | undefined {
  const fromEnv = process.env.CHROME_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`)
    return fromEnv
  }
  return CANDIDATES.find((p) => existsSync(p))
}

function isDebian(): boolean {
  return existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get")
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "this system"
  } catch {
    return "this system"
  }
}

export function findChromium(log: (line: string) => void = console.log): string {
  const found = firstExisting()
  if (found) return found
  if (isDebian() && isRoot()) {
    log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)...")
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" })
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } })
    const installed = firstExisting()
    if (installed) return installed
  }
  throw new Error(
    `No Chromium found on ${osName()}. Install one and run again:\n` +
      "  Debian:  sudo apt-get install chromium\n" +
      "  Ubuntu:  sudo apt-get install chromium-browser (or the chromium snap)\n" +
      "  other:   install Chromium or Google Chrome, then set CHROME_PATH=/path/to/the/binary"
  )
}
