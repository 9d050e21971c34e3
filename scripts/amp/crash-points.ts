// Fault injection for the crash tests (tests/amp-cli/seed-003.test.ts): when the environment names
// a point, the process kills itself there with SIGKILL, as an operator's `kill -9` or a power cut
// would, with no chance to clean up. Unset in normal use.
export const CRASH_ENV = "SYNEREO_AMP_CRASH_AT"

export function crashPoint(env: Record<string, string | undefined>, name: string): void {
  if (env[CRASH_ENV] !== name) return
  process.kill(process.pid, "SIGKILL")
  // Not one more instruction of the command may run while the signal is being delivered.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000)
}
