/* Freestanding stand-in for the declarations libsecp256k1 includes; definitions in ../shim.c. */
#pragma once
#include <stddef.h>
void *malloc(size_t n);
void free(void *p);
void *realloc(void *p, size_t n);
void abort(void) __attribute__((noreturn));
