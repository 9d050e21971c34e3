import "./stream.css"

import { useCallback, useEffect, useRef, useState } from "react"

import { useLastAmplify } from "../../amplify/sidepanel/use-last-amplify"
import { PeopleToFollowSlot } from "../../people/sidepanel/PeopleToFollowSlot"
import { streamSettled, useAfterFirstCard } from "./first-card"
import { PostCard } from "./PostCard"
import { mergeArrivals, type ArrivalState } from "./stream-order"
import { StreamSettingsPanel } from "./StreamSettingsPanel"
import { usePostRows } from "./use-post-rows"
import { useStreamModel } from "./use-stream-model"
import { VirtualList } from "./VirtualList"

/** Scrolled further than this (px), the person is reading: arrivals wait behind the "new posts" button. */
const READING_PX = 120

function isReading(): boolean {
  return window.scrollY > READING_PX
}

/** The Stream: the engine's order by current, virtualised, with filters, settings and live arrivals. */
export function Stream() {
  const model = useStreamModel()
  const [merged, setView] = useState<ArrivalState>({ shown: [], pending: [] })
  // With nothing on screen the order is shown as is (mergeArrivals would do the same), in this very
  // render: waiting for the merge effect would commit an empty Stream before the first cards.
  const view = merged.shown.length === 0 && merged.pending.length === 0 && model.order ? { shown: model.order, pending: [] } : merged
  const [range, setRange] = useState<[number, number]>([0, 12])
  const [focusIndex, setFocusIndex] = useState<number>()
  const [notice, setNotice] = useState<{ text: string; undo?: () => void }>()
  const [muteError, setMuteError] = useState<string>()
  const listTop = useRef<HTMLDivElement>(null)

  // The person's own new amplification is never held back: they just asked for it. Once it is in
  // the order, everything is merged and the Stream scrolls to the top, where it is.
  const last = useLastAmplify()
  const [wanted, setWanted] = useState<string>()
  // A re-amplified card is already on screen where the person is reading: nothing to jump to.
  useEffect(() => {
    if (last?.result.ok && last.result.status === "created" && !view.shown.includes(last.result.url)) setWanted(last.result.url)
  }, [last?.at])

  // Merge the model's order into what is on screen: as is at the top; held back while reading.
  useEffect(() => {
    if (!model.order) return
    const ownArrived = !!wanted && model.order.includes(wanted)
    setView((prev) => mergeArrivals(prev, model.order!, isReading() && !ownArrived))
    if (ownArrived) {
      setWanted(undefined)
      window.scrollTo({ top: 0 })
    }
  }, [model.order, wanted])

  // Back at the top with arrivals waiting: they fold in (nothing to jump any more).
  useEffect(() => {
    if (view.pending.length === 0) return
    const onScroll = () => {
      if (window.scrollY === 0 && model.order) setView({ shown: model.order, pending: [] })
    }
    window.addEventListener("scroll", onScroll, { passive: true })
    return () => window.removeEventListener("scroll", onScroll)
  }, [view.pending.length, model.order])

  const visible = view.shown.slice(Math.max(0, range[0]), range[1] + 1)
  const rows = usePostRows(visible, model.head)
  const onRange = useCallback((s: number, e: number) => setRange([s, e]), [])

  const showNew = () => {
    if (model.order) setView({ shown: model.order, pending: [] })
    window.scrollTo({ top: 0 })
    listTop.current?.focus()
  }

  const hide = (url: string) => {
    void model.hide(url)
    setNotice({ text: "Post hidden on this device.", undo: () => void model.unhide(url) })
  }
  const mute = (pubkey: string) => {
    setMuteError(undefined)
    model.mute(pubkey, true).catch((err: unknown) => setMuteError(err instanceof Error ? err.message : String(err)))
    setNotice({ text: "Muted: their posts are gone from your Stream.", undo: () => void model.mute(pubkey, false) })
  }

  // ✕ on People to follow takes the focused button away: focus the first card (or the list's top)
  // rather than leave it on <body>, and announce the change in the Stream's status notice.
  const peopleDismissed = () => {
    setNotice({ text: "People to follow dismissed. You can follow anyone from their card." })
    const first = document.querySelector<HTMLElement>("[data-testid=post-card]")
    ;(first ?? listTop.current)?.focus()
  }

  const onKey = (e: React.KeyboardEvent<HTMLElement>, index: number) => {
    if (e.target !== e.currentTarget) return
    const next = e.key === "ArrowDown" || e.key === "j" || e.key === "PageDown" ? index + 1 : e.key === "ArrowUp" || e.key === "k" || e.key === "PageUp" ? index - 1 : e.key === "Home" ? 0 : e.key === "End" ? view.shown.length - 1 : undefined
    if (next === undefined || next < 0 || next >= view.shown.length) return
    e.preventDefault()
    setFocusIndex(next)
  }
  useEffect(() => {
    if (focusIndex === undefined) return
    const url = view.shown[focusIndex]
    const tryFocus = (n: number) => {
      const el = document.querySelector<HTMLElement>(`[data-testid=post-card][data-url="${CSS.escape(url ?? "")}"]`)
      if (el) el.focus({ preventScroll: false })
      else if (n > 0) requestAnimationFrame(() => tryFocus(n - 1))
    }
    tryFocus(10)
  }, [focusIndex, view.shown])

  const chips = model.communities.slice(0, 12)
  const count = view.shown.length
  const empty = model.order !== undefined && count === 0 && view.pending.length === 0
  useEffect(() => {
    if (empty) streamSettled() // no card will come: the deferred work may start
  }, [empty])
  const afterFirstCard = useAfterFirstCard()

  return (
    <section className="stream" aria-label="Stream">
      <details className="stream-settings" data-testid="stream-settings">
        <summary>Stream settings</summary>
        <StreamSettingsPanel
          settings={model.settings}
          communities={model.communities}
          muted={model.muted}
          hidden={model.hidden}
          save={model.saveSettings}
          unmute={(pk) => void model.mute(pk, false)}
          unhide={(url) => void model.unhide(url)}
        />
      </details>

      {/* The row is there from the first card on, one line high, and its chips fill in when the
          engine has found communities: appearing later, it pushed the first screen down. */}
      {chips.length > 0 || count > 0 || model.filter ? (
        <div className="filter-chips" role="group" aria-label="Filter the Stream by community or topic" data-testid="filter-chips">
          <button type="button" className={model.filter ? "chip" : "chip on"} aria-pressed={!model.filter} onClick={() => model.setFilter(undefined)} data-testid="filter-all">
            All
          </button>
          {chips.map((c) => {
            const on = model.filter?.community === c.name
            return (
              <button
                key={c.name}
                type="button"
                className={on ? "chip on" : "chip"}
                aria-pressed={on}
                data-testid="filter-chip"
                data-community={c.name}
                aria-label={`Only ${c.kind === "topic" ? "topic" : "community"} ${c.name}, ${c.members} ${c.members === 1 ? "member" : "members"}`}
                onClick={() => model.setFilter(on ? undefined : { community: c.name, kind: c.kind })}
              >
                {c.name}
              </button>
            )
          })}
          {chips.length === 0 ? <span className="muted chip-hint">No topics or communities yet</span> : null}
        </div>
      ) : null}

      <div ref={listTop} tabIndex={-1} aria-label="Top of the Stream" />
      {view.pending.length > 0 ? (
        <button type="button" className="new-posts-pill" data-testid="new-posts" onClick={showNew}>
          <span aria-hidden="true">↑</span> {view.pending.length === 1 ? "1 new post" : `${view.pending.length} new posts`}
        </button>
      ) : null}

      {notice ? (
        <div className="stream-notice" role="status" data-testid="stream-notice">
          <span>{notice.text}</span>
          {notice.undo ? (
            <button
              type="button"
              className="link-button"
              data-testid="undo-button"
              onClick={() => {
                notice.undo!()
                setNotice(undefined)
              }}
            >
              Undo
            </button>
          ) : null}
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            ✕
          </button>
        </div>
      ) : null}
      {muteError ? (
        <p role="alert" className="status error">
          {muteError}
        </p>
      ) : null}

      {model.order === undefined ? (
        <p className="muted">Loading your Stream…</p>
      ) : empty ? (
        <p className="empty" data-testid="stream-empty">
          {model.filter ? `Nothing in ${model.filter.community} yet.` : "Nothing here yet. Amplify a page with the button above, or right-click any link and choose “Amplify link”."}
        </p>
      ) : (
        <VirtualList
          keys={view.shown}
          label="Stream"
          onRange={onRange}
          scrollToIndex={focusIndex}
          render={(url, index) => {
            const post = rows.get(url)
            const card = post ? (
              <PostCard post={post} ranked={model.ranked.get(url)} graph={model.graph} me={model.me} index={index} count={count} onHide={hide} onMute={mute} onKey={onKey} />
            ) : (
              <div className="card card-placeholder" aria-hidden="true" />
            )
            // People to follow comes after the first card, not above it: its chunk and queries load
            // after the first cards paint, and arriving above them it pushed the whole first screen
            // down under the person's pointer.
            return index === 0 && afterFirstCard ? (
              <>
                {card}
                <PeopleToFollowSlot me={model.me} muted={model.muted} communities={model.communities} onDismissed={peopleDismissed} />
              </>
            ) : (
              card
            )
          }}
        />
      )}
      <footer className="engine-status muted" data-testid="engine-status" data-kernel={model.kernel ?? ""} data-ranked={model.ranked.size}>
        {model.error ? `Ranking unavailable (${model.error}); newest first.` : model.kernel ? `Ranked by current on this device (${model.kernel} kernel) · ${count} posts` : ""}
      </footer>
    </section>
  )
}
