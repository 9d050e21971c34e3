import { getEventHash, type EventTemplate } from "nostr-tools/pure"

import type { Rng } from "../engine/sim/rng"
import { createRng } from "../engine/sim/rng"
import { stakeTemplate } from "../ledger/build"
import { LOCAL_RELAY_URL } from "../network/local-relay"
import type { SignedEvent } from "../nostr/event-schema"
import { bookmarkAddress, commentTemplate, type CommentParent } from "../nostr/kinds/comment"
import { contactListTemplate, KIND_CONTACT_LIST } from "../nostr/kinds/contact-list"
import { KIND_METADATA, metadataTemplate } from "../nostr/kinds/metadata"
import { KIND_COMMENT } from "../nostr/kinds/comment"
import { MIN_POW } from "../nostr/kinds/pow"
import { KIND_REACTION, reactionTemplate } from "../nostr/kinds/reaction"
import { KIND_RELAY_LIST, relayListTemplate } from "../nostr/kinds/relay-list"
import { KIND_WEB_BOOKMARK, linkPostTemplate } from "../posts/link-post-event"
import { ArticleSource, topicFor, type Article } from "./articles"
import { FIRST_NAMES, GENERIC_COMMENTS, LAST_NAMES, LIKE_EMOJI, REPLIES, SPAM_COMMENTS, TOPICS } from "./catalog"
import { demoPublicKey, demoSecretKey, pureDemoCrypto, type DemoCrypto } from "./crypto"

export const DEFAULT_COMMUNITIES = TOPICS.map((t) => t.tag)

export interface DemoOptions {
  seed: number
  /** Unix seconds at which the history ends (the moment the demo was first seeded). */
  now: number
  /** Honest people; default 200. */
  identities?: number
  /** Community (topic) tags, lowercase without "#"; default the six of the catalog. */
  communities?: string[]
  /** Size of the sybil cluster; default 12. 0 for none. */
  sybils?: number
  /** How many days the history spans; default 4. */
  days?: number
  /** The relay everyone's NIP-65 list names, and comments give as a hint; default the local relay. */
  relayUrl?: string
  /** Averages per honest person over the history. */
  postsPerIdentity?: number
  likesPerIdentity?: number
  commentsPerIdentity?: number
  followsPerIdentity?: number
  /** Honest amplifications (AMP stakes) in the plan; default 40. */
  amplifications?: number
  /** NIP-13 bits mined into comments and likes; default the protocol's (shared/nostr/kinds/pow.ts). */
  pow?: { comment?: number; reaction?: number }
  crypto?: DemoCrypto
}

export interface DemoIdentity {
  index: number
  /** Published as the `name` of its kind-0 profile, so the Stream shows names, not npubs. */
  name: string
  /** 64 hex; derived from the seed (crypto.ts demoSecretKey): a demo key, never for real money. */
  secretKey: string
  pubkey: string
  /** Community tags, the main one first; empty for the sybil cluster. */
  communities: string[]
  sybil: boolean
}

/** A bookmark in the plan: its id is known before signing (the id does not depend on the signature). */
export interface DemoPost {
  id: string
  author: number
  pubkey: string
  url: string
  topic: string
  createdAt: number
  title: string
}

/** A planned amplification: a ledger stake (kind 3332, docs/PROTOCOL.md §2.6) on a post. */
export interface DemoAmplification {
  staker: number
  pubkey: string
  post: DemoPost
  /** Base units (1 AMP = 10^8). */
  amount: bigint
  createdAt: number
  close: number
}

type Action =
  | { type: "relays"; who: number; at: number }
  | { type: "profile"; who: number; at: number }
  | { type: "follows"; who: number; at: number; follows: number[] }
  | { type: "post"; who: number; at: number; post: DemoPost; article: Article }
  | { type: "like"; who: number; at: number; post: DemoPost; content: string }
  | { type: "comment"; who: number; at: number; post: DemoPost; parent?: number; text: string }

