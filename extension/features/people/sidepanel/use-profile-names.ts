import { useLiveQuery } from "dexie-react-hooks"

import { profileLabel } from "../../../../shared/nostr/kinds/metadata"
import { streamDb } from "../../stream/sidepanel/stream-db"

/**
 * The names people chose (kind 0, display_name || name) for these pubkeys, live: one primary-key
 * `bulkGet` on the small `profiles` table, cheap enough for every card. Pubkeys without a profile
 * are absent from the map (the caller shows the npub).
 */
export function useProfileNames(pubkeys: string[]): Map<string, string> {
  const key = pubkeys.join(",")
  return (
    useLiveQuery(async () => {
      const rows = await streamDb().profiles.bulkGet(pubkeys)
      const names = new Map<string, string>()
      rows.forEach((r, i) => {
        const label = profileLabel(r)
        if (label) names.set(pubkeys[i]!, label)
      })
      return names
    }, [key]) ?? EMPTY
  )
}

const EMPTY = new Map<string, string>()
