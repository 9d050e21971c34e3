/*
 * The little of libc that libsecp256k1 needs, freestanding, so the module imports nothing:
 * a bump allocator for the glue's scratch buffers (allocated once, never freed; the library
 * itself does not allocate on the verify path), memory.copy/memory.fill for the string
 * functions, and traps where the library would print and abort.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern unsigned char __heap_base;
static uintptr_t heap_top = (uintptr_t)&__heap_base;

/* 16-byte aligned; grows the memory as needed; traps when it cannot (the glue asks for < 1 MiB). */
__attribute__((export_name("malloc"))) void *malloc(size_t n) {
    uintptr_t at = (heap_top + 15) & ~(uintptr_t)15;
    uintptr_t end = at + n;
    size_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end < at) __builtin_trap();
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1) __builtin_trap();
    heap_top = end;
    return (void *)at;
}

/* With -mbulk-memory these builtins compile to single instructions, never back into calls here. */
void *memcpy(void *dst, const void *src, size_t n) { return __builtin_memcpy(dst, src, n); }
void *memmove(void *dst, const void *src, size_t n) { return __builtin_memmove(dst, src, n); }
void *memset(void *dst, int c, size_t n) { return __builtin_memset(dst, c, n); }
int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}

/* USE_EXTERNAL_DEFAULT_CALLBACKS: libsecp256k1 calls these for an illegal argument (a glue bug)
 * or a failed internal check; the default ones print to stderr first. A trap reaches JS as a
 * RuntimeError, which the verifier turns into a refusal. */
void secp256k1_default_illegal_callback_fn(const char *message, void *data) { (void)message; (void)data; __builtin_trap(); }
void secp256k1_default_error_callback_fn(const char *message, void *data) { (void)message; (void)data; __builtin_trap(); }
