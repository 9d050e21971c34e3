import fc from "fast-check"
import { describe, expect, it } from "vitest"

import { loadKernel } from "../../shared/engine/kernel/load-kernel"
import { createTsKernel } from "../../shared/engine/kernel/ts-kernel"
import { compileKernelModule, loadWasmKernel } from "../support/wasm-kernel"

const REL_TOL = 1e-12

function closeEnough(a: number, b: number): boolean {
  if (a === b) return true
  return Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b))
}

const post = fc.record({
  createdAt: fc.double({ min: 1.6e9, max: 1.9e9, noNaN: true }),
  amps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2e9, noNaN: true }))
})

describe("scoreLinkPosts: WASM and TypeScript agree", () => {
  for (const variant of ["wasm", "wasm-simd"] as const) {
    it(`${variant} matches the TypeScript twin on random posts`, async () => {
      const wasm = await loadWasmKernel(variant)
      const ts = createTsKernel()
      fc.assert(
        fc.property(fc.array(post, { maxLength: 200 }), fc.double({ min: 1.6e9, max: 1.9e9, noNaN: true }), (posts, now) => {
          const createdAt = Float64Array.from(posts, (p) => p.createdAt)
          const amps = Float64Array.from(posts, (p) => p.amps)
          const a = wasm.scoreLinkPosts(createdAt, amps, now)
          const b = ts.scoreLinkPosts(createdAt, amps, now)
          expect(a.length).toBe(b.length)
          for (let i = 0; i < a.length; i++) expect(closeEnough(a[i]!, b[i]!), `post ${i}: ${a[i]} vs ${b[i]}`).toBe(true)
        }),
        { numRuns: 300 }
      )
    })
  }

  it("ranks newer and more amplified posts higher, and never rewards a future timestamp", () => {
    const k = createTsKernel()
    const now = 1_800_000_000
    const [old, fresh, amplified, future] = k.scoreLinkPosts(
      Float64Array.of(now - 48 * 3600, now - 60, now - 48 * 3600, now + 10 * 3600),
      Float64Array.of(0, 0, 10, 0),
      now
    )
    expect(fresh).toBeGreaterThan(old!)
    expect(amplified).toBeGreaterThan(old!)
    expect(future).toBeLessThanOrEqual(1)
  })
})

describe("loadKernel", () => {
  it("uses WASM when it compiles", async () => {
    const k = await loadKernel({ compile: async (v) => compileKernelModule(v), warn: () => {}, prefer: "wasm" })
    expect(k.impl).toBe("wasm")
  })

  it("falls back to the TypeScript twin, and says so, when WASM fails to load", async () => {
    const warnings: string[] = []
    const k = await loadKernel({
      compile: async () => {
        throw new WebAssembly.CompileError("refused by CSP")
      },
      warn: (m) => warnings.push(m)
    })
    expect(k.impl).toBe("ts")
    expect(warnings.join("\n")).toMatch(/TypeScript kernel/)
    expect(k.scoreLinkPosts(Float64Array.of(0), Float64Array.of(0), 0)[0]).toBe(1)
  })
})
