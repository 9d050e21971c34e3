import { fullNpub, shortNpub } from "../../stream/sidepanel/identity-label"

/** How a person is named on screen: "You", the name they chose, or their short npub. */
export function personLabel(pubkey: string, me: string | undefined, names: Map<string, string>): string {
  if (pubkey === me) return "You"
  return names.get(pubkey) ?? shortNpub(pubkey)
}

/** The tooltip: the name and the full npub, since a chosen name proves nothing about who it is. */
export function personTooltip(pubkey: string, names: Map<string, string>): string {
  const name = names.get(pubkey)
  return name ? `${name} · ${fullNpub(pubkey)}` : fullNpub(pubkey)
}

/** For controls about a person: the chosen name with the short npub, so a copied name is not mistaken for its owner. */
export function personAccessibleName(pubkey: string, me: string | undefined, names: Map<string, string>): string {
  const name = pubkey === me ? undefined : names.get(pubkey)
  return name ? `${name} (${shortNpub(pubkey)})` : personLabel(pubkey, me, names)
}
