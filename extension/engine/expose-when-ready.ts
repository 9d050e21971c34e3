/**
 * Comlink must expose an object as soon as the worker starts, but the engine exists only once
 * the kernel has compiled. This proxy answers every method call by waiting for the engine, so
 * callers never race the kernel's start-up.
 */
export function exposeWhenReady<T extends object>(ready: Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === "then") return undefined // not a thenable: Comlink would otherwise await it
      return async (...args: unknown[]) => {
        const api = await ready
        const fn = (api as Record<PropertyKey, unknown>)[prop]
        if (typeof fn !== "function") throw new TypeError(`The engine has no method ${String(prop)}`)
        return fn.apply(api, args)
      }
    }
  })
}
