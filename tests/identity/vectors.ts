/** The test vector of NIP-49 itself (also in nostr-tools' nip49 tests): logN 16, passphrase "nostr". */
export const NIP49_VECTOR = {
  ncryptsec: "ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p",
  passphrase: "nostr",
  secretKeyHex: "3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683",
  logN: 16
}
