import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { PREVIEW_IMAGES_KEY, previewImagesOn, setPreviewImages } from "../../extension/features/stream/sidepanel/preview-images-pref"

// The panel's localStorage, as a plain map: the preference is a device-local string.
const store = new Map<string, string>()
beforeEach(() => {
  store.clear()
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k)
  })
})
afterEach(() => vi.unstubAllGlobals())

describe("the Show preview images preference", () => {
  it("is off by default and remembered under a versioned local key", () => {
    expect(previewImagesOn()).toBe(false)
    setPreviewImages(true)
    expect(store.get(PREVIEW_IMAGES_KEY)).toBe("on")
    expect(previewImagesOn()).toBe(true)
    setPreviewImages(false)
    expect(store.has(PREVIEW_IMAGES_KEY)).toBe(false)
    expect(previewImagesOn()).toBe(false)
  })

  it("stays off when storage is unavailable", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("denied")
      },
      setItem: () => {
        throw new Error("denied")
      }
    })
    expect(() => setPreviewImages(true)).not.toThrow()
    expect(previewImagesOn()).toBe(false)
  })
})
