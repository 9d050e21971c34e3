/**
 * The demo community: a deterministic, seeded simulation of people using Synereo Stream (topic
 * communities, follows, link posts, likes, comments, relay lists, planned amplifications, and a
 * sybil cluster), producing real signed Nostr events. Pure: no network, no clock, no file system;
 * scripts/demo/ publishes it to a relay. See README "The demo community".
 */
export { createDemoCommunity, DEFAULT_COMMUNITIES } from "./community"
export type { DemoAmplification, DemoCommunity, DemoIdentity, DemoOptions, DemoPost, HistoryOptions, StakeOptions } from "./community"
export { demoPublicKey, demoSecretKey, pureDemoCrypto } from "./crypto"
export type { DemoCrypto } from "./crypto"
export { mineTemplate } from "./miner"
export { ArticleSource, slugify, topicFor } from "./articles"
export type { Article } from "./articles"
export { TOPICS } from "./catalog"
export type { Headline, Site, Topic } from "./catalog"
export { createRng, type Rng } from "../engine/sim/rng"
