import type { Reporter, TestModule } from "vitest/node"

/**
 * Prints one plain closing line, `<project>: N passed, N failed, N skipped`, after vitest's own
 * summary, so a CI log reader that does not know vitest still sees how many tests ran.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 }
    const projects = new Set<string>()
    for (const m of modules) {
      projects.add(m.project.name)
      for (const t of m.children.allTests()) {
        const state = t.result().state
        if (state === "passed") count.passed++
        else if (state === "failed") count.failed++
        else count.skipped++
      }
    }
    const label = [...projects].join("+") || "tests"
    process.stdout.write(`\n${label}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`)
  }
}
