import { useEffect, useState } from "react"
import browser from "webextension-polyfill"

import { LAST_AMPLIFY_KEY, lastAmplifySchema, type LastAmplify } from "../../../../shared/messages/catalog"

/** The latest amplification outcome, including ones started from a context menu. */
export function useLastAmplify(): LastAmplify | undefined {
  const [last, setLast] = useState<LastAmplify | undefined>()
  useEffect(() => {
    const accept = (value: unknown) => {
      const parsed = lastAmplifySchema.safeParse(value)
      if (parsed.success) setLast(parsed.data)
    }
    void browser.storage.session.get(LAST_AMPLIFY_KEY).then((items) => accept(items[LAST_AMPLIFY_KEY]))
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === "session" && LAST_AMPLIFY_KEY in changes) accept(changes[LAST_AMPLIFY_KEY]!.newValue)
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  }, [])
  return last
}
