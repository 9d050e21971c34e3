// Where the amplify sheet opens and what happens to the panel around it. It stays non-modal (the
// panel's own "Amplify this page" and the Stream remain usable), but it must never move what the
// person is reading: opened from a card further down (Re-amplify), it floats over the viewport
// instead of scrolling the panel up to its place at the top, and on close focus goes back to the
// control that opened it, without scrolling.
import { useLayoutEffect, useState, type KeyboardEvent, type RefObject } from "react"

const FOCUSABLE = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"

export function useSheet(ref: RefObject<HTMLDialogElement | null>): { floating: boolean; onKeyDown(e: KeyboardEvent): void } {
  const [floating, setFloating] = useState(false)

  // Layout effect: placed and focused before the first paint, so nothing visibly jumps.
  useLayoutEffect(() => {
    const d = ref.current
    if (!d) return
    const invoker = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    // Where the sheet's place in the panel is (its container's bottom), measured while it is still
    // closed: out of view (the person scrolled the Stream) → it floats. Decided before it opens, so
    // it never sits in the flow above the reader, which would shift what they read.
    const place = d.parentElement?.getBoundingClientRect().bottom ?? 0
    const float = place < 0 || place > window.innerHeight - 80
    if (float) {
      d.classList.add("floating")
      setFloating(true)
    }
    // Opened by attribute, not show(): show() focuses the sheet's first control and so scrolls the
    // panel up to it; the focus below is given without scrolling.
    if (!d.open) d.setAttribute("open", "")
    d.querySelector<HTMLElement>("textarea, input, button")?.focus({ preventScroll: true })
    return () => {
      // Removing an in-flow sheet above the reader is absorbed by the browser's scroll anchoring.
      if (invoker?.isConnected) invoker.focus({ preventScroll: true })
    }
  }, [ref])

  // Floating over the Stream, Tab cycles inside the sheet: what is behind it cannot be seen.
  function onKeyDown(e: KeyboardEvent) {
    if (!floating || e.key !== "Tab" || !ref.current) return
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) return
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return { floating, onKeyDown }
}
