/* alloc.c: allocation wrappers with overflow checks and a test-only failure hook. */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef ASLDOT_TESTING
static unsigned long fail_countdown; /* test-only; never set in production builds */
void asldot_alloc_fail_after(unsigned long n)
{
    fail_countdown = n;
}
int asldot_alloc_fail_pending(void)
{
    return fail_countdown != 0;
}
static int should_fail(void)
{
    if (fail_countdown == 0)
        return 0;
    return --fail_countdown == 0;
}
int asldot_alloc_should_fail(void)
{
    return should_fail();
}
#else
#define should_fail() 0
#endif

void *asldot_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *asldot_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    if (n == 0 || size == 0)
        return calloc(1, 1);
    return calloc(n, size);
}

void *asldot_realloc_array(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return realloc(p, (n != 0 && size != 0) ? n * size : 1);
}

void *asldot_grow(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
    size_t want;
    void *grown;
    if (count < *cap && items != NULL)
        return items;
    if (*cap > SIZE_MAX / 2)
        return NULL;
    want = *cap ? *cap * 2 : (first ? first : 1);
    grown = asldot_realloc_array(items, want, size);
    if (grown != NULL)
        *cap = want;
    return grown;
}

void asldot_free(void *p)
{
    free(p);
}

char *asldot_strndup(const char *s, size_t n)
{
    char *d;
    if (n == SIZE_MAX)
        return NULL;
    d = asldot_malloc(n + 1);
    if (d == NULL)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
