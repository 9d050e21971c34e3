import { IdentityError, KeyLockedError } from "../../../../shared/identity/errors"
import {
  backupIdentity,
  changeLockPassphrase,
  confirmBackup,
  createIdentity,
  identityStatus,
  importIdentity,
  lockKeyNow,
  removeKeyLock,
  setKeyLock,
  unlockKey,
  useSigner,
  type IdentityStatus
} from "../../../../shared/messages/catalog"
import { route, type Route } from "../../messaging/background-router"
import type { Identity } from "./identity-service"

type Failure = { ok: false; code: string; message: string }

/** Expected failures become answers with a code; anything else falls through to the router's generic one. */
async function answer<T extends object>(work: () => Promise<T>): Promise<({ ok: true } & T) | Failure> {
  try {
    return { ok: true, ...(await work()) }
  } catch (err) {
    if (err instanceof IdentityError || err instanceof KeyLockedError) return { ok: false, code: err.code, message: err.message }
    throw err
  }
}

const withStatus = (work: () => Promise<IdentityStatus>) => answer(async () => ({ status: await work() }))

/** The identity feature's messages (declared in shared/messages/catalog.ts). */
export function identityRoutes(identity: Identity): Route[] {
  return [
    route(identityStatus, () => withStatus(() => identity.status())),
    route(createIdentity, (req) => withStatus(() => identity.create(req.replacing))),
    route(importIdentity, (req) => withStatus(() => identity.import(req.secret, req.passphrase, req.replacing))),
    route(backupIdentity, (req) => answer(() => identity.backup(req.format === "nsec" ? { format: "nsec" } : { format: "ncryptsec", passphrase: req.passphrase }))),
    route(confirmBackup, (req) => withStatus(() => identity.confirmBackup(req.pubkey, req.format))),
    route(setKeyLock, (req) => withStatus(() => identity.setLock(req.passphrase))),
    route(unlockKey, (req) => withStatus(() => identity.unlock(req.passphrase))),
    route(lockKeyNow, () => withStatus(() => identity.lockNow())),
    route(changeLockPassphrase, (req) => withStatus(() => identity.changePassphrase(req.current, req.next))),
    route(removeKeyLock, (req) => withStatus(() => identity.removeLock(req.passphrase))),
    route(useSigner, (req) => withStatus(() => identity.useSigner(req)))
  ]
}
