/**
 * One instance per page of something a module would otherwise keep in a module-level variable.
 *
 * Why not a plain `let`: Plasmo's Parcel bundler copies a module shared by the side panel's first
 * bundle and a lazily loaded view (Wallet, Earning, People to follow) into the lazy chunk as well,
 * and the copy has its own module scope. A `let client` in engine-client.ts then meant a second
 * engine worker with an empty graph behind the Wallet tab's amplify dialog, and a second set of
 * live queries and listeners for stores the views share. Every copy asks the same global slot.
 */
export function pageSingleton<T>(name: string, create: () => T): T {
  const slots = globalThis as unknown as Record<symbol, T | undefined>
  const key = Symbol.for(`synereo-stream/${name}`)
  return (slots[key] ??= create())
}
