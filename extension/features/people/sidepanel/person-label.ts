import { fullNpub, shortNpub } from "../../stream/sidepanel/identity-label"

/**
 * A chosen name that reads as the panel's own "You" (any case, spacing or punctuation): a peer
 * calling themselves "You" would otherwise pass their comments and posts off as the person's own.
 */
function impersonatesYou(name: string): boolean {
  return name.replace(/[^\p{L}]/gu, "").toLowerCase() === "you"
}

/** How a person is named on screen: "You", the name they chose, or their short npub. */
export function personLabel(pubkey: string, me: string | undefined, names: Map<string, string>): string {
  if (pubkey === me) return "You"
  const name = names.get(pubkey)
  if (name === undefined) return shortNpub(pubkey)
  return impersonatesYou(name) ? `${name} (${shortNpub(pubkey)})` : name
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
