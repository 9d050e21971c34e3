import { lazy, Suspense, useEffect, useState } from "react"

import type { CommunityInfo } from "../../../../shared/engine/engine-api"

import { useMyFollows } from "./use-my-follows"

// Loaded only for someone who follows no one: the strip's queries and scoring stay out of the
// Stream's first chunk.
const PeopleToFollow = lazy(() => import("./PeopleToFollow").then((m) => ({ default: m.PeopleToFollow })))

const dismissedKey = (me: string) => `synereo.people-to-follow.dismissed.${me}`

function isDismissed(me: string | undefined): boolean {
  try {
    return !!me && localStorage.getItem(dismissedKey(me)) === "1"
  } catch {
    return false
  }
}

/**
 * The "People to follow" strip at the top of the Stream, while the person follows no one and has
 * not dismissed it. `onDismissed` runs as ✕ removes the strip, and with it the focused button: the
 * Stream moves focus on (else it would fall to <body>) and says what happened.
 */
export function PeopleToFollowSlot({ me, muted, communities, onDismissed }: { me: string | undefined; muted: string[]; communities: CommunityInfo[]; onDismissed?(): void }) {
  const follows = useMyFollows(me)
  const [dismissed, setDismissed] = useState(() => isDismissed(me))
  useEffect(() => setDismissed(isDismissed(me)), [me])
  if (!me || follows === undefined || follows.size > 0 || dismissed) return null
  const dismiss = () => {
    try {
      localStorage.setItem(dismissedKey(me), "1")
    } catch {
      // storage unavailable: dismissed for this panel only
    }
    setDismissed(true)
    onDismissed?.()
  }
  return (
    <Suspense fallback={null}>
      <PeopleToFollow me={me} muted={muted} communities={communities} onDismiss={dismiss} />
    </Suspense>
  )
}
