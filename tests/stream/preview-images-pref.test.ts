import { describe, expect, it } from "vitest"

import { PREVIEW_IMAGES_KEY, previewImagesOn, setPreviewImages } from "../../extension/features/stream/sidepanel/preview-images-pref"
import { breakLocalStorage, useMapLocalStorage } from "./local-storage"

const store = useMapLocalStorage()

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
    breakLocalStorage()
    expect(() => setPreviewImages(true)).not.toThrow()
    expect(previewImagesOn()).toBe(false)
  })
})
