import "./people.css"

import { personLabel, personTooltip } from "./person-label"

/**
 * A person's label as text only (a peer's name is hostile input: already cleaned and bounded when
 * stored). `<bdi>` isolates right-to-left names from the sentence around them; CSS cuts what does
 * not fit. The full npub is in the tooltip.
 */
export function PersonName({ pubkey, me, names, className }: { pubkey: string; me: string | undefined; names: Map<string, string>; className?: string }) {
  return (
    <bdi className={className ? `person-name ${className}` : "person-name"} title={personTooltip(pubkey, names)} data-testid="person-name" data-pubkey={pubkey} data-named={names.has(pubkey) ? "" : undefined}>
      {personLabel(pubkey, me, names)}
    </bdi>
  )
}
