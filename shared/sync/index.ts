// The sync core (docs/PROTOCOL.md Part 1): pure TypeScript, dependencies injected.
export * from "./types"
export * from "./verifier"
export * from "./gate"
export * from "./outbox"
export * from "./relay-plan"
export * from "./store"
export * from "./sync-core"
export * from "./ledger-feed"
