import { useId, type InputHTMLAttributes } from "react"

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> & {
  label: string
  value: string
  onChange(value: string): void
  hint?: string
}

/** A labelled text or password input, with an optional hint read by screen readers. */
export function Field({ label, value, onChange, hint, type = "text", ...rest }: Props) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? hintId : undefined}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        {...rest}
      />
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  )
}

/** A new passphrase and its confirmation. */
export function NewPassphraseFields({ label, value, confirm, onChange, onConfirm, testid }: { label: string; value: string; confirm: string; onChange(v: string): void; onConfirm(v: string): void; testid: string }) {
  return (
    <>
      <Field label={label} type="password" autoComplete="new-password" value={value} onChange={onChange} hint="At least 8 characters. A few unrelated words work well." data-testid={`${testid}-passphrase`} />
      <Field label="Type it again" type="password" autoComplete="new-password" value={confirm} onChange={onConfirm} data-testid={`${testid}-confirm`} />
    </>
  )
}
