/*
 * diff_graph.c: a diff drawn on the NEW graph, as overlay.c draws a run. Existing states keep
 * their one node or cluster and get "diff-added", "diff-changed" or "diff-renamed" plus a label
 * line that says so without colour ("+ added", "~ changed: Parameters", "renamed from X"); edges
 * that only NEW has get "diff-added". Removed states come back as ghost nodes (kind GHOST, classes
 * "ghost diff-removed <type>", never "state") inside the nearest container NEW still has, with
 * the removed edges that touch anything drawn (class "diff-removed", label "removed"). Removed
 * edges between two states that both still exist do not constrain the layout.
 */
#include "diff.h"
#include "alloc.h"
#include "buf.h"
#include "ir.h"

#include <stdlib.h>
#include <string.h>

typedef struct dg_name {
    const char *name;
    size_t id;
} dg_name;

typedef struct dg_ctx {
    asldot_graph *g;
    const asldot_diff *d;
    dg_name *names; /* NEW's states by name */
    size_t name_count;
    size_t *ghost_node; /* per ghost: its node id */
    asldot_buf tmp;
} dg_ctx;

static int cmp_name(const void *a, const void *b)
{
    const dg_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static size_t state_id(const dg_ctx *c, const char *name)
{
    size_t lo = 0, hi = c->name_count;
    while (lo < hi) { /* the first state of that name */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->names[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->name_count && strcmp(c->names[lo].name, name) == 0 ? c->names[lo].id
                                                                      : ASLDOT_IR_NONE;
}

/* Appends a line to a '\n'-separated label field owned by the graph. */
static asldot_status add_line(dg_ctx *c, const char **field, const char *line)
{
    const char *s;
    asldot_buf_reset(&c->tmp);
    if (*field && **field)
        asldot_buf_printf(&c->tmp, "%s\n", *field);
    asldot_buf_puts(&c->tmp, line);
    if (asldot_buf_status(&c->tmp) != ASLDOT_OK || c->tmp.data == NULL)
        return ASLDOT_ERR_NOMEM;
    s = asldot_ir_strdup(c->g, c->tmp.data);
    if (s == NULL)
        return ASLDOT_ERR_NOMEM;
    *field = s;
    return ASLDOT_OK;
}

/* Class and label line on a state's node or cluster. */
static asldot_status mark_state(dg_ctx *c, size_t s, const char *cls, const char *line)
{
    size_t n = c->g->state_node[s], k = c->g->state_cluster[s];
    asldot_status st;
    if (n != ASLDOT_IR_NONE && n < c->g->node_count) {
        asldot_ir_node *o = c->g->nodes[n];
        if ((st = asldot_ir_add_class(c->g, &o->classes, cls)) != ASLDOT_OK)
            return st;
        return add_line(c, &o->notes, line);
    }
    if (k != ASLDOT_IR_NONE && k < c->g->cluster_count) {
        asldot_ir_cluster *o = c->g->clusters[k];
        if ((st = asldot_ir_add_class(c->g, &o->classes, cls)) != ASLDOT_OK)
            return st;
        return add_line(c, &o->notes, line);
    }
    return ASLDOT_OK;
}

static asldot_status mark_states(dg_ctx *c)
{
    const asldot_diff_summary *s = &c->d->sum;
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < s->added_count && st == ASLDOT_OK; i++) {
        size_t id = state_id(c, s->added[i]);
        if (id != ASLDOT_IR_NONE)
            st = mark_state(c, id, "diff-added", "+ added");
    }
    for (size_t i = 0; i < s->renamed_count && st == ASLDOT_OK; i++) {
        size_t id = state_id(c, s->renamed[i].to);
        asldot_buf line = ASLDOT_BUF_INIT;
        if (id == ASLDOT_IR_NONE)
            continue;
        asldot_buf_printf(&line, "\xE2\x86\xB7 renamed from %s", s->renamed[i].from);
        st = line.data ? mark_state(c, id, "diff-renamed", line.data) : ASLDOT_ERR_NOMEM;
        asldot_buf_free(&line);
    }
    for (size_t i = 0; i < s->changed_count && st == ASLDOT_OK; i++) {
        const asldot_diff_change *ch = &s->changed[i];
        size_t id = state_id(c, ch->state);
        asldot_buf line = ASLDOT_BUF_INIT;
        if (id == ASLDOT_IR_NONE)
            continue;
        asldot_buf_puts(&line, "~ changed");
        for (size_t f = 0; f < ch->field_count; f++)
            asldot_buf_printf(&line, "%s%s", f ? ", " : ": ", ch->fields[f]);
        st = line.data ? mark_state(c, id, "diff-changed", line.data) : ASLDOT_ERR_NOMEM;
        asldot_buf_free(&line);
    }
    return st;
}

static asldot_ir_edge_kind ir_kind(asldot_edge_kind k)
{
    switch (k) {
    case ASLDOT_EDGE_CHOICE:
        return ASLDOT_IR_EDGE_CHOICE;
    case ASLDOT_EDGE_DEFAULT:
        return ASLDOT_IR_EDGE_DEFAULT;
    case ASLDOT_EDGE_CATCH:
        return ASLDOT_IR_EDGE_CATCH;
    default:
        return ASLDOT_IR_EDGE_NEXT;
    }
}

static int edge_added(const dg_ctx *c, const asldot_ir_edge *e)
{
    const asldot_diff_summary *s = &c->d->sum;
    const char *from, *to;
    if (e->from_state >= c->g->state_count || e->to_state >= c->g->state_count)
        return 0;
    from = c->g->state_names[e->from_state];
    to = c->g->state_names[e->to_state];
    if (from == NULL || to == NULL)
        return 0;
    for (size_t i = 0; i < s->edges_added_count; i++) {
        const asldot_diff_edge *x = &s->edges_added[i];
        if (ir_kind(x->kind) == e->kind && strcmp(x->from, from) == 0 && strcmp(x->to, to) == 0)
            return 1;
    }
    return 0;
}

static asldot_status mark_edges(dg_ctx *c)
{
    const asldot_diff *d = c->d;
    asldot_status st = ASLDOT_OK;
    int start_moved =
        d->new_start && (d->old_start == NULL || strcmp(d->old_start, d->new_start) != 0);
    for (size_t i = 0; i < c->g->edge_count && st == ASLDOT_OK; i++) {
        asldot_ir_edge *e = c->g->edges[i];
        if ((e->kind == ASLDOT_IR_EDGE_START && start_moved) ||
            (e->kind <= ASLDOT_IR_EDGE_CATCH && edge_added(c, e)))
            st = asldot_ir_add_class(c->g, &e->classes, "diff-added");
    }
    return st;
}

/* ---- ghosts */

/* The cluster a ghost goes into: its container's, or that Parallel's branch. */
static size_t ghost_home(const dg_ctx *c, const diff_ghost *gh)
{
    size_t id, cl, seen = 0;
    if (gh->container == NULL || (id = state_id(c, gh->container)) == ASLDOT_IR_NONE)
        return ASLDOT_IR_NONE;
    cl = c->g->state_cluster[id];
    if (cl == ASLDOT_IR_NONE || cl >= c->g->cluster_count)
        return ASLDOT_IR_NONE;
    if (c->g->clusters[cl]->kind != ASLDOT_IR_CLUSTER_PARALLEL)
        return cl;
    for (size_t k = cl + 1; k < c->g->cluster_count; k++) {
        const asldot_ir_cluster *b = c->g->clusters[k];
        if (b->parent == cl && b->kind == ASLDOT_IR_CLUSTER_BRANCH && seen++ == gh->branch)
            return k;
    }
    return cl;
}

static const char *type_class(asldot_state_type t)
{
    static const char *const names[] = {"task",    "pass", "choice",   "wait",
                                        "succeed", "fail", "parallel", "map"};
    return t < sizeof names / sizeof *names ? names[t] : "unknown";
}

static asldot_status add_ghosts(dg_ctx *c)
{
    const asldot_diff *d = c->d;
    asldot_status st = ASLDOT_OK;
    if (d->ghost_count == 0)
        return ASLDOT_OK;
    c->ghost_node = asldot_calloc(d->ghost_count, sizeof *c->ghost_node);
    if (c->ghost_node == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < d->ghost_count && st == ASLDOT_OK; i++) {
        const diff_ghost *gh = &d->ghosts[i];
        asldot_ir_node *n;
        st = asldot_ir_add_node(c->g, ASLDOT_IR_GHOST, ghost_home(c, gh), &n);
        if (st != ASLDOT_OK)
            break;
        n->type = gh->type;
        n->name = asldot_ir_strdup(c->g, gh->name);
        n->detail = "\xE2\x88\x92 removed";
        n->tooltip =
            asldot_arena_printf(c->g->arena, "%s (%s)\nremoved: only the older version has it",
                                gh->name, gh->type_name);
        if (n->name == NULL || n->tooltip == NULL)
            return ASLDOT_ERR_NOMEM;
        if ((st = asldot_ir_add_class(c->g, &n->classes, "ghost")) != ASLDOT_OK ||
            (st = asldot_ir_add_class(c->g, &n->classes, "diff-removed")) != ASLDOT_OK ||
            (st = asldot_ir_add_class(c->g, &n->classes, type_class(gh->type))) != ASLDOT_OK)
            break;
        c->ghost_node[i] = n->id;
    }
    return st;
}

/* Where a removed edge attaches: a ghost, or the NEW state (a container's anchor, clipped). */
static size_t endpoint(const dg_ctx *c, const char *old_name, const char *new_name, int incoming,
                       size_t *clip, int *is_ghost)
{
    size_t id;
    *clip = ASLDOT_IR_NONE;
    *is_ghost = 0;
    for (size_t i = 0; i < c->d->ghost_count; i++)
        if (strcmp(c->d->ghosts[i].name, old_name) == 0) {
            *is_ghost = 1;
            return c->ghost_node[i];
        }
    id = state_id(c, new_name);
    if (id == ASLDOT_IR_NONE)
        return ASLDOT_IR_NONE;
    if (c->g->state_cluster[id] != ASLDOT_IR_NONE) {
        const asldot_ir_cluster *k = c->g->clusters[c->g->state_cluster[id]];
        *clip = k->id;
        return incoming ? k->entry : k->exit;
    }
    return c->g->state_node[id];
}

/* OLD's name in NEW's names. */
static const char *new_name_of(const asldot_diff *d, const char *old_name)
{
    for (size_t i = 0; i < d->sum.renamed_count; i++)
        if (strcmp(d->sum.renamed[i].from, old_name) == 0)
            return d->sum.renamed[i].to;
    return old_name;
}

static asldot_status add_removed_edges(dg_ctx *c)
{
    const asldot_diff_summary *s = &c->d->sum;
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < s->edges_removed_count && st == ASLDOT_OK; i++) {
        const asldot_diff_edge *x = &s->edges_removed[i];
        size_t tclip, hclip, tail, head;
        int tg, hg;
        asldot_ir_edge *e;
        tail = endpoint(c, x->from, new_name_of(c->d, x->from), 0, &tclip, &tg);
        head = endpoint(c, x->to, new_name_of(c->d, x->to), 1, &hclip, &hg);
        if (tail == ASLDOT_IR_NONE || head == ASLDOT_IR_NONE)
            continue;
        if ((st = asldot_ir_add_edge(c->g, ir_kind(x->kind), tail, head, &e)) != ASLDOT_OK)
            break;
        if (!(tclip != ASLDOT_IR_NONE && tclip == hclip)) {
            e->ltail = tclip;
            e->lhead = hclip;
        }
        e->constraint = tg || hg; /* only a ghost is placed by its edges */
        e->label = "removed";
        e->tooltip = asldot_arena_printf(c->g->arena, "removed: %s \xE2\x86\x92 %s (%s)", x->from,
                                         x->to, asldot_edge_kind_name(x->kind));
        if (e->tooltip == NULL)
            return ASLDOT_ERR_NOMEM;
        if ((st = asldot_ir_add_class(c->g, &e->classes, asldot_edge_kind_name(x->kind))) !=
                ASLDOT_OK ||
            (st = asldot_ir_add_class(c->g, &e->classes, "diff-removed")) != ASLDOT_OK)
            break;
    }
    return st;
}

asldot_status asldot_graph_apply_diff(asldot_graph *g, const asldot_diff *d,
                                      asldot_diagnostics *diags)
{
    dg_ctx c;
    asldot_status st = ASLDOT_OK;
    (void)diags; /* a diff applies to any graph; states it names but g lacks are skipped */
    if (g == NULL || d == NULL || g->has_diff)
        return ASLDOT_ERR_ARGS;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.d = d;
    if (g->state_count) {
        c.names = asldot_calloc(g->state_count, sizeof *c.names);
        if (c.names == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    for (size_t s = 0; s < g->state_count; s++)
        if (g->state_names[s] != NULL) {
            c.names[c.name_count].name = g->state_names[s];
            c.names[c.name_count++].id = s;
        }
    if (c.name_count)
        qsort(c.names, c.name_count, sizeof *c.names, cmp_name);
    if ((st = mark_states(&c)) == ASLDOT_OK && (st = mark_edges(&c)) == ASLDOT_OK &&
        (st = add_ghosts(&c)) == ASLDOT_OK)
        st = add_removed_edges(&c);
    if (st == ASLDOT_OK)
        g->has_diff = 1;
    asldot_free(c.names);
    asldot_free(c.ghost_node);
    asldot_buf_free(&c.tmp);
    return st;
}
