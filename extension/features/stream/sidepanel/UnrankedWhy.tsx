import { useEffect, useState } from "react"

import { engine } from "../../../engine/engine-client"
import { unrankedWhy, type GraphState } from "./ranking-state"

/** Carriers asked about: a link's first amplifiers are its author and the earliest re-amplifiers. */
const MAX_ASKED = 20

/**
 * Why? for a post the engine has not ranked. With a graph, it asks the engine whether anyone who
 * brought the post has standing, so the text says which case this is rather than guessing.
 */
export function UnrankedWhy({ graph, carriers }: { graph: GraphState; carriers: readonly string[] }) {
  const [withStanding, setWithStanding] = useState<number>()
  const key = carriers.slice(0, MAX_ASKED).join(",")
  useEffect(() => {
    setWithStanding(undefined)
    if (graph !== "ready") return
    let live = true
    Promise.all(key.split(",").filter(Boolean).map((pk) => engine().reo(pk)))
      .then((readings) => live && setWithStanding(readings.filter((r) => r.reo > 0).length))
      .catch(() => live && setWithStanding(0))
    return () => {
      live = false
    }
  }, [graph, key])
  return (
    <p className="muted" data-testid="why-unranked" data-graph={graph}>
      {unrankedWhy(graph, withStanding)}
    </p>
  )
}
