/**
 * Runs tasks one at a time, in arrival order. The relay takes it around every store write and
 * every stored-event query, so "is this event deleted?" and "store it" cannot interleave with a
 * deletion, and a REQ's stored results and its live subscription have no gap between them.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task)
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every task queued so far has finished. */
  drain(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
