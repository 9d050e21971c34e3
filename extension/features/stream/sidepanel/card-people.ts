/**
 * Everyone a card names: who brought it (the person its Mute mutes) and its comments' authors. The
 * card asks for all their names in one query (use-profile-names.ts) rather than one per comment.
 */
export function cardPeople(named: readonly string[], comments: readonly { author: string }[]): string[] {
  return [...new Set([...named, ...comments.map((c) => c.author)])].filter((pk) => pk !== "")
}
