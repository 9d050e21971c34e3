/**
 * The embedded local relay: `npm run relay`, `npm start` and the demo listen here, and development
 * builds of the extension include it in their default relay list. Loopback only.
 */
export const LOCAL_RELAY_PORT = 7777
export const LOCAL_RELAY_URL = `ws://127.0.0.1:${LOCAL_RELAY_PORT}`
