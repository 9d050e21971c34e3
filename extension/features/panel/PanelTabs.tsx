import { useRef, type KeyboardEvent } from "react"

import type { PanelView } from "./panel-views"

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; the active tab alone is in the Tab order. */
export function PanelTabs({ views, active, onSelect }: { views: PanelView[]; active: string; onSelect(id: string): void }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({})
  if (views.length < 2) return null

  function onKeyDown(e: KeyboardEvent) {
    const i = views.findIndex((v) => v.id === active)
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? views.length - 1 : undefined
    if (next === undefined) return
    e.preventDefault()
    const view = views[(next + views.length) % views.length]!
    onSelect(view.id)
    refs.current[view.id]?.focus()
  }

  return (
    <div className="panel-tabs" role="tablist" aria-label="Synereo views" onKeyDown={onKeyDown}>
      {views.map((v) => (
        <button
          key={v.id}
          ref={(el) => {
            refs.current[v.id] = el
          }}
          type="button"
          role="tab"
          id={`tab-${v.id}`}
          aria-controls={`view-${v.id}`}
          aria-selected={v.id === active}
          tabIndex={v.id === active ? 0 : -1}
          data-testid={`tab-${v.id}`}
          className={v.id === active ? "panel-tab active" : "panel-tab"}
          onClick={() => onSelect(v.id)}>
          {v.label}
        </button>
      ))}
    </div>
  )
}
