import { useEffect, useState } from "react"
import browser from "webextension-polyfill"

import { PROGRESS_SESSION, progressSchema, type IdentityProgress } from "../background/identity-records"

const LABELS: Record<string, string> = {
  lock: "Encrypting your key with your passphrase",
  unlock: "Checking your passphrase",
  "change-passphrase": "Re-encrypting your key",
  "remove-lock": "Checking your passphrase",
  backup: "Encrypting your backup",
  import: "Opening your encrypted key"
}

/**
 * Progress of the key stretching (scrypt) the background is doing: it takes about a second on a
 * fast machine, several on a slow one, and that cost is what makes guessing passphrases slow.
 */
export function ScryptProgress({ active }: { active: boolean }) {
  const [progress, setProgress] = useState<IdentityProgress>()
  useEffect(() => {
    if (!active) {
      setProgress(undefined)
      return
    }
    const accept = (v: unknown) => {
      const p = progressSchema.safeParse(v)
      setProgress(p.success ? p.data : undefined)
    }
    void browser.storage.session.get(PROGRESS_SESSION).then((items) => accept(items[PROGRESS_SESSION]), () => undefined)
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === "session" && PROGRESS_SESSION in changes) accept(changes[PROGRESS_SESSION]!.newValue)
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [active])
  if (!active) return null
  const label = (progress && LABELS[progress.op]) ?? "Working"
  const percent = progress ? Math.round(progress.fraction * 100) : undefined
  return (
    <div className="scrypt-progress" data-testid="scrypt-progress">
      <label>
        {label}… {percent !== undefined ? `${percent}%` : ""}
        <progress max={100} value={percent} aria-label={label} />
      </label>
    </div>
  )
}
