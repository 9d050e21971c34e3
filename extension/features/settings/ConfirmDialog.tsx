import { useEffect, useId, useRef, type ReactNode } from "react"

/**
 * A modal confirmation (native <dialog>: focus stays inside, Escape cancels). The safe choice is
 * focused first, so pressing Enter by habit does not destroy anything.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = true,
  testid
}: {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
  danger?: boolean
  testid?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const bodyId = useId()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      d.showModal()
      cancelRef.current?.focus()
    }
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId} onCancel={(e) => (e.preventDefault(), onCancel())} data-testid={testid}>
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="actions">
        <button type="button" ref={cancelRef} className="secondary" onClick={onCancel} data-testid={testid ? `${testid}-cancel` : undefined}>
          Cancel
        </button>
        <button type="button" className={danger ? "danger" : "primary"} onClick={onConfirm} data-testid={testid ? `${testid}-confirm` : undefined}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
