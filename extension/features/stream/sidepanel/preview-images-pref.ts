import { useSyncExternalStore } from "react"

/**
 * "Show preview images": a choice about this device's network traffic, so it stays on this device
 * (the extension origin's localStorage) and is never part of the published Stream settings
 * (kind 30078). localStorage is synchronous, so the first paint already knows the choice and a
 * card never flashes an image before it is turned off. Off unless the person turned it on.
 */
export const PREVIEW_IMAGES_KEY = "stream.previewImages.v1"

const listeners = new Set<() => void>()

export function previewImagesOn(): boolean {
  try {
    return localStorage.getItem(PREVIEW_IMAGES_KEY) === "on"
  } catch {
    return false // storage unavailable: the private default
  }
}

export function setPreviewImages(on: boolean): void {
  try {
    if (on) localStorage.setItem(PREVIEW_IMAGES_KEY, "on")
    else localStorage.removeItem(PREVIEW_IMAGES_KEY)
  } catch {
    // storage unavailable: nothing to remember, and the default stays private
  }
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  // Another extension page (a second panel, the options page) changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === PREVIEW_IMAGES_KEY || e.key === null) listener()
  }
  window.addEventListener("storage", onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener("storage", onStorage)
  }
}

export function usePreviewImages(): boolean {
  return useSyncExternalStore(subscribe, previewImagesOn, () => false)
}