export interface HistoryOptions {
  /**
   * Events signed before (by index in the history), e.g. from a cache on disk: used as they are
   * when they match the plan, so a restart does not mine again.
   */
  cached?: (index: number) => SignedEvent | undefined
}

export interface StakeOptions {
  /** Next chain position per staker pubkey; default seq 1 after the genesis. */
  heads?: ReadonlyMap<string, { seq: number; prev: string }>
  include?: (a: DemoAmplification) => boolean
}

export interface DemoCommunity {
  options: Required<Omit<DemoOptions, "crypto" | "pow">> & { pow: { comment: number; reaction: number } }
  identities: DemoIdentity[]
  communities: string[]
  /** Every bookmark of the history (and, as `step` runs, the live ones). */
  posts: DemoPost[]
  /** Number of events in the history. */
  historyLength: number
  /** Events of the history by kind, from the plan (nothing is signed to count them). */
  historyCounts(): Record<number, number>
  /**
   * The history as signed events, lazily, in publishing order: profiles and bookmarks first (cheap
   * to sign, so a Stream fills at once, with names), then relay lists and follow lists, then likes and comments (mined),
   * each group by time. Deterministic: the same options give the same event ids.
   */
  history(opts?: HistoryOptions): Generator<SignedEvent, void, undefined>
  /**
   * The next live activity at `now` (unix seconds): usually one event (a new post, a like or a
   * comment) following the community structure; the sybil cluster now and then engages itself.
   */
  step(rng: Rng, now: number): SignedEvent[]
  /** The planned amplifications of the history (honest ones, and the sybils' big stakes on their own posts). */
  amplifications: DemoAmplification[]
  /** Base units each staker needs for its planned stakes. */
  fundsNeeded(): Map<string, bigint>
  /**
   * The planned amplifications as signed ledger stakes on the network `genesisId`, in each
   * staker's chain order. A staker's chain starts at seq 1 (prev = the genesis) unless `heads`
   * gives where it stands (Ledger.nextChainRef); `include` picks a subset. Publish them after the
   * stakers are funded, or they stay held (`overdraw`).
   */
  stakeEvents(genesisId: string, opts?: StakeOptions): SignedEvent[]
}

const HOUR = 3600
const DAY = 86400
const AMP = 100_000_000n

/** Weighted choice over `weights` (all ≥ 0, at least one > 0). */
function pickWeighted(rng: Rng, weights: number[], total?: number): number {
  const sum = total ?? weights.reduce((a, b) => a + b, 0)
  let x = rng.next() * sum
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!
    if (x < 0) return i
  }
  return weights.length - 1
}

function logUniform(rng: Rng, max: number): number {
  return Math.exp(rng.next() * Math.log(max))
}

/** Exponential delay with the given mean, in whole seconds. */
function delay(rng: Rng, mean: number): number {
  return Math.floor(-Math.log(1 - rng.next()) * mean)
}

function pickOf<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)]!
}

/**
 * A deterministic simulated community for the demo, tests and benchmarks: honest people in topic
 * communities who follow, post, like and comment mostly within their community (communities
 * emerge from who engages whom, and are named by the posts' `t` tags), and a small sybil cluster
 * that follows, likes, comments on and amplifies only itself while tagging its posts with an
 * honest community's topic. Nothing here touches the network or the clock: `now` and the seeds
 * are parameters.
 */
