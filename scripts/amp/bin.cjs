#!/usr/bin/env node
// `synereo` / `node scripts/amp/bin.cjs <command>`: the AMP CLI without a build step. tsx's
// require hook compiles the TypeScript on the fly, in this one process (no child process that
// could outlive a killed parent, as in seed 003).
require("tsx/cjs")
const { runAmp } = require("./index.ts")

runAmp(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err)
    process.exit(1)
  }
)
