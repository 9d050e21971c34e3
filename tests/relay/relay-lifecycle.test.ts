import { spawn } from "node:child_process"
import { createServer } from "node:net"
import { resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { isLoopbackHost, startRelay } from "../../relay"
import { tempDataDir } from "./relay-fixture"
import { newAuthor, RelayTestClient } from "./relay-test-client"

const PROJECT_ROOT = resolve(__dirname, "..", "..")

describe("starting and stopping the relay", () => {
  it.each(["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"])("treats %s as loopback", host => {
    expect(isLoopbackHost(host)).toBe(true)
  })

  it.each(["0.0.0.0", "::", "192.168.1.10", "example.com", "128.0.0.1"])("treats %s as not loopback", host => {
    expect(isLoopbackHost(host)).toBe(false)
  })

  it("refuses to bind beyond loopback unless asked explicitly", async () => {
    await expect(startRelay({ host: "0.0.0.0", inMemory: true })).rejects.toThrow(/not a loopback address/)
  })

  it("rejects a port that is taken and leaves nothing open", async () => {
    const blocker = createServer()
    await new Promise<void>(done => blocker.listen(0, "127.0.0.1", done))
    const port = (blocker.address() as { port: number }).port
    try {
      await expect(startRelay({ port, inMemory: true })).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await new Promise(done => blocker.close(done))
    }
  })

  it("closes connected clients with 1001, releases the port, and closes twice harmlessly", async () => {
    const relay = await startRelay({ inMemory: true })
    const client = await RelayTestClient.connect(relay.url)
    await client.query({ kinds: [1] }, "open")
    expect(relay.stats()).toMatchObject({ connections: 1, subscriptions: 1 })
    const code = new Promise<number>(done => client.socket.once("close", c => done(c)))

    await Promise.all([relay.close(), relay.close()])
    expect(await code).toBe(1001)
    const again = await startRelay({ port: relay.port, inMemory: true })
    await again.close()
  })

  it("runs as `npm run relay`: prints its URL, serves, and exits 0 on SIGTERM", async () => {
    const data = tempDataDir()
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/relay.ts", "--port", "0", "--data-dir", data.dir], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"]
    })
    try {
      let output = ""
      const url = await new Promise<string>((done, fail) => {
        child.stdout.on("data", chunk => {
          output += chunk
          const match = /ws:\/\/127\.0\.0\.1:\d+/.exec(output)
          if (match) done(match[0])
        })
        child.once("exit", code => fail(new Error(`exited ${code} before listening: ${output}`)))
      })
      const client = await RelayTestClient.connect(url)
      expect((await client.publish(newAuthor().sign({ content: "via cli" })))[2]).toBe(true)
      await client.close()

      const exitCode = new Promise<number | null>(done => child.once("exit", code => done(code)))
      child.kill("SIGTERM")
      expect(await exitCode).toBe(0)
      expect(output).toMatch(/relay stopped \(SIGTERM\)/)
    } finally {
      child.kill("SIGKILL")
      data.remove()
    }
  })
})
