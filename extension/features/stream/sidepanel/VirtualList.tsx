import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react"

/** Estimated card height before it is measured (px). */
const ESTIMATE = 280
/** Extra height rendered above and below the window (px). */
const OVERSCAN = 1200

export interface VirtualListProps {
  keys: string[]
  render(key: string, index: number): ReactNode
  /** The range on screen changed (for loading rows). */
  onRange?(start: number, end: number): void
  /** Index to bring into view (keyboard navigation). */
  scrollToIndex?: number
  label: string
}

/**
 * A windowed list over the page's own scroll: only cards near the viewport are in the DOM, with
 * spacers for the rest. Spacers are in flow, so Chrome's scroll anchoring keeps the card being read
 * still when a card above it is measured, resized or removed.
 */
export function VirtualList({ keys, render, onRange, scrollToIndex, label }: VirtualListProps) {
  const listRef = useRef<HTMLOListElement>(null)
  const heights = useRef(new Map<string, number>())
  const [tick, setTick] = useState(0)
  const [viewport, setViewport] = useState({ top: 0, height: typeof window === "undefined" ? 800 : window.innerHeight })

  const offsets = useMemo(() => {
    const out = new Float64Array(keys.length + 1)
    for (let i = 0; i < keys.length; i++) out[i + 1] = out[i]! + (heights.current.get(keys[i]!) ?? ESTIMATE)
    return out
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys, tick])

  const measure = useCallback(() => {
    const el = listRef.current
    if (!el) return
    const listTop = el.getBoundingClientRect().top + window.scrollY
    setViewport({ top: window.scrollY - listTop, height: window.innerHeight })
  }, [])

  useEffect(() => {
    measure()
    let frame = 0
    const onScroll = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(measure)
    }
    window.addEventListener("scroll", onScroll, { passive: true })
    window.addEventListener("resize", onScroll)
    return () => {
      cancelAnimationFrame(frame)
      window.removeEventListener("scroll", onScroll)
      window.removeEventListener("resize", onScroll)
    }
  }, [measure])

  // Binary search for the first card whose bottom is below the window's top.
  const from = viewport.top - OVERSCAN
  const to = viewport.top + viewport.height + OVERSCAN
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (offsets[mid + 1]! < from) lo = mid + 1
    else hi = mid
  }
  const start = lo
  let end = start
  while (end < keys.length && offsets[end]! < to) end++
  end = Math.max(end, Math.min(keys.length, start + 1))

  useEffect(() => onRange?.(start, end), [start, end, onRange])

  const observer = useRef<ResizeObserver>()
  useEffect(() => {
    observer.current = new ResizeObserver((entries) => {
      let changed = false
      for (const e of entries) {
        const el = e.target as HTMLElement
        const key = el.dataset.key
        if (!key || !el.isConnected) continue
        const h = Math.round(el.getBoundingClientRect().height)
        if (heights.current.get(key) !== h) {
          heights.current.set(key, h)
          changed = true
        }
      }
      if (changed) setTick((t) => t + 1)
    })
    return () => observer.current?.disconnect()
  }, [])

  const itemRef = useCallback((el: HTMLLIElement | null) => {
    if (el) observer.current?.observe(el)
    // Removed items are forgotten by the browser's observer when they are collected.
  }, [])

  useLayoutEffect(() => {
    if (scrollToIndex === undefined || !listRef.current) return
    const listTop = listRef.current.getBoundingClientRect().top + window.scrollY
    const top = listTop + offsets[scrollToIndex]!
    const bottom = listTop + offsets[scrollToIndex + 1]!
    if (top < window.scrollY + 60 || bottom > window.scrollY + window.innerHeight) window.scrollTo({ top: Math.max(0, top - 60) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToIndex])

  return (
    <ol
      ref={listRef}
      className="post-list virtual"
      data-testid="stream"
      data-count={keys.length}
      role="feed"
      aria-label={label}
      aria-busy={false}
      style={{ paddingTop: offsets[start], paddingBottom: offsets[keys.length]! - offsets[end]! }}
    >
      {keys.slice(start, end).map((key, i) => (
        <li key={key} data-key={key} ref={itemRef} className="post-item">
          {render(key, start + i)}
        </li>
      ))}
    </ol>
  )
}
