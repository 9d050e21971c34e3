// One distribution process per journal. Seed 003's double payment began with a script that was
// believed dead while it kept publishing; a second run must refuse while the first is alive.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs"

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" // exists, owned by someone else
  }
}

/** Takes `${journal}.lock` (holding our pid); a lock left by a dead process is taken over. */
export function acquireLock(journalPath: string): () => void {
  const path = `${journalPath}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err
      const pid = Number(readFileSync(path, "utf8").trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`another distribution (pid ${pid}) is running on ${journalPath}; wait for it or stop it before running again`)
      }
      rmSync(path, { force: true }) // left by a process that died (e.g. killed): take it over
    }
  }
  throw new Error(`cannot take the lock ${path}`)
}
