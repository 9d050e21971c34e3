/**
 * The short privacy statement, shared by Settings and the welcome page. It must stay true to
 * PRIVACY.md: every kind of event the extension signs and publishes is named here.
 */
export function PrivacyStatement() {
  return (
    <ul className="privacy" data-testid="privacy-statement">
      <li>Synereo reads a page only when you invoke it on that page (toolbar button, shortcut or menu), and only its address, title, description and image.</li>
      <li>Stays in this browser: your key, the pages you visit, what you read in your Stream, the posts you hide and, when earning is on, its attention measurements.</li>
      <li>
        Published when you do it, as signed Nostr events anyone can read on the relays you choose: what you amplify, likes, comments, follows, mutes, your display name, your Stream
        settings, your relay list, earning receipts and wallet transfers.
      </li>
      <li>Preview images are not loaded unless you turn them on: each one tells the site hosting it your IP address.</li>
      <li>Nothing is sent anywhere else: no analytics, no tracking, no Synereo server, no code loaded from the network.</li>
    </ul>
  )
}
