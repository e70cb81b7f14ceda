/* arena.c: a chain of blocks; allocations are never freed one by one. */
#include "arena.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARENA_ALIGN      16u
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} block;

struct asldot_arena {
    block *head;
};

asldot_arena *asldot_arena_new(void)
{
    return asldot_calloc(1, sizeof(asldot_arena));
}

void asldot_arena_free(asldot_arena *a)
{
    if (a == NULL)
        return;
    for (block *b = a->head; b != NULL;) {
        block *next = b->next;
        asldot_free(b);
        b = next;
    }
    asldot_free(a);
}

void *asldot_arena_alloc(asldot_arena *a, size_t n)
{
    block *b;
    size_t need;
    if (a == NULL || n > SIZE_MAX - ARENA_ALIGN - sizeof(block))
        return NULL;
#ifdef ASLDOT_TESTING
    if (asldot_alloc_should_fail()) /* each arena allocation can fail, not only a new block */
        return NULL;
#endif
    need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    b = a->head;
    if (b == NULL || b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK_SIZE ? need : ARENA_BLOCK_SIZE;
        block *nb = asldot_malloc(sizeof(block) + size);
        if (nb == NULL)
            return NULL;
        nb->used = 0;
        nb->size = size;
        if (b != NULL && need > ARENA_BLOCK_SIZE) {
            /* keep the current block in front: it still has room for small allocations */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, n);
    return p;
}

void *asldot_arena_array(asldot_arena *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return asldot_arena_alloc(a, n * size);
}

char *asldot_arena_strndup(asldot_arena *a, const char *s, size_t n)
{
    char *d;
    if (n == SIZE_MAX)
        return NULL;
    d = asldot_arena_alloc(a, n + 1);
    if (d == NULL)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *asldot_arena_strdup(asldot_arena *a, const char *s)
{
    return s ? asldot_arena_strndup(a, s, strlen(s)) : NULL;
}

char *asldot_arena_printf(asldot_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *d;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    d = asldot_arena_alloc(a, (size_t)n + 1);
    if (d == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}
