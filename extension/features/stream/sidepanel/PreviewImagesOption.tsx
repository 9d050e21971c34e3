import { useId } from "react"

import { setPreviewImages, usePreviewImages } from "./preview-images-pref"

/** The device-local "Show preview images" switch, beside the published Stream settings but not part of them. */
export function PreviewImagesOption() {
  const on = usePreviewImages()
  const hintId = useId()
  return (
    <fieldset className="ss-group">
      <legend>On this device</legend>
      <label className="ss-option">
        <input type="checkbox" checked={on} onChange={(e) => setPreviewImages(e.target.checked)} aria-describedby={hintId} data-testid="preview-images-toggle" /> Show preview images
      </label>
      <p id={hintId} className="muted ss-hint">
        Each image is fetched from the site that hosts it, which then learns your IP address. While this is off, cards show the site's initial instead. This choice stays on this device and is not published.
      </p>
    </fieldset>
  )
}
