/** The short privacy statement, shared by Settings and the welcome page. */
export function PrivacyStatement() {
  return (
    <ul className="privacy" data-testid="privacy-statement">
      <li>Synereo reads a page only when you invoke it on that page (toolbar button, shortcut or menu), and only its address, title, description and image.</li>
      <li>Your key, your Stream and your settings stay in this browser. Nothing is published unless you amplify something.</li>
      <li>What you amplify is published as a signed Nostr post to the relays you choose; anyone can read it.</li>
      <li>No analytics, no tracking, no Synereo server, no code loaded from the network.</li>
    </ul>
  )
}
