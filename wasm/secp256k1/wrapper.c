/*
 * The exports shared/sync/verify/secp-wasm.ts drives: libsecp256k1 0.2.0 built into this one
 * translation unit (its own recommended single-file build), verify-only. Names are readable and
 * only numbers cross the boundary: byte offsets into the exported memory, lengths, 0/1 verdicts.
 * Built by scripts/secp/build.ts; see README.md beside this file.
 */
#include "secp256k1.c"

#if !defined(ENABLE_MODULE_EXTRAKEYS) || !defined(ENABLE_MODULE_SCHNORRSIG)
#error "build with -DENABLE_MODULE_EXTRAKEYS -DENABLE_MODULE_SCHNORRSIG"
#endif

/* The glue reserves these sizes itself (SHA256_STATE_BYTES, XONLY_PUBKEY_BYTES): a source update
 * that changes them must fail here, not corrupt memory there. */
_Static_assert(sizeof(secp256k1_sha256) == 104, "secp256k1_sha256 is 104 bytes on wasm32");
_Static_assert(sizeof(secp256k1_xonly_pubkey) == 64, "secp256k1_xonly_pubkey is 64 bytes");

#define EXPORT(name) __attribute__((export_name(name)))

/* The hasher is libsecp256k1's internal SHA-256 (not public API in 0.2.0): the NIP-01 event id
 * is hashed in WASM too, so the serialisation is the only thing JS hands over per event. */
EXPORT("sha256_initialize") void wasm_sha256_initialize(secp256k1_sha256 *hash) {
    secp256k1_sha256_initialize(hash);
}
EXPORT("sha256_write") void wasm_sha256_write(secp256k1_sha256 *hash, const unsigned char *data, size_t len) {
    secp256k1_sha256_write(hash, data, len);
}
EXPORT("sha256_finalize") void wasm_sha256_finalize(secp256k1_sha256 *hash, unsigned char *out32) {
    secp256k1_sha256_finalize(hash, out32);
}

/* Verification needs no context of its own since 0.2.0 (its tables are static): the static
 * context, after the library's self-test (a failure traps), rather than secp256k1_context_create,
 * which would link the signing table and blinding we never use. */
EXPORT("context_verify") const secp256k1_context *wasm_context_verify(void) {
    secp256k1_selftest();
    return secp256k1_context_static;
}

EXPORT("xonly_pubkey_parse") int wasm_xonly_pubkey_parse(const secp256k1_context *ctx, secp256k1_xonly_pubkey *pubkey, const unsigned char *input32) {
    return secp256k1_xonly_pubkey_parse(ctx, pubkey, input32);
}

EXPORT("schnorrsig_verify") int wasm_schnorrsig_verify(const secp256k1_context *ctx, const unsigned char *sig64, const unsigned char *msg, size_t msglen, const secp256k1_xonly_pubkey *pubkey) {
    return secp256k1_schnorrsig_verify(ctx, sig64, msg, msglen, pubkey);
}
