// The amplify dialog's "Amplify": the bookmark post (free), then, for an amount above 0, a stake of
// that many AMP on the link (docs/PROTOCOL.md §2 stake). The balance is checked before anything is
// signed, so an amplification the person cannot pay for creates no post either.
import type { StreamDb } from "../../../../shared/db/database"
import { AmountError, formatAmp, parseAmp } from "../../../../shared/ledger"
import { topicTag } from "../../../../shared/posts/topic"
import type { Submitted, Wallet } from "../../../../shared/wallet"
import type { Amplifier } from "./amplifier"

export interface AmplifySubmitRequest {
  url: string
  title?: string
  note?: string
  /** AMP decimal; "0" or "" is a free amplification. */
  amount: string
  topic?: string
  tabId?: number
}

export type AmplifySubmitResult<S> =
  | { ok: true; post: { status: "created" | "already-amplified"; url: string; title: string; id: string | null }; stake: S | null }
  | { ok: false; code: string; message: string }

export interface AmplifySubmitDeps {
  db: StreamDb
  amplify: Amplifier
  pubkey(): Promise<string>
  /** The wallet on the pinned network; throws (no network) when there is none. */
  wallet(): Promise<Wallet>
}

export function createAmplifySubmit(deps: AmplifySubmitDeps) {
  return async function submit(req: AmplifySubmitRequest): Promise<AmplifySubmitResult<Submitted>> {
    const amountText = req.amount.trim() === "" ? "0" : req.amount.trim()
    let units: bigint
    try {
      units = parseAmp(amountText)
    } catch (err) {
      return { ok: false, code: "bad-amount", message: err instanceof AmountError ? err.message : String(err) }
    }
    // Checked again here, not only by the message guard: nothing is signed for a bad topic.
    const topic = req.topic?.trim() ? topicTag(req.topic) : undefined
    if (req.topic?.trim() && !topic) return { ok: false, code: "bad-topic", message: `“${req.topic.slice(0, 64)}” cannot be a topic: a community (~name) is found by each reader's device and cannot be tagged` }
    let wallet: Wallet | undefined
    if (units > 0n) {
      wallet = await deps.wallet()
      const b = await wallet.balance()
      if (b.frozenAtSeq !== null) return { ok: false, code: "frozen-account", message: `this account signed two events with seq ${b.frozenAtSeq} (a fork) and can never spend again` }
      if (units > b.spendable) {
        return { ok: false, code: "insufficient-balance", message: `needs ${formatAmp(units)} AMP; the spendable balance is ${formatAmp(b.spendable)} AMP` }
      }
    }
    const result = await deps.amplify({ url: req.url, tabId: req.tabId, title: req.title, fallbackTitle: req.title, note: req.note, topic, source: "panel" })
    if (!result.ok) return { ok: false, code: result.code, message: result.message }
    const me = await deps.pubkey()
    const post = await deps.db.posts.get(result.url)
    const ownId = post?.eventIds[me] ?? null
    let stake: Submitted | null = null
    if (wallet && units > 0n) {
      // The creator share goes to whoever amplified the link first; their bookmark is the post.
      const creator = post?.amplifiers[0] ?? me
      const postId = post?.eventIds[creator]
      stake = await wallet.stake({ amount: amountText, url: result.url, creator, ...(postId ? { postId } : {}) })
    }
    return { ok: true, post: { status: result.status, url: result.url, title: result.title, id: ownId }, stake }
  }
}
