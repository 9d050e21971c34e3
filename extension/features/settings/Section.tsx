import { useId, type ReactNode } from "react"

/** A titled region of the Settings page; screen readers list it by its heading. */
export function Section({ id, title, children, intro }: { id?: string; title: string; intro?: ReactNode; children: ReactNode }) {
  const headingId = useId()
  return (
    <section className="settings-section" id={id} aria-labelledby={headingId} data-testid={id ? `section-${id}` : undefined}>
      <h2 id={headingId}>{title}</h2>
      {intro ? <p className="settings-intro">{intro}</p> : null}
      {children}
    </section>
  )
}
