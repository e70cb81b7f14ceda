/* alloc.h: every allocation of libasldot goes through here (overflow checks, test-only failure
 * hook). */
#ifndef ASLDOT_ALLOC_H
#define ASLDOT_ALLOC_H
#include <stddef.h>

/** Returns n bytes or NULL. */
void *asldot_malloc(size_t n);
/** Returns n*size zeroed bytes, or NULL (also on overflow). */
void *asldot_calloc(size_t n, size_t size);
/** Returns p resized to n*size bytes, or NULL on failure or overflow (p is then untouched). */
void *asldot_realloc_array(void *p, size_t n, size_t size);
/**
 * Makes room for one more element in a growable array of *cap elements holding count: returns
 * items itself while there is room, else items resized to twice *cap (or first) elements, with
 * *cap updated. Returns NULL on failure, leaving items and *cap untouched.
 */
void *asldot_grow(void *items, size_t *cap, size_t count, size_t size, size_t first);
void asldot_free(void *p);
/** Returns a NUL-terminated copy of s[0..n) or NULL. */
char *asldot_strndup(const char *s, size_t n);

#ifdef ASLDOT_TESTING
/** Test-only: make the n-th allocation from now fail (0 disables). */
void asldot_alloc_fail_after(unsigned long n);
/** Test-only: 1 while the failure asked for has not happened yet, else 0. */
int asldot_alloc_fail_pending(void);
/** Test-only: counts an allocation served from memory already held (an arena's block) as one
 * allocation; returns 1 when it is the one to fail. */
int asldot_alloc_should_fail(void);
#endif
#endif
