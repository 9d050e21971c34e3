import { launchWithExtension } from "../scripts/browser/launch-extension"
async function main() {
  const s = await launchWithExtension({ headless: true })
  const o = await s.browser.newPage()
  await o.goto(`chrome-extension://${s.extensionId}/options.html`)
  await o.waitForSelector("[data-testid=settings-npub]")
  console.log(await o.evaluate(() => ["html", "body", ".settings-intro", ".identity-summary dd", ".field small", ".field label", "button.primary", ".privacy li"].map((sel) => {
    const e = document.querySelector(sel)!
    const cs = getComputedStyle(e)
    return `${sel}: ${cs.fontSize} ${cs.fontFamily.slice(0, 40)}`
  }).join("\n")))
  console.log(await o.evaluate(() => [...document.styleSheets].map((s) => s.href + " " + s.cssRules.length).join("\n")))
  console.log(await o.evaluate(() => document.documentElement.outerHTML.slice(0, 600)))
  await s.close()
}
main().catch((e) => { console.error(e); process.exit(1) })
