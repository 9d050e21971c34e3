// Flag bits shared by the kernel (wasm/assembly/rank.ts) and its callers.
export const NODE_FRIEND = 1
export const NODE_IN_CHOSEN_COMMUNITY = 2
export const NODE_BLOCKED = 4

export const ALLOW_FRIENDS = 1
export const ALLOW_COMMUNITIES = 2
export const ALLOW_TOPICS = 4
export const ALLOW_EVERYONE = 8

export const POST_TOPIC_MATCH = 1

/** Index returned when a post or amplification does not fit. */
export const NONE = 0xffffffff
