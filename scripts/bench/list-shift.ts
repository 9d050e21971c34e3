// How far cards moved once painted: the layout shifts of a page that moved something inside the
// Stream's list up or down. Read after a reload by the first-paint and demo-layout benchmarks and
// by the Stream e2e tests.
import type { Page } from "puppeteer-core"

export interface ListShift {
  /** Sum of the layout-shift scores whose moved elements include something in the list. */
  score: number
  /** The largest vertical move of such an element (px). */
  px: number
  /** What moved, when, from where to where (printed by the benchmarks in debug mode, asserted empty by tests). */
  moves: string[]
}

/**
 * What moved inside the list of cards after they painted (buffered layout-shift entries, whole
 * load): what fills in late (ranking, names, chips, People to follow) must not move a card the
 * person may be about to click. Sideways moves of a badge whose text changes do not count.
 */
export async function listShift(panel: Page): Promise<ListShift> {
  return panel.evaluate(
    () =>
      new Promise<ListShift>((resolve) => {
        let score = 0
        let px = 0
        const moves: string[] = []
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Shift[]) {
            if (e.hadRecentInput) continue
            let inList = false
            for (const src of e.sources) {
              const el = src.node instanceof Element ? src.node : src.node?.parentElement
              const dy = Math.abs(src.currentRect.y - src.previousRect.y)
              if (el?.closest("[data-testid=stream]") && dy >= 1) {
                inList = true
                px = Math.max(px, dy)
                moves.push(`${Math.round(e.startTime)} ms ${el.className || el.nodeName} ${(el as HTMLElement).dataset?.key ?? ""} y ${Math.round(src.previousRect.y)}→${Math.round(src.currentRect.y)}`)
              }
            }
            if (inList) score += e.value
          }
        }).observe({ type: "layout-shift", buffered: true })
        setTimeout(() => resolve({ score, px, moves }), 200)
      })
  )
}
