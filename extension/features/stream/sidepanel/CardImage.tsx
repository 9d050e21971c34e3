import "./card-image.css"

import { useState } from "react"

import type { PostRow } from "../../../../shared/db/database"
import { cleanImageUrl } from "../../../../shared/posts/link-metadata"
import { usePreviewImages } from "./preview-images-pref"
import { siteHue, siteInitial } from "./site-tile"

/**
 * A card's preview image slot. The image address was chosen by whoever published the post, so
 * fetching it tells that server the reader's IP address and when they read (a tracking pixel),
 * every time the card is shown. By default the slot shows the site's letter tile, fetched from
 * nowhere; the image loads only when the person turned "Show preview images" on, or asked for this
 * one card. The same rule holds for the person's own amplifications: the address is the page's
 * pick (often a third-party CDN), a link amplified from the menu was never visited, and reloading
 * it each time the Stream opens would keep reporting when they read. The slot has a fixed height,
 * so the tile, a loading image and a failed one take the same room and the card never jumps.
 */
export function CardImage({ post }: { post: PostRow }) {
  // Again at render time: posts stored before the https-only rule may still hold http: images.
  const src = cleanImageUrl(post.image, post.url)
  const allowed = usePreviewImages()
  const [askedFor, setAskedFor] = useState<string>()
  const [failed, setFailed] = useState<string>()
  const [loaded, setLoaded] = useState<string>()
  if (!src) return null
  const load = (allowed || askedFor === src) && failed !== src
  const host = new URL(src).host
  const state = !load ? (failed === src ? "failed" : "tile") : loaded === src ? "loaded" : "loading"
  return (
    <div className="card-media" data-testid="card-media" data-state={state} style={{ "--tile-hue": siteHue(post.url) } as React.CSSProperties}>
      <span className="card-tile" aria-hidden="true">
        {siteInitial(post.siteName, post.url)}
      </span>
      {load ? (
        <img
          className="card-image"
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          onLoad={() => setLoaded(src)}
          // A broken image is just the tile again: nothing to report, nothing to retry.
          onError={() => setFailed(src)}
        />
      ) : null}
      {!allowed && askedFor !== src ? (
        <button
          type="button"
          className="tool-button card-load-image"
          data-testid="load-image-button"
          aria-label={`Load the preview image of “${post.title}” from ${host}`}
          title={`Fetched from ${host}, which then learns your IP address`}
          onClick={() => setAskedFor(src)}
        >
          Load image
        </button>
      ) : null}
    </div>
  )
}