export function createDemoCommunity(input: DemoOptions): DemoCommunity {
  const options = {
    seed: input.seed,
    now: Math.floor(input.now),
    identities: input.identities ?? 200,
    communities: input.communities ?? DEFAULT_COMMUNITIES,
    sybils: input.sybils ?? 12,
    days: input.days ?? 4,
    relayUrl: input.relayUrl ?? LOCAL_RELAY_URL,
    postsPerIdentity: input.postsPerIdentity ?? 3,
    likesPerIdentity: input.likesPerIdentity ?? 7,
    commentsPerIdentity: input.commentsPerIdentity ?? 1,
    followsPerIdentity: input.followsPerIdentity ?? 10,
    amplifications: input.amplifications ?? 40,
    pow: { comment: input.pow?.comment ?? MIN_POW.comment, reaction: input.pow?.reaction ?? MIN_POW.reaction }
  }
  const crypto = input.crypto ?? pureDemoCrypto
  const tags = options.communities
  if (tags.length === 0) throw new RangeError("a demo needs at least one community")
  for (const t of tags) if (!/^[a-z0-9][a-z0-9-]*$/.test(t)) throw new RangeError(`community tags are lowercase words: ${t}`)
  if (!Number.isInteger(options.identities) || options.identities < 2) throw new RangeError("a demo needs at least two honest identities")
  const rng = createRng(options.seed)
  const T = options.now
  const span = options.days * DAY
  const N = options.identities
  const S = options.sybils
  const C = tags.length

  // --- people -----------------------------------------------------------------------------------
  const identities: DemoIdentity[] = []
  const usedNames = new Set<string>()
  const activity: number[] = []
  const popularity: number[] = []
  for (let i = 0; i < N + S; i++) {
    const sybil = i >= N
    let name = ""
    for (let tries = 0; tries < 20 && (!name || usedNames.has(name)); tries++) name = `${pickOf(rng, FIRST_NAMES)} ${pickOf(rng, LAST_NAMES)}`
    if (usedNames.has(name)) name = `${name} ${i}`
    usedNames.add(name)
    const main = i % C
    const second = !sybil && C > 1 && rng.next() < 0.3 ? (main + 1 + rng.int(C - 1)) % C : -1
    const secretKey = demoSecretKey(options.seed, i)
    identities.push({
      index: i,
      name: sybil ? name.replace(" ", "_").toLowerCase() + (100 + rng.int(900)) : name,
      secretKey,
      pubkey: demoPublicKey(secretKey),
      communities: sybil ? [] : second >= 0 ? [tags[main]!, tags[second]!] : [tags[main]!],
      sybil
    })
    const a = logUniform(rng, 25)
    activity.push(a)
    popularity.push(Math.sqrt(a) * logUniform(rng, 10))
  }
  const honest = identities.filter((p) => !p.sybil).map((p) => p.index)
  const sybils = identities.filter((p) => p.sybil).map((p) => p.index)
  const byTag = new Map(tags.map((t) => [t, honest.filter((i) => identities[i]!.communities.includes(t))]))
  const members = { get: (t: string): number[] => (byTag.get(t)?.length ? byTag.get(t)! : honest) }
  const mainOf = (i: number) => identities[i]!.communities[0]!
  const pickPerson = (pool: number[], weights: number[]) => pool[pickWeighted(rng, pool.map((i) => weights[i]!))]!

  const actions: Action[] = []
  const later: Action[] = []

  // --- relay lists and follows ------------------------------------------------------------------
  const followersOf: number[][] = identities.map(() => [])
  for (const i of [...honest, ...sybils]) {
    // The profile shares the relay list's time, so adding it drew nothing from the rng: every
    // other event of a seed is the same as before profiles existed.
    const at = T - span - DAY - rng.int(DAY)
    actions.push({ type: "relays", who: i, at }, { type: "profile", who: i, at })
  }
  for (const i of honest) {
    const want = Math.max(3, Math.round(options.followsPerIdentity * (0.4 + 0.6 * Math.sqrt(activity[i]! / 5))))
    const follows = new Set<number>()
    for (let tries = 0; follows.size < want && tries < want * 6; tries++) {
      const r = rng.next()
      const pool = r < 0.8 ? members.get(mainOf(i))! : r < 0.9 && identities[i]!.communities[1] ? members.get(identities[i]!.communities[1]!)! : honest
      const to = pickPerson(pool, popularity)
      if (to !== i) follows.add(to)
    }
    const list = [...follows]
    for (const to of list) followersOf[to]!.push(i)
    actions.push({ type: "follows", who: i, at: T - span - rng.int(DAY / 2), follows: list })
  }
  for (const i of sybils) {
    const list = sybils.filter((j) => j !== i)
    for (const to of list) followersOf[to]!.push(i)
    if (list.length > 0) actions.push({ type: "follows", who: i, at: T - 2 * DAY - rng.int(DAY), follows: list })
  }

  // --- posts ------------------------------------------------------------------------------------
  const articles = new ArticleSource()
  const posts: DemoPost[] = []
  const postsByTopic = new Map<string, DemoPost[]>(tags.map((t) => [t, []]))
  const amplified = new Set<string>() // author|url
  const makePost = (who: number, at: number, article: Article): Action => {
    const template = postTemplate(article, at)
    const post: DemoPost = { id: getEventHash({ ...template, pubkey: identities[who]!.pubkey }), author: who, pubkey: identities[who]!.pubkey, url: article.url, topic: article.topic, createdAt: at, title: article.title }
    amplified.add(`${who}|${article.url}`)
    posts.push(post)
    if (!identities[who]!.sybil) postsByTopic.get(article.topic)?.push(post)
    return { type: "post", who, at, post, article }
  }
  const articleOf = new Map<string, Article>()
  const postTimes = Array.from({ length: Math.round(N * options.postsPerIdentity) }, () => T - 60 - Math.floor(span * Math.pow(rng.next(), 1.4))).sort((a, b) => a - b)
  // Who posts what, in time order: a fresh link, or a re-amplification of a link someone else
  // posted earlier (the card gains an amplifier).
  const slots: { who: number; at: number; topic: string; root: number }[] = []
  const slotsByTopic = new Map<string, number[]>(tags.map((t) => [t, []]))
  const taken = new Set<string>() // who|root slot
  for (const at of postTimes) {
    const who = pickPerson(honest, activity)
    const topic = identities[who]!.communities[1] && rng.next() < 0.25 ? identities[who]!.communities[1]! : mainOf(who)
    const earlier = slotsByTopic.get(topic)!.filter((k) => slots[k]!.root === k && slots[k]!.at < at && slots[k]!.who !== who && !taken.has(`${who}|${k}`))
    const root = earlier.length > 0 && rng.next() < 0.22 ? earlier[pickWeighted(rng, earlier.map((k) => popularity[slots[k]!.who]!))]! : slots.length
    taken.add(`${who}|${root}`)
    slotsByTopic.get(topic)!.push(slots.length)
    slots.push({ who, at, topic, root })
  }
  // Fresh links get their headlines newest first, so the hand-written ones lead the Stream.
  const fresh = new Map<number, Article>()
  for (const k of slots.map((_, k) => k).filter((k) => slots[k]!.root === k).sort((a, b) => slots[b]!.at - slots[a]!.at || a - b)) {
    const article = articles.fresh(slots[k]!.topic, slots[k]!.at, rng)
    articleOf.set(article.url, article)
    fresh.set(k, article)
  }
  for (const slot of slots) actions.push(makePost(slot.who, slot.at, fresh.get(slot.root)!))
  for (const i of sybils) {
    for (let k = 0; k < 2; k++) {
      const at = T - 600 - rng.int(DAY)
      const article = articles.spam(tags[0]!, at, rng)
      articleOf.set(article.url, article)
      actions.push(makePost(i, at, article))
    }
  }

  // --- likes and comments -----------------------------------------------------------------------
  const honestPosts = posts.filter((p) => !identities[p.author]!.sybil)
  const sybilPosts = posts.filter((p) => identities[p.author]!.sybil)
  const engagement = new Map<string, number>(posts.map((p) => [p.id, 0]))
  const liked = new Set<string>() // who|post id
  const commentSlots = new Map<string, number[]>() // url → indexes into `later` of its comments
  const engagerFor = (post: DemoPost): number | undefined => {
    for (let tries = 0; tries < 12; tries++) {
      const r = rng.next()
      const followers = followersOf[post.author]!.filter((f) => !identities[f]!.sybil)
      const who = r < 0.5 && followers.length > 0 ? pickPerson(followers, activity) : r < 0.9 ? pickPerson(members.get(post.topic), activity) : pickPerson(honest, activity)
      if (who !== post.author) return who
    }
    return undefined
  }
  const pickPost = (pool: DemoPost[]) => pool[pickWeighted(rng, pool.map((p) => popularity[p.author]! * (1 + engagement.get(p.id)!)))]!
  const afterPost = (post: DemoPost, mean: number): number => {
    const at = post.createdAt + 30 + delay(rng, mean)
    return at <= T - 5 ? at : post.createdAt + 1 + rng.int(Math.max(1, T - 6 - post.createdAt))
  }
  const said = new Map<string, Set<string>>() // url → comment texts, so no thread repeats itself
  const unsaid = (url: string, pick: () => string): string => {
    const seen = said.get(url) ?? new Set<string>()
    let text = pick()
    for (let tries = 0; tries < 8 && seen.has(text); tries++) text = pick()
    seen.add(text)
    said.set(url, seen)
    return text
  }
  const topicComment = (topic: string) => {
    const own = topicFor(topic).comments
    return own.length > 0 && rng.next() < 0.6 ? pickOf(rng, own) : pickOf(rng, GENERIC_COMMENTS)
  }
  const likeContent = () => (rng.next() < 0.85 ? "+" : pickOf(rng, LIKE_EMOJI))

  if (honestPosts.length > 0) {
    for (let n = Math.round(N * options.likesPerIdentity); n > 0; n--) {
      const post = pickPost(honestPosts)
      const who = engagerFor(post)
      if (who === undefined || liked.has(`${who}|${post.id}`)) continue
      liked.add(`${who}|${post.id}`)
      engagement.set(post.id, engagement.get(post.id)! + 1)
      later.push({ type: "like", who, at: afterPost(post, 3 * HOUR), post, content: likeContent() })
    }
    for (let n = Math.round(N * options.commentsPerIdentity); n > 0; n--) {
      const post = pickPost(honestPosts)
      const who = engagerFor(post)
      if (who === undefined) continue
      engagement.set(post.id, engagement.get(post.id)! + 3)
      let at = afterPost(post, 5 * HOUR)
      const thread = commentSlots.get(post.url) ?? []
      const parentSlot = thread.length > 0 && rng.next() < 0.3 ? pickOf(rng, thread) : undefined
      const parent = parentSlot === undefined ? undefined : later[parentSlot]!
      if (parent && parent.who !== who && parent.at < T - 120) {
        at = Math.min(T - 5, parent.at + 60 + delay(rng, 2 * HOUR))
        later.push({ type: "comment", who, at, post, parent: parentSlot, text: unsaid(post.url, () => pickOf(rng, REPLIES)) })
      } else later.push({ type: "comment", who, at, post, text: unsaid(post.url, () => topicComment(post.topic)) })
      commentSlots.set(post.url, [...thread, later.length - 1])
    }
  }
  for (const i of sybils) {
    const others = sybilPosts.filter((p) => p.author !== i)
    for (let k = 0; k < 10 && others.length > 0; k++) {
      const post = pickOf(rng, others)
      if (liked.has(`${i}|${post.id}`)) continue
      liked.add(`${i}|${post.id}`)
      later.push({ type: "like", who: i, at: afterPost(post, HOUR), post, content: rng.next() < 0.5 ? "🔥" : "+" })
    }
    for (let k = 0; k < 3 && others.length > 0; k++) {
      const post = pickOf(rng, others)
      later.push({ type: "comment", who: i, at: afterPost(post, HOUR), post, text: unsaid(post.url, () => pickOf(rng, SPAM_COMMENTS)) })
    }
  }

  // --- amplifications (ledger stakes) -----------------------------------------------------------
  const amplifications: DemoAmplification[] = []
  const amounts = [1n, 2n, 5n, 5n, 10n, 10n, 20n, 25n, 50n]
  for (let n = 0; n < options.amplifications && honestPosts.length > 0; n++) {
    const staker = pickPerson(honest, activity)
    const pool = honestPosts.filter((p) => identities[staker]!.communities.includes(p.topic))
    const post = pickPost(pool.length > 0 ? pool : honestPosts)
    const createdAt = afterPost(post, 2 * HOUR)
    amplifications.push({ staker, pubkey: identities[staker]!.pubkey, post, amount: pickOf(rng, amounts) * AMP, createdAt, close: createdAt + 7 * DAY })
  }
  for (const post of sybilPosts) {
    const createdAt = post.createdAt + 60
    amplifications.push({ staker: post.author, pubkey: post.pubkey, post, amount: 500n * AMP, createdAt, close: createdAt + 7 * DAY })
  }
  amplifications.sort((a, b) => a.createdAt - b.createdAt || a.staker - b.staker)

  // --- the order of the history -----------------------------------------------------------------
  // Profiles first (a reader asks for an author's name when their first post arrives), then
  // bookmarks (what the Stream shows), then lists, then likes and comments; each group by time,
  // with stable sorts so a reply is planned after its parent (and dated after it).
  const group = (a: Action) => (a.type === "profile" ? 0 : a.type === "post" ? 1 : 2)
  const first = actions.map((a, i) => ({ a, i })).sort((x, y) => group(x.a) - group(y.a) || x.a.at - y.a.at || x.i - y.i)
  const second = later.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i)
  const plan: Action[] = [...first.map((x) => x.a), ...second.map((x) => x.a)]
  // Comment parents were indexes into `later`; make them indexes into the plan.
  const planIndexOfLater = new Map<number, number>()
  second.forEach((x, k) => planIndexOfLater.set(x.i, first.length + k))
  for (const a of plan) if (a.type === "comment" && a.parent !== undefined) a.parent = planIndexOfLater.get(a.parent)!

  // --- live state -------------------------------------------------------------------------------
  const commentIds = new Map<number, SignedEvent>() // plan index → signed comment
  const liveComments = new Map<string, { id: string; author: number }[]>() // url → comments with known ids

  const kindOf: Record<Action["type"], number> = { relays: KIND_RELAY_LIST, profile: KIND_METADATA, follows: KIND_CONTACT_LIST, post: KIND_WEB_BOOKMARK, like: KIND_REACTION, comment: KIND_COMMENT }

  function templateOf(a: Action, index: number): EventTemplate {
    switch (a.type) {
      case "relays":
        return relayListTemplate([{ url: options.relayUrl, read: true, write: true }], a.at)
      case "profile":
        return metadataTemplate({ name: identities[a.who]!.name }, a.at)
      case "follows":
        return contactListTemplate(a.follows.map((j) => ({ pubkey: identities[j]!.pubkey })), a.at)
      case "post":
        return postTemplate(a.article, a.at)
      case "like":
        return reactionTemplate({ id: a.post.id, author: a.post.pubkey, address: bookmarkAddress(a.post.pubkey, a.post.url) }, a.at, a.content)
      case "comment": {
        let parent: CommentParent = { kind: "39701", id: a.post.id, author: a.post.pubkey, address: bookmarkAddress(a.post.pubkey, a.post.url) }
        if (a.parent !== undefined) {
          const p = commentIds.get(a.parent)
          if (!p) throw new Error(`demo history: comment ${index} answers ${a.parent}, which is not signed yet`)
          parent = { kind: "1111", id: p.id, author: p.pubkey }
        }
        return commentTemplate({ url: a.post.url, parent, content: a.text, createdAt: a.at, relayHint: options.relayUrl })
      }
    }
  }

  function signAction(who: number, template: EventTemplate): SignedEvent {
    const id = identities[who]!
    const bits = template.kind === KIND_COMMENT ? options.pow.comment : template.kind === KIND_REACTION ? options.pow.reaction : 0
    const finished = bits > 0 ? crypto.mine(template, id.pubkey, bits) : template
    return crypto.sign(finished, id.secretKey)
  }

  function matches(event: SignedEvent, a: Action, template: EventTemplate): boolean {
    if (event.kind !== template.kind || event.pubkey !== identities[a.who]!.pubkey || event.created_at !== template.created_at || event.content !== template.content) return false
    const strip = (tags: string[][]) => JSON.stringify(tags.filter((t) => t[0] !== "nonce"))
    return strip(event.tags) === strip(template.tags)
  }

  function remember(a: Action, index: number, event: SignedEvent): void {
    if (a.type === "post" && event.id !== a.post.id) throw new Error(`demo history: bookmark ${index} signed to an unexpected id`)
    if (a.type === "comment") {
      commentIds.set(index, event)
      const list = liveComments.get(a.post.url) ?? []
      if (!list.some((c) => c.id === event.id)) list.push({ id: event.id, author: a.who })
      liveComments.set(a.post.url, list)
    }
  }

  function* history(opts: HistoryOptions = {}): Generator<SignedEvent, void, undefined> {
    for (let index = 0; index < plan.length; index++) {
      const a = plan[index]!
      const template = templateOf(a, index)
      const cached = opts.cached?.(index)
      const event = cached && matches(cached, a, template) ? cached : signAction(a.who, template)
      remember(a, index, event)
      yield event
    }
  }

  // --- live activity ----------------------------------------------------------------------------
  function step(live: Rng, now: number): SignedEvent[] {
    now = Math.floor(now)
    const r = live.next()
    if (sybils.length > 0 && r < 0.07) return sybilStep(live, now)
    if (r < 0.22 || honestPosts.length === 0) return [livePost(live, now)]
    const weights = honestPosts.map((p) => popularity[p.author]! * (1 + engagement.get(p.id)!) * Math.pow(2, -Math.max(0, now - p.createdAt) / (12 * HOUR)) + 1e-6)
    const post = honestPosts[pickWeighted(live, weights)]!
    let who: number | undefined
    for (let tries = 0; tries < 12 && who === undefined; tries++) {
      const f = followersOf[post.author]!.filter((x) => !identities[x]!.sybil)
      const x = live.next()
      const cand = x < 0.5 && f.length > 0 ? f[live.int(f.length)]! : x < 0.9 ? pickOf(live, members.get(post.topic)) : honest[live.int(honest.length)]!
      if (cand !== post.author && (r >= 0.75 || !liked.has(`${cand}|${post.id}`))) who = cand
    }
    if (who === undefined) return [livePost(live, now)]
    engagement.set(post.id, engagement.get(post.id)! + (r < 0.75 ? 1 : 3))
    const at = Math.max(now, post.createdAt + 1)
    if (r < 0.75) {
      liked.add(`${who}|${post.id}`)
      const content = live.next() < 0.85 ? "+" : LIKE_EMOJI[live.int(LIKE_EMOJI.length)]!
      return [signAction(who, reactionTemplate({ id: post.id, author: post.pubkey, address: bookmarkAddress(post.pubkey, post.url) }, at, content))]
    }
    return [liveComment(live, who, post, at, topicFor(post.topic).comments)]
  }

  function liveComment(live: Rng, who: number, post: DemoPost, at: number, bank: string[]): SignedEvent {
    const thread = (liveComments.get(post.url) ?? []).filter((c) => c.author !== who)
    let parent: CommentParent = { kind: "39701", id: post.id, author: post.pubkey, address: bookmarkAddress(post.pubkey, post.url) }
    let text: string
    const seen = said.get(post.url) ?? new Set<string>()
    const choose = (pool: string[]) => {
      let t = pool[live.int(pool.length)]!
      for (let tries = 0; tries < 8 && seen.has(t); tries++) t = pool[live.int(pool.length)]!
      return t
    }
    if (thread.length > 0 && live.next() < 0.3) {
      const p = thread[live.int(thread.length)]!
      parent = { kind: "1111", id: p.id, author: identities[p.author]!.pubkey }
      text = choose(identities[who]!.sybil ? SPAM_COMMENTS : REPLIES)
    } else {
      text = choose(bank.length > 0 && live.next() < 0.6 ? bank : identities[who]!.sybil ? SPAM_COMMENTS : GENERIC_COMMENTS)
    }
    seen.add(text)
    said.set(post.url, seen)
    const event = signAction(who, commentTemplate({ url: post.url, parent, content: text, createdAt: at, relayHint: options.relayUrl }))
    const list = liveComments.get(post.url) ?? []
    list.push({ id: event.id, author: who })
    liveComments.set(post.url, list)
    return event
  }

  function livePost(live: Rng, now: number): SignedEvent {
    const who = honest[pickWeighted(live, honest.map((i) => activity[i]!))]!
    const topic = identities[who]!.communities[1] && live.next() < 0.25 ? identities[who]!.communities[1]! : mainOf(who)
    // Often a re-amplification of a link of the last days that people engaged with.
    const recent = postsByTopic.get(topic)!.filter((p) => p.author !== who && now - p.createdAt < 3 * DAY && !amplified.has(`${who}|${p.url}`))
    const article =
      recent.length > 0 && live.next() < 0.4
        ? articleOf.get(recent[pickWeighted(live, recent.map((p) => 1 + engagement.get(p.id)!))]!.url)!
        : articles.fresh(topic, now, live)
    articleOf.set(article.url, article)
    const a = makePost(who, now, article) as Extract<Action, { type: "post" }>
    honestPosts.push(a.post)
    engagement.set(a.post.id, 0)
    return signAction(who, postTemplate(article, now))
  }

  function sybilStep(live: Rng, now: number): SignedEvent[] {
    const who = sybils[live.int(sybils.length)]!
    const others = sybilPosts.filter((p) => p.author !== who)
    const x = live.next()
    if (others.length === 0 || x < 0.15) {
      const article = articles.spam(tags[0]!, now, live)
      articleOf.set(article.url, article)
      const a = makePost(who, now, article) as Extract<Action, { type: "post" }>
      sybilPosts.push(a.post)
      return [signAction(who, postTemplate(article, now))]
    }
    const post = others[live.int(others.length)]!
    const at = Math.max(now, post.createdAt + 1)
    if (x < 0.7 && !liked.has(`${who}|${post.id}`)) {
      liked.add(`${who}|${post.id}`)
      return [signAction(who, reactionTemplate({ id: post.id, author: post.pubkey, address: bookmarkAddress(post.pubkey, post.url) }, at, "🔥"))]
    }
    return [liveComment(live, who, post, at, SPAM_COMMENTS)]
  }

  // --- ledger -----------------------------------------------------------------------------------
  function fundsNeeded(): Map<string, bigint> {
    const need = new Map<string, bigint>()
    for (const a of amplifications) need.set(a.pubkey, (need.get(a.pubkey) ?? 0n) + a.amount)
    return need
  }

  function stakeEvents(genesisId: string, opts: StakeOptions = {}): SignedEvent[] {
    const next = new Map<string, { seq: number; prev: string }>()
    const out: SignedEvent[] = []
    for (const a of amplifications) {
      if (opts.include && !opts.include(a)) continue
      const head = next.get(a.pubkey) ?? opts.heads?.get(a.pubkey) ?? { seq: 1, prev: genesisId }
      const t = stakeTemplate({ net: genesisId, seq: head.seq, prev: head.prev, amount: a.amount, creator: a.post.pubkey, url: a.post.url, post: a.post.id, close: a.close, createdAt: a.createdAt })
      const event = crypto.sign(t, identities[a.staker]!.secretKey)
      next.set(a.pubkey, { seq: head.seq + 1, prev: event.id })
      out.push(event)
    }
    return out
  }

  return {
    options: { ...options },
    identities,
    communities: [...tags],
    posts,
    historyLength: plan.length,
    historyCounts() {
      const counts: Record<number, number> = {}
      for (const a of plan) counts[kindOf[a.type]] = (counts[kindOf[a.type]] ?? 0) + 1
      return counts
    },
    history,
    step,
    amplifications,
    fundsNeeded,
    stakeEvents
  }
}

/** The bookmark of an article: the NIP-B0 template (shared/posts) with the community's `t` tag. */
function postTemplate(article: Article, at: number): EventTemplate {
  const t = linkPostTemplate(article.url, { title: article.title, description: article.description, siteName: article.siteName, image: "" }, at)
  return { ...t, tags: [...t.tags, ["t", article.topic]] }
}
