import type { GraphDelta } from "../engine-api"
import type { EngagementKind } from "../model/constants"
import { BASE_UNITS_PER_AMP } from "../model/constants"
import { createRng, type Rng } from "./rng"

export interface NetworkOptions {
  seed: number
  honest: number
  communities: string[]
  sybils: number
  /** Honest identities who engaged once with a sybil post (sybils' only way in). */
  attackEdges: number
  /** Engagements per honest identity; a fifth of them cross community lines. */
  engagementsPerHonest: number
  followsPerHonest: number
  engagementsPerSybil: number
  now: number
}

export const DEFAULT_NETWORK: NetworkOptions = {
  seed: 2015,
  honest: 2000,
  communities: ["cooking", "cycling", "jazz", "chess", "gardening"],
  sybils: 500,
  attackEdges: 5,
  engagementsPerHonest: 20,
  followsPerHonest: 6,
  engagementsPerSybil: 30,
  now: 1_800_000_000
}

export interface SimIdentity {
  pubkey: string
  sybil: boolean
  /** Community index for honest identities, -1 for sybils. */
  community: number
}

export interface SimNetwork {
  options: NetworkOptions
  identities: SimIdentity[]
  /** Posts first, then follows, engagements and amplifications: the order a client syncs them. */
  deltas: GraphDelta[]
  /** Post ids by author index. */
  postsBy: string[][]
}

function pubkey(rng: Rng): string {
  let s = ""
  for (let i = 0; i < 8; i++) s += Math.floor(rng.next() * 2 ** 32).toString(16).padStart(8, "0")
  return s
}

/** A kind mix close to what a feed records: mostly views and likes, few shares, rare comments. */
function kind(rng: Rng): EngagementKind {
  const x = rng.next()
  return x < 0.5 ? "view" : x < 0.85 ? "like" : x < 0.95 ? "share" : "comment"
}

/** Popularity inside a group: the i-th member is picked with probability ~ 1 / (i + 1). */
function popular(rng: Rng, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(rng.next() * Math.log(size + 1))) - 1)
}

/**
 * A deterministic network: honest identities in communities named by topic, who mostly engage
 * within their community and follow a few popular members; and a sybil cluster of fresh identities
 * who only engage each other (and follow honest ones, which earns them nothing), post under an
 * honest topic and amplify their own posts heavily. A handful of honest identities engaged once
 * with a sybil post: the attack edges.
 */
export function generateNetwork(opts: NetworkOptions = DEFAULT_NETWORK): SimNetwork {
  const rng = createRng(opts.seed)
  const C = opts.communities.length
  const identities: SimIdentity[] = []
  for (let i = 0; i < opts.honest; i++) identities.push({ pubkey: pubkey(rng), sybil: false, community: i % C })
  for (let i = 0; i < opts.sybils; i++) identities.push({ pubkey: pubkey(rng), sybil: true, community: -1 })
  const members: number[][] = opts.communities.map((_, c) => identities.flatMap((p, i) => (p.community === c ? [i] : [])))
  const sybils = identities.flatMap((p, i) => (p.sybil ? [i] : []))
  const honest = identities.flatMap((p, i) => (p.sybil ? [] : [i]))
  const day = 86400
  const posts: GraphDelta[] = []
  const postsBy: string[][] = identities.map(() => [])
  const addPost = (author: number, tags: string[], age: number) => {
    const id = `post-${author}-${postsBy[author]!.length}`
    postsBy[author]!.push(id)
    posts.push({ type: "post", id, author: identities[author]!.pubkey, createdAt: opts.now - age, tags })
  }
  for (const i of honest) {
    const count = rng.int(3)
    for (let j = 0; j < count; j++) addPost(i, [opts.communities[identities[i]!.community]!], rng.next() * 2 * day)
  }
  for (const i of sybils) addPost(i, [opts.communities[0]!], rng.next() * 2 * day)

  const links: GraphDelta[] = []
  const engage = (from: number, to: number, at: number, k: EngagementKind = kind(rng)) => {
    const theirs = postsBy[to]!
    const post = theirs.length > 0 ? theirs[rng.int(theirs.length)] : undefined
    links.push({ type: "engagement", from: identities[from]!.pubkey, to: identities[to]!.pubkey, kind: k, at, ...(post ? { post } : {}) })
  }
  for (const i of honest) {
    const own = members[identities[i]!.community]!
    for (let j = 0; j < opts.followsPerHonest; j++) {
      const to = own[popular(rng, own.length)]!
      if (to !== i) links.push({ type: "follow", from: identities[i]!.pubkey, to: identities[to]!.pubkey, at: opts.now - 30 * day * rng.next(), on: true })
    }
    for (let j = 0; j < opts.engagementsPerHonest; j++) {
      const group = rng.next() < 0.8 ? own : members[rng.int(C)]!
      const to = group[popular(rng, group.length)]!
      if (to !== i) engage(i, to, opts.now - 30 * day * rng.next())
    }
  }
  for (const i of sybils) {
    for (let j = 0; j < opts.engagementsPerSybil; j++) {
      const to = sybils[rng.int(sybils.length)]!
      if (to !== i) engage(i, to, opts.now - day * rng.next(), "comment")
    }
    const h = honest[rng.int(honest.length)]!
    links.push({ type: "follow", from: identities[i]!.pubkey, to: identities[h]!.pubkey, at: opts.now - day, on: true })
  }
  // Attack edges come from the least connected honest identities: the realistic, careless kind.
  for (let a = 0; a < opts.attackEdges; a++) {
    const from = honest[honest.length - 1 - a]!
    engage(from, sybils[rng.int(sybils.length)]!, opts.now - day * rng.next(), "like")
  }
  const amps: GraphDelta[] = []
  for (const i of sybils) {
    for (const post of postsBy[i]!) {
      amps.push({ type: "amplification", post, amplifier: identities[i]!.pubkey, amount: 1000n * BASE_UNITS_PER_AMP, at: opts.now - 3600 })
    }
  }
  return { options: opts, identities, deltas: [...posts, ...links, ...amps], postsBy }
}
