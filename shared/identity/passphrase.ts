/**
 * Rules for passphrases Synereo asks a person to choose (lock and encrypted backup). Unlocking and
 * importing accept whatever was chosen elsewhere; only new passphrases are checked.
 */
export const MIN_PASSPHRASE_LENGTH = 8
export const MAX_PASSPHRASE_LENGTH = 1024

/** A sentence saying what is wrong with a new passphrase, or undefined when it is acceptable. */
export function newPassphraseProblem(passphrase: string, confirmation?: string): string | undefined {
  if ([...passphrase.normalize("NFKC")].length < MIN_PASSPHRASE_LENGTH) {
    return `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words are easier to remember and harder to guess.`
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) return `Use at most ${MAX_PASSPHRASE_LENGTH} characters.`
  if (passphrase.trim() !== passphrase) return "The passphrase starts or ends with a space; remove it, it is too easy to forget."
  if (confirmation !== undefined && confirmation !== passphrase) return "The two passphrases differ."
  return undefined
}
