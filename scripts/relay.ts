import { parseArgs } from "node:util"
import { DEFAULT_DATA_DIR, DEFAULT_HOST, startRelay } from "../relay"
import { LOCAL_RELAY_PORT } from "../shared/network/local-relay"

const DEFAULT_PORT = LOCAL_RELAY_PORT

const USAGE = `Synereo Stream embedded Nostr relay (NIP-01, NIP-09, NIP-40)

Usage: npm run relay -- [options]

  --port <n>        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir <dir>  where relay.sqlite lives (default ${DEFAULT_DATA_DIR})
  --in-memory       keep nothing on disk
  --host <addr>     address to bind (default ${DEFAULT_HOST}); giving it is the only way to bind
                    beyond loopback, because the relay has no authentication
  --help            show this text
`

async function main(): Promise<void> {
  let args
  try {
    args = parseArgs({
      options: {
        port: { type: "string" },
        "data-dir": { type: "string" },
        "in-memory": { type: "boolean" },
        host: { type: "string" },
        help: { type: "boolean", short: "h" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return fail((error as Error).message)
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const port = args.port === undefined ? DEFAULT_PORT : Number(args.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0-65535, got ${args.port}`)

  const relay = await startRelay({
    port,
    host: args.host ?? DEFAULT_HOST,
    // Only an explicit --host may leave loopback; never an environment variable or a default.
    allowNonLoopback: args.host !== undefined,
    dataDir: args["data-dir"],
    inMemory: args["in-memory"] ?? false,
    logger: {
      info: () => undefined,
      warn: message => console.warn(message),
      error: (message, ...rest) => console.error(message, ...rest)
    }
  })
  console.log(`relay listening on ${relay.url}`)
  console.log(`storage: ${relay.storage}`)

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    const { eventsAccepted, storedEvents } = relay.stats()
    relay.close().then(
      () => console.log(`relay stopped (${signal}); accepted ${eventsAccepted} events this run, ${storedEvents} stored`),
      error => {
        console.error("relay did not close cleanly", error)
        process.exitCode = 1
      }
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

function fail(message: string): void {
  console.error(`${message}\n\n${USAGE}`)
  process.exitCode = 2
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
