import { describe, expect, it } from "vitest"

import { LAST_RANKED_TOP_KEY, LAST_RANKED_TOP_SIZE, readLastRankedTop, writeLastRankedTop } from "../../extension/features/stream/sidepanel/last-ranked-top"
import { breakLocalStorage, useMapLocalStorage } from "./local-storage"

const store = useMapLocalStorage()
const ME = "a".repeat(64)

describe("the last ranked top of the Stream", () => {
  it("keeps the first URLs of the order with the person's key, under a versioned local key", () => {
    const order = Array.from({ length: 40 }, (_, i) => `https://e.com/${i}`)
    writeLastRankedTop(ME, order)
    expect(JSON.parse(store.get(LAST_RANKED_TOP_KEY)!)).toEqual({ me: ME, urls: order.slice(0, LAST_RANKED_TOP_SIZE) })
    expect(readLastRankedTop()).toEqual({ me: ME, urls: order.slice(0, LAST_RANKED_TOP_SIZE) })
  })

  it("reads nothing from a damaged or foreign value, and keeps only strings of URL size", () => {
    for (const raw of ["{", "null", "[]", '{"me":1,"urls":[]}', '{"me":"x","urls":"u"}']) {
      store.set(LAST_RANKED_TOP_KEY, raw)
      expect(readLastRankedTop()).toBeUndefined()
    }
    store.set(LAST_RANKED_TOP_KEY, JSON.stringify({ me: ME, urls: ["https://ok.example/", 5, "x".repeat(3000), null] }))
    expect(readLastRankedTop()).toEqual({ me: ME, urls: ["https://ok.example/"] })
  })

  it("is quiet when storage is unavailable or full: the next panel paints newest first", () => {
    breakLocalStorage()
    expect(() => writeLastRankedTop(ME, ["https://e.com/"])).not.toThrow()
    expect(readLastRankedTop()).toBeUndefined()
  })
})
