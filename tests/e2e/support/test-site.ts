import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

// A 1x1 PNG so that og:image resolves to something real.
import { PNG } from "./image-server"

/**
 * A small web site served by the test itself on loopback: pages with Open Graph tags, a page with
 * a hostile title, and a page linking to another same-origin page.
 */
export const HOSTILE_TITLE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>Bold</b> & "quotes"`

const PAGES: Record<string, string> = {
  "/article.html": page({
    title: "Plain title that og:title overrides",
    og: { "og:title": "Attention is the scarce good", "og:description": "Why the value of attention should stay with the people who give it.", "og:site_name": "Test Gazette", "og:image": "/cover.png" }
  }),
  "/hostile.html": page({ title: "x", og: { "og:title": HOSTILE_TITLE, "og:description": "<i>not italic</i>" } }),
  "/links.html": page({
    title: "A page of links",
    body: `<a id="same" href="/linked.html">The linked article</a> <a id="js" href="javascript:alert(1)">Run me</a> <a id="data" href="data:text/html,hi">Data</a>`
  }),
  "/linked.html": page({ title: "Linked page", og: { "og:title": "The linked page's own title", "og:description": "Read from the linked page's metadata." } }),
  "/plain.html": page({ title: "A page without Open Graph" })
}

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")
}

function page({ title, og = {}, body = "<p>Hello.</p>" }: { title: string; og?: Record<string, string>; body?: string }): string {
  const metas = Object.entries(og)
    .map(([k, v]) => `<meta property="${k}" content="${escape(v)}">`)
    .join("\n")
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title>${metas}</head><body>${body}</body></html>`
}


export interface TestSite {
  origin: string
  url(path: string): string
  close(): Promise<void>
}

export async function startTestSite(): Promise<TestSite> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    if (path === "/cover.png") {
      res.writeHead(200, { "content-type": "image/png" }).end(PNG)
      return
    }
    const html = PAGES[path]
    if (!html) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found")
      return
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html)
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (path) => origin + path,
    close: () => new Promise((r) => server.close(() => r()))
  }
}
