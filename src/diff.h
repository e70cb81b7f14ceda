/*
 * diff.h: the diff of two definitions between diff.c (comparison), diff_graph.c (marking the NEW
 * graph) and diff_write.c (JSON and Markdown reports). Everything is owned by the diff's arena.
 */
#ifndef ASLDOT_DIFF_H
#define ASLDOT_DIFF_H
#include "asldot.h"
#include "arena.h"

/* Beyond this many removed x added pairs, renames are not looked for (each pair compares data). */
#define DIFF_RENAME_PAIR_LIMIT 1000000u
/* Data nesting compared; deeper values count as different (the parser's limit is lower). */
#define DIFF_MAX_DEPTH 1024u

/* A removed state, kept for drawing its ghost. */
typedef struct diff_ghost {
    const char *name;
    const char *type_name; /* "Task", ... */
    asldot_state_type type;
    const char *container; /* nearest enclosing Parallel/Map that NEW still has, or NULL */
    size_t branch;         /* the Parallel branch below that container */
} diff_ghost;

struct asldot_diff {
    asldot_arena *arena;
    asldot_diff_summary sum;
    diff_ghost *ghosts; /* one per removed state, in OLD's document order */
    size_t ghost_count;
    const char *old_start, *new_start; /* top-level StartAt (OLD's mapped through renames) */
};
#endif
