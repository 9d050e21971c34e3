import { useId, useState } from "react"

/** A secret or long value shown read-only, selectable, with a Copy button. */
export function CopyField({ label, value, testid }: { label: string; value: string; testid?: string }) {
  const id = useId()
  const [copied, setCopied] = useState<string>()
  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setCopied("Copied.")
    } catch {
      setCopied("Copying was refused: select the text and copy it yourself.")
    }
  }
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={value} rows={3} spellCheck={false} onFocus={(e) => e.currentTarget.select()} data-testid={testid} />
      <div className="row">
        <button type="button" className="secondary" onClick={copy}>
          Copy
        </button>
        <span role="status" aria-live="polite" className="muted">
          {copied ?? ""}
        </span>
      </div>
    </div>
  )
}
