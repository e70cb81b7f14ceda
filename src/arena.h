/* arena.h: bump allocator; one per long-lived object (machine, graph, history, style). */
#ifndef ASLDOT_ARENA_H
#define ASLDOT_ARENA_H
#include <stddef.h>

typedef struct asldot_arena asldot_arena;

/** Returns a new empty arena or NULL. Ownership: free with asldot_arena_free. */
asldot_arena *asldot_arena_new(void);
/** Frees every block of the arena. NULL-safe. */
void asldot_arena_free(asldot_arena *a);
/** Returns n zeroed bytes aligned for any type, or NULL. Owned by the arena. */
void *asldot_arena_alloc(asldot_arena *a, size_t n);
/** Returns zeroed space for n objects of size bytes, or NULL (also on overflow). */
void *asldot_arena_array(asldot_arena *a, size_t n, size_t size);
/** Returns a NUL-terminated copy of s[0..n), or NULL. Owned by the arena. */
char *asldot_arena_strndup(asldot_arena *a, const char *s, size_t n);
/** Returns a copy of the NUL-terminated s (NULL stays NULL; check s before treating NULL as OOM).
 */
char *asldot_arena_strdup(asldot_arena *a, const char *s);
/** Returns a formatted string owned by the arena, or NULL. */
char *asldot_arena_printf(asldot_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#endif
