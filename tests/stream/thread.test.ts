import { describe, expect, it } from "vitest"

import { buildThreads, countThread } from "../../extension/features/stream/sidepanel/thread"
import type { CommentRow } from "../../shared/db/database"

function c(id: string, createdAt: number, parentId = "", parentKind = "39701"): CommentRow {
  return { id, url: "https://e.com/", parentId, parentKind, parentAuthor: "", author: "p", content: id, createdAt }
}

describe("buildThreads", () => {
  it("nests NIP-22 replies under their parent comment, oldest first", () => {
    const t = buildThreads([c("r2", 5, "c1", "1111"), c("c2", 2), c("c1", 1), c("r1", 3, "c1", "1111"), c("rr", 4, "r1", "1111")])
    expect(t.map((n) => n.comment.id)).toEqual(["c1", "c2"])
    expect(t[0]!.replies.map((n) => n.comment.id)).toEqual(["r1", "r2"])
    expect(t[0]!.replies[0]!.replies.map((n) => [n.comment.id, n.depth])).toEqual([["rr", 2]])
    expect(countThread(t)).toBe(5)
  })

  it("keeps a reply whose parent we do not hold at the top level", () => {
    const t = buildThreads([c("orphan", 2, "missing", "1111"), c("top", 1, "", "web")])
    expect(t.map((n) => n.comment.id)).toEqual(["top", "orphan"])
  })

  it("cuts a forged cycle instead of looping", () => {
    const t = buildThreads([c("x", 1, "y", "1111"), c("y", 2, "x", "1111")])
    expect(countThread(t)).toBe(2)
  })
})
