import type { CommentRow } from "../../../../shared/db/database"

export interface ThreadNode {
  comment: CommentRow
  replies: ThreadNode[]
  depth: number
}

/**
 * NIP-22 threads of one card: top-level comments (parent the page or a bookmark) oldest first,
 * each with its replies (parent a comment) nested under it, oldest first. A reply whose parent we
 * do not hold is shown at the top level rather than lost; cycles cannot form (ids are hashes,
 * but a forged loop is still cut).
 */
export function buildThreads(comments: readonly CommentRow[]): ThreadNode[] {
  const sorted = [...comments].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  const byId = new Map(sorted.map((c) => [c.id, c]))
  const children = new Map<string, CommentRow[]>()
  const roots: CommentRow[] = []
  for (const c of sorted) {
    const parent = c.parentKind === "1111" ? byId.get(c.parentId) : undefined
    if (parent && parent.id !== c.id) {
      const list = children.get(parent.id)
      if (list) list.push(c)
      else children.set(parent.id, [c])
    } else roots.push(c)
  }
  const visited = new Set<string>()
  const build = (c: CommentRow, depth: number): ThreadNode => {
    visited.add(c.id)
    const replies = (children.get(c.id) ?? []).filter((r) => !visited.has(r.id)).map((r) => build(r, depth + 1))
    return { comment: c, replies, depth }
  }
  const out = roots.map((r) => build(r, 0))
  // Anything left belongs to a cycle: show it at the top level.
  for (const c of sorted) if (!visited.has(c.id)) out.push(build(c, 0))
  return out
}

/** How many comments a thread list holds, replies included. */
export function countThread(nodes: readonly ThreadNode[]): number {
  return nodes.reduce((n, t) => n + 1 + countThread(t.replies), 0)
}
