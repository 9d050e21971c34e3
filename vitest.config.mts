import { defineConfig } from "vitest/config"

// Two projects: `unit` runs in Node (fake-indexeddb, in-memory fake browser, real relay on
// loopback); `e2e` drives real Chromium with the built extension and runs files one at a time.
export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/closing-line-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          environment: "node",
          // Before any test module imports Dexie, which looks up indexedDB when it loads.
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 30_000,
          hookTimeout: 30_000
        }
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      }
    ]
  }
})
