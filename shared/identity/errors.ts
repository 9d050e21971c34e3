/** What signing says while the key is locked; the amplify flow shows it to the person as is. */
export const KEY_LOCKED_MESSAGE = "Your key is locked — unlock it in Settings."

export class KeyLockedError extends Error {
  readonly code = "key-locked"
  constructor() {
    super(KEY_LOCKED_MESSAGE)
    this.name = "KeyLockedError"
  }
}

/** A failure of an identity operation, with a code the Settings page can act on and a sentence for the person. */
export class IdentityError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = "IdentityError"
  }
}
