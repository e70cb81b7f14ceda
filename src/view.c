/*
 * view.c: which part of a built diagram is drawn. Runs after the overlay and the diff (so a
 * collapsed container keeps their marks) and before the legend and styles:
 *
 *  - focus:   only the states within N transitions of one state; each transition to a state left
 *             out ends at a dashed stand-in named after it (kind ELSEWHERE);
 *  - inside:  only one container's inside (what --split draws per container);
 *  - collapse: a Parallel or Map drawn as one box that counts what it holds; the container's
 *             entry anchor becomes that box, so it keeps the container's place in the order;
 *             automatic above ASLDOT_VIEW_AUTO_COLLAPSE_STATES for containers inside containers;
 *  - catch:   Catch edges into a shared handler end at stubs beside the catching states (the
 *             layout's reference nodes), or are hidden.
 *
 * Each step marks what goes and asldot_ir_remove renumbers the graph, so the later stages see
 * an ordinary graph. Nothing here invents a state: a collapsed box is the container itself.
 */
#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "ir.h"
#include "model.h"
#include "options.h"

#include <string.h>

#define NONE ASLDOT_IR_NONE

typedef struct view_ctx {
    asldot_graph *g;
    asldot_diagnostics *diags;
    asldot_buf tmp;
} view_ctx;

void asldot_view_options_init(asldot_view_options *o)
{
    static const asldot_view_options defaults = ASLDOT_VIEW_OPTIONS_INIT;
    if (o != NULL)
        *o = defaults;
}

static int is_container(const asldot_ir_cluster *c)
{
    return (c->kind == ASLDOT_IR_CLUSTER_PARALLEL || c->kind == ASLDOT_IR_CLUSTER_MAP) &&
           c->state_id != NONE;
}

const char *asldot_graph_container_name(const asldot_graph *g, size_t i)
{
    if (g == NULL)
        return NULL;
    for (size_t k = 0; k < g->cluster_count; k++)
        if (is_container(g->clusters[k]) && i-- == 0)
            return g->clusters[k]->name;
    return NULL;
}

/* The model state drawn under this name (a node or a container), or NONE. */
static size_t find_state(const asldot_graph *g, const char *name)
{
    for (size_t s = 0; s < g->state_count; s++)
        if (g->state_names[s] != NULL && strcmp(g->state_names[s], name) == 0 &&
            (g->state_node[s] != NONE || g->state_cluster[s] != NONE))
            return s;
    return NONE;
}

static asldot_status unknown(view_ctx *c, const char *option, const char *name, const char *what)
{
    asldot_status st = asldot_diag_add(c->diags, ASLDOT_SEV_ERROR, "view-unknown-state", NULL, 0, 0,
                                       "%s: no %s named '%s'", option, what, name);
    return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
}

/* 1 when cluster k is a (or the) cluster a or inside it. */
static int within(const asldot_graph *g, size_t k, size_t a)
{
    for (size_t guard = 0; k != NONE && k < g->cluster_count && guard <= g->cluster_count;
         guard++) {
        if (k == a)
            return 1;
        k = g->clusters[k]->parent;
    }
    return 0;
}

/* The nearest enclosing container of cluster k (itself excluded), or NONE. */
static size_t outer_container(const asldot_graph *g, size_t k)
{
    size_t p = k < g->cluster_count ? g->clusters[k]->parent : NONE;
    for (size_t guard = 0; p != NONE && p < g->cluster_count && guard <= g->cluster_count;
         guard++) {
        if (is_container(g->clusters[p]))
            return p;
        p = g->clusters[p]->parent;
    }
    return NONE;
}

static const char *join_lines(view_ctx *c, const char *a, const char *b, asldot_status *st)
{
    const char *s;
    if (*st != ASLDOT_OK)
        return NULL;
    if (a == NULL || *a == '\0')
        s = asldot_ir_strdup(c->g, b);
    else
        s = asldot_arena_printf(c->g->arena, "%s\n%s", a, b);
    if (s == NULL)
        *st = ASLDOT_ERR_NOMEM;
    return s;
}

/* Appends " · text" to the title (or makes text the title). */
static asldot_status extend_title(view_ctx *c, const char *text)
{
    const char *t = c->g->title != NULL
                        ? asldot_arena_printf(c->g->arena, "%s \xC2\xB7 %s", c->g->title, text)
                        : asldot_ir_strdup(c->g, text);
    if (t == NULL)
        return ASLDOT_ERR_NOMEM;
    c->g->title = t;
    return ASLDOT_OK;
}

/* ---- collapse */

/* What a collapsed container holds, as its box's last detail line. */
static asldot_status summary(view_ctx *c, size_t root, const size_t *top, size_t nodes)
{
    const asldot_graph *g = c->g;
    size_t states = 0, branches = 0;
    for (size_t i = 0; i < nodes; i++) {
        const asldot_ir_node *n = g->nodes[i];
        if (n->kind == ASLDOT_IR_STATE && n->cluster != NONE && top[n->cluster] == root)
            states++;
    }
    for (size_t k = 0; k < g->cluster_count; k++) {
        if (k != root && top[k] == root && is_container(g->clusters[k]))
            states++;
        if (g->clusters[k]->parent == root && g->clusters[k]->kind == ASLDOT_IR_CLUSTER_BRANCH)
            branches++;
    }
    asldot_buf_reset(&c->tmp);
    if (g->clusters[root]->kind == ASLDOT_IR_CLUSTER_PARALLEL && branches == 0)
        asldot_buf_puts(&c->tmp, "no branch \xC2\xB7 "); /* the detail counts them otherwise */
    asldot_buf_printf(&c->tmp, "%zu state%s inside (collapsed)", states, states == 1 ? "" : "s");
    return asldot_buf_status(&c->tmp);
}

/* Turns container cluster root into one box: its entry anchor, moved out of the cluster. */
static asldot_status make_box(view_ctx *c, size_t root, const size_t *top, size_t nodes)
{
    asldot_graph *g = c->g;
    asldot_ir_cluster *cl = g->clusters[root];
    asldot_ir_node *n;
    asldot_status st;
    if (cl->entry == NONE) {
        st = asldot_ir_add_node(g, ASLDOT_IR_STATE, cl->parent, &n);
        if (st != ASLDOT_OK)
            return st;
        cl->entry = n->id;
    } else {
        n = g->nodes[cl->entry];
    }
    if ((st = summary(c, root, top, nodes)) != ASLDOT_OK)
        return st;
    n->kind = ASLDOT_IR_STATE;
    n->cluster = cl->parent;
    n->type = cl->kind == ASLDOT_IR_CLUSTER_MAP ? ASLDOT_STATE_MAP : ASLDOT_STATE_PARALLEL;
    n->state_id = cl->state_id;
    n->name = cl->name;
    n->detail = join_lines(c, cl->detail, asldot_buf_cstr(&c->tmp), &st);
    n->notes = cl->notes;
    n->tooltip = cl->tooltip;
    n->classes = cl->classes;
    n->status = cl->status;
    n->run = cl->run;
    n->attrs = cl->attrs;
    if (st == ASLDOT_OK)
        st = asldot_ir_add_class(g, &n->classes, "collapsed");
    g->state_node[cl->state_id] = n->id;
    return st;
}

/* Collapses every cluster marked in want (sized cluster_count); a wanted cluster inside another
 * goes with it. */
static asldot_status collapse(view_ctx *c, const unsigned char *want)
{
    asldot_graph *g = c->g;
    size_t nc = g->cluster_count, nn = g->node_count, ne = g->edge_count, roots = 0;
    size_t *top = asldot_calloc(nc ? nc : 1, sizeof *top);
    unsigned char *ndead = asldot_calloc(nn + 1, 1), *cdead = asldot_calloc(nc ? nc : 1, 1);
    unsigned char *edead = asldot_calloc(ne ? ne : 1, 1);
    asldot_status st = ASLDOT_OK;

    if (top == NULL || ndead == NULL || cdead == NULL || edead == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    /* the builder creates a cluster before the clusters inside it: parents come first */
    for (size_t k = 0; k < nc; k++) {
        size_t p = g->clusters[k]->parent;
        top[k] = p != NONE && p < k && top[p] != NONE ? top[p] : NONE;
        if (top[k] == NONE && want[k] && is_container(g->clusters[k])) {
            top[k] = k;
            roots++;
        }
        cdead[k] = top[k] != NONE;
    }
    if (roots == 0)
        goto done;
    /* a box for each outermost collapsed container; the rest of it goes */
    for (size_t k = 0; k < nc && st == ASLDOT_OK; k++)
        if (top[k] == k)
            st = make_box(c, k, top, nn);
    if (st != ASLDOT_OK)
        goto done;
    for (size_t i = 0; i < nn; i++) {
        size_t k = g->nodes[i]->cluster; /* a box is in its container's parent now */
        ndead[i] = k != NONE && k < nc && top[k] != NONE;
    }
    for (size_t e = 0; e < ne; e++) {
        asldot_ir_edge *ed = g->edges[e];
        size_t ends[2] = {ed->from, ed->to};
        for (int j = 0; j < 2; j++)
            if (ndead[ends[j]])
                ends[j] = g->clusters[top[g->nodes[ends[j]]->cluster]]->entry;
        /* inside the box, unless it is the container's own transition back to itself (a
         * Catch retrying it) */
        if (ends[0] == NONE || ends[1] == NONE ||
            (ends[0] == ends[1] && !(ed->from_state != NONE && ed->from_state == ed->to_state &&
                                     g->state_node[ed->from_state] == ends[0]))) {
            edead[e] = 1;
            continue;
        }
        ed->from = ends[0];
        ed->to = ends[1];
    }
    st = asldot_ir_remove(g, ndead, edead, cdead);
done:
    asldot_free(top);
    asldot_free(ndead);
    asldot_free(cdead);
    asldot_free(edead);
    return st;
}

/* ---- focus */

typedef struct focus_ctx {
    size_t nn, nc, units;
    size_t *adj_start, *adj; /* undirected unit adjacency (CSR) */
    size_t *dist, *queue;
    unsigned char *node_alive, *cluster_alive;
    size_t *standin; /* per unit: its ELSEWHERE node, or NONE */
} focus_ctx;

static void focus_free(focus_ctx *f)
{
    asldot_free(f->adj_start);
    asldot_free(f->adj);
    asldot_free(f->dist);
    asldot_free(f->queue);
    asldot_free(f->node_alive);
    asldot_free(f->cluster_alive);
    asldot_free(f->standin);
}

/* A node's unit: itself, or for a container's anchor the container. */
static size_t unit_of(const asldot_graph *g, const focus_ctx *f, size_t node)
{
    const asldot_ir_node *n = g->nodes[node];
    if (n->kind == ASLDOT_IR_ANCHOR && n->cluster != NONE && n->cluster < f->nc)
        return f->nn + n->cluster;
    return node;
}

static int drawn_edge(const asldot_ir_edge *e)
{
    return e->kind != ASLDOT_IR_EDGE_LAYOUT && e->kind != ASLDOT_IR_EDGE_LEGEND;
}

/* Drawn transitions, and the invisible edges that tie a container to its first and last states:
 * a state inside is one step from its container. */
static int near_edge(const asldot_graph *g, const asldot_ir_edge *e)
{
    return drawn_edge(e) ||
           (e->kind == ASLDOT_IR_EDGE_LAYOUT && (g->nodes[e->from]->kind == ASLDOT_IR_ANCHOR ||
                                                 g->nodes[e->to]->kind == ASLDOT_IR_ANCHOR));
}

static asldot_status focus_index(const asldot_graph *g, focus_ctx *f)
{
    size_t m = g->edge_count;
    f->adj_start = asldot_calloc(f->units + 1, sizeof(size_t));
    f->adj = asldot_calloc(2 * m + 1, sizeof(size_t));
    f->dist = asldot_calloc(f->units, sizeof(size_t));
    f->queue = asldot_calloc(f->units, sizeof(size_t));
    f->node_alive = asldot_calloc(f->nn + 1, 1);
    f->cluster_alive = asldot_calloc(f->nc + 1, 1);
    f->standin = asldot_calloc(f->units, sizeof(size_t));
    if (f->adj_start == NULL || f->adj == NULL || f->dist == NULL || f->queue == NULL ||
        f->node_alive == NULL || f->cluster_alive == NULL || f->standin == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t e = 0; e < m; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        size_t a = unit_of(g, f, ed->from), b = unit_of(g, f, ed->to);
        if (near_edge(g, ed) && a != b) {
            f->adj_start[a + 1]++;
            f->adj_start[b + 1]++;
        }
    }
    for (size_t u = 0; u < f->units; u++) {
        f->adj_start[u + 1] += f->adj_start[u];
        f->queue[u] = f->adj_start[u]; /* fill cursor */
        f->dist[u] = NONE;
        f->standin[u] = NONE;
    }
    for (size_t e = 0; e < m; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        size_t a = unit_of(g, f, ed->from), b = unit_of(g, f, ed->to);
        if (near_edge(g, ed) && a != b) {
            f->adj[f->queue[a]++] = b;
            f->adj[f->queue[b]++] = a;
        }
    }
    return ASLDOT_OK;
}

/* Sets the "something drawn inside" bit on cluster k and every cluster around it. */
static void mark_inside(const asldot_graph *g, focus_ctx *f, size_t k)
{
    for (size_t guard = 0; k != NONE && k < f->nc && guard <= f->nc; guard++) {
        f->cluster_alive[k] |= 2;
        k = g->clusters[k]->parent;
    }
}

static int marker(const asldot_ir_node *n)
{
    return n->kind == ASLDOT_IR_START || n->kind == ASLDOT_IR_END;
}

/* Breadth-first from unit from; the Start and End markers are reached but lead nowhere. */
static void focus_walk(const asldot_graph *g, focus_ctx *f, size_t from, unsigned depth)
{
    size_t head = 0, tail = 0;
    f->dist[from] = 0;
    f->queue[tail++] = from;
    while (head < tail) {
        size_t u = f->queue[head++];
        if (f->dist[u] >= depth || (u < f->nn && marker(g->nodes[u])))
            continue;
        for (size_t i = f->adj_start[u]; i < f->adj_start[u + 1]; i++) {
            size_t v = f->adj[i];
            if (f->dist[v] == NONE) {
                f->dist[v] = f->dist[u] + 1;
                f->queue[tail++] = v;
            }
        }
    }
}

static void mark_up(const asldot_graph *g, focus_ctx *f, size_t k)
{
    for (size_t guard = 0; k != NONE && k < f->nc && !f->cluster_alive[k] && guard <= f->nc;
         guard++) {
        f->cluster_alive[k] = 1;
        k = g->clusters[k]->parent;
    }
}

/* The stand-in for unit u, created in the nearest cluster still drawn. */
static asldot_status standin(view_ctx *c, focus_ctx *f, size_t u, size_t *out)
{
    asldot_graph *g = c->g;
    size_t home;
    asldot_state_type type;
    const char *name;
    asldot_ir_node *s;
    asldot_status st;
    if (u >= f->nn) { /* a container */
        const asldot_ir_cluster *cl = g->clusters[u - f->nn];
        home = cl->parent;
        type = cl->kind == ASLDOT_IR_CLUSTER_MAP ? ASLDOT_STATE_MAP : ASLDOT_STATE_PARALLEL;
        name = cl->name;
    } else {
        const asldot_ir_node *n = g->nodes[u];
        home = n->cluster;
        type = n->type;
        name = n->name;
    }
    if (f->standin[u] != NONE) {
        *out = f->standin[u];
        return ASLDOT_OK;
    }
    while (home != NONE && home < f->nc && !f->cluster_alive[home])
        home = g->clusters[home]->parent;
    st = asldot_ir_add_node(g, ASLDOT_IR_ELSEWHERE, home, &s);
    if (st != ASLDOT_OK)
        return st;
    s->type = type;
    s->name = name;
    s->detail =
        asldot_arena_printf(g->arena, "%s \xC2\xB7 not drawn", asldot_state_type_name(type));
    s->tooltip = asldot_arena_printf(g->arena, "%s (%s): outside this view", name,
                                     asldot_state_type_name(type));
    if (s->detail == NULL || s->tooltip == NULL)
        return ASLDOT_ERR_NOMEM;
    if ((st = asldot_ir_add_class(g, &s->classes, "elsewhere")) != ASLDOT_OK)
        return st;
    f->standin[u] = s->id;
    *out = s->id;
    return ASLDOT_OK;
}

/* Keeps the states within depth transitions of state s; marks (by state id) the containers kept
 * without any of their inside in boxes, to be collapsed. */
static asldot_status focus(view_ctx *c, size_t s, unsigned depth, unsigned char *boxes)
{
    asldot_graph *g = c->g;
    focus_ctx f;
    asldot_status st;
    unsigned char *ndead = NULL, *edead = NULL, *cdead = NULL;
    size_t ne = g->edge_count, total = 0, kept = 0;

    memset(&f, 0, sizeof f);
    f.nn = g->node_count;
    f.nc = g->cluster_count;
    f.units = f.nn + f.nc;
    if ((st = focus_index(g, &f)) != ASLDOT_OK)
        goto done;
    focus_walk(g, &f, g->state_cluster[s] != NONE ? f.nn + g->state_cluster[s] : g->state_node[s],
               depth);
    for (size_t i = 0; i < f.nn; i++) {
        const asldot_ir_node *n = g->nodes[i];
        if (n->kind == ASLDOT_IR_ANCHOR || marker(n))
            continue;
        f.node_alive[i] = f.dist[i] != NONE;
        if (f.node_alive[i])
            mark_up(g, &f, n->cluster);
    }
    for (size_t k = 0; k < f.nc; k++)
        if (is_container(g->clusters[k]) && f.dist[f.nn + k] != NONE)
            mark_up(g, &f, k);
    /* a marker stays when a state it touches does */
    for (size_t i = 0; i < f.nn; i++) {
        if (!marker(g->nodes[i]))
            continue;
        for (size_t j = f.adj_start[i]; j < f.adj_start[i + 1] && !f.node_alive[i]; j++) {
            size_t v = f.adj[j];
            f.node_alive[i] = f.dist[v] != NONE && (v >= f.nn || !marker(g->nodes[v]));
        }
    }
    for (size_t i = 0; i < f.nn; i++)
        if (g->nodes[i]->kind == ASLDOT_IR_ANCHOR)
            f.node_alive[i] = g->nodes[i]->cluster < f.nc && f.cluster_alive[g->nodes[i]->cluster];
    /* a container reached but nothing inside it: drawn as one box (cluster_alive's second bit
     * says something inside it is drawn) */
    for (size_t i = 0; i < f.nn; i++)
        if (f.node_alive[i] && !marker(g->nodes[i]) && g->nodes[i]->kind != ASLDOT_IR_ANCHOR)
            mark_inside(g, &f, g->nodes[i]->cluster);
    for (size_t k = 0; k < f.nc; k++)
        if (f.cluster_alive[k] && is_container(g->clusters[k]))
            mark_inside(g, &f, g->clusters[k]->parent);
    for (size_t k = 0; k < f.nc; k++)
        if (is_container(g->clusters[k]) && f.cluster_alive[k] && !(f.cluster_alive[k] & 2))
            boxes[g->clusters[k]->state_id] = 1;
    /* transitions between a state drawn and one left out end at a stand-in */
    for (size_t e = 0; e < ne && st == ASLDOT_OK; e++) {
        asldot_ir_edge *ed = g->edges[e];
        int a = f.node_alive[ed->from], b = f.node_alive[ed->to];
        size_t id;
        if (!drawn_edge(ed) || a == b)
            continue;
        if (a && !marker(g->nodes[ed->from]) && !marker(g->nodes[ed->to])) {
            if ((st = standin(c, &f, unit_of(g, &f, ed->to), &id)) == ASLDOT_OK)
                ed->to = id;
        } else if (b && !marker(g->nodes[ed->to]) && !marker(g->nodes[ed->from])) {
            if ((st = standin(c, &f, unit_of(g, &f, ed->from), &id)) == ASLDOT_OK)
                ed->from = id;
        }
    }
    if (st != ASLDOT_OK)
        goto done;
    ndead = asldot_calloc(g->node_count + 1, 1);
    edead = asldot_calloc(ne + 1, 1);
    cdead = asldot_calloc(f.nc + 1, 1);
    if (ndead == NULL || edead == NULL || cdead == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < f.nn; i++) {
        ndead[i] = !f.node_alive[i];
        if (g->nodes[i]->kind == ASLDOT_IR_STATE) {
            total++;
            kept += f.node_alive[i];
        }
    }
    for (size_t k = 0; k < f.nc; k++) {
        cdead[k] = !f.cluster_alive[k];
        if (is_container(g->clusters[k])) {
            total++;
            kept += f.cluster_alive[k] != 0;
        }
    }
    asldot_buf_reset(&c->tmp);
    asldot_buf_printf(&c->tmp, "around %s: %zu of %zu states, %u step%s away", g->state_names[s],
                      kept, total, depth, depth == 1 ? "" : "s");
    if ((st = asldot_buf_status(&c->tmp)) == ASLDOT_OK)
        st = extend_title(c, asldot_buf_cstr(&c->tmp));
    if (st == ASLDOT_OK)
        st = asldot_ir_remove(g, ndead, edead, cdead);
done:
    focus_free(&f);
    asldot_free(ndead);
    asldot_free(edead);
    asldot_free(cdead);
    return st;
}

/* ---- inside: one container's content, its own containers collapsed */

static asldot_status inside(view_ctx *c, size_t s)
{
    asldot_graph *g = c->g;
    size_t root = g->state_cluster[s], nc = g->cluster_count, nn = g->node_count;
    unsigned char *ndead = asldot_calloc(nn + 1, 1), *cdead = asldot_calloc(nc + 1, 1);
    asldot_status st = ASLDOT_OK;
    if (ndead == NULL || cdead == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    for (size_t k = 0; k < nc; k++)
        cdead[k] = !within(g, k, root);
    for (size_t i = 0; i < nn; i++) {
        size_t k = g->nodes[i]->cluster;
        ndead[i] = k == NONE || k >= nc || cdead[k];
    }
    asldot_buf_reset(&c->tmp);
    asldot_buf_printf(&c->tmp, "inside %s", g->state_names[s]);
    if ((st = asldot_buf_status(&c->tmp)) == ASLDOT_OK)
        st = extend_title(c, asldot_buf_cstr(&c->tmp));
    if (st == ASLDOT_OK)
        st = asldot_ir_remove(g, ndead, NULL, cdead);
done:
    asldot_free(ndead);
    asldot_free(cdead);
    return st;
}

/* ---- catch */

static asldot_status note_catch(view_ctx *c, const asldot_ir_edge *e)
{
    asldot_graph *g = c->g;
    const asldot_ir_node *from = g->nodes[e->from], *to = g->nodes[e->to];
    const char *target = to->kind == ASLDOT_IR_ANCHOR && to->cluster != NONE
                             ? g->clusters[to->cluster]->name
                             : to->name;
    const char **notes;
    asldot_status st = ASLDOT_OK;
    const char *line;
    if (from->kind == ASLDOT_IR_ANCHOR && from->cluster != NONE)
        notes = &g->clusters[from->cluster]->notes;
    else if (from->kind == ASLDOT_IR_STATE)
        notes = &g->nodes[e->from]->notes;
    else
        return ASLDOT_OK;
    line = asldot_arena_printf(g->arena, "catch \xE2\x86\x92 %s", target ? target : "?");
    if (line == NULL)
        return ASLDOT_ERR_NOMEM;
    *notes = join_lines(c, *notes, line, &st);
    return st;
}

static asldot_status catch_view(view_ctx *c, asldot_catch_mode mode)
{
    asldot_graph *g = c->g;
    size_t *count, *keep, at = mode == ASLDOT_CATCH_AUTO ? ASLDOT_CATCH_STUBS_AT : 2;
    asldot_status st = ASLDOT_OK;
    if (mode == ASLDOT_CATCH_EDGES)
        return ASLDOT_OK;
    if (mode == ASLDOT_CATCH_HIDE) {
        for (size_t e = 0; e < g->edge_count && st == ASLDOT_OK; e++) {
            asldot_ir_edge *ed = g->edges[e];
            if (ed->kind != ASLDOT_IR_EDGE_CATCH)
                continue;
            st = note_catch(c, ed);
            ed->kind = ASLDOT_IR_EDGE_LAYOUT;
            ed->label = ed->tooltip = NULL;
            ed->classes = "";
        }
        return st;
    }
    count = asldot_calloc(g->node_count + 1, sizeof *count);
    keep = asldot_calloc(g->node_count + 1, sizeof *keep);
    if (count == NULL || keep == NULL) {
        asldot_free(count);
        asldot_free(keep);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->node_count; i++)
        keep[i] = NONE;
    /* the edge each handler keeps: its last ranking Catch edge, else its last */
    for (size_t e = 0; e < g->edge_count; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        if (ed->kind != ASLDOT_IR_EDGE_CATCH)
            continue;
        count[ed->to]++;
        if (keep[ed->to] == NONE || ed->constraint || !g->edges[keep[ed->to]]->constraint)
            keep[ed->to] = e;
    }
    for (size_t e = 0; e < g->edge_count; e++) {
        asldot_ir_edge *ed = g->edges[e];
        if (ed->kind == ASLDOT_IR_EDGE_CATCH && count[ed->to] >= at && keep[ed->to] != e)
            ed->stub = 1;
    }
    asldot_free(count);
    asldot_free(keep);
    return st;
}

/* ---- the view */

static size_t drawn_states(const asldot_graph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->node_count; i++)
        n += g->nodes[i]->kind == ASLDOT_IR_STATE;
    for (size_t k = 0; k < g->cluster_count; k++)
        n += is_container(g->clusters[k]);
    return n;
}

/* Containers named in the options (all with COLLAPSE_ALL), or by size. */
static asldot_status choose_collapse(view_ctx *c, const asldot_view_options *o,
                                     const unsigned char *boxes, unsigned char *want, size_t *autos)
{
    asldot_graph *g = c->g;
    *autos = 0;
    for (size_t k = 0; k < g->cluster_count; k++)
        if (is_container(g->clusters[k]) && boxes[g->clusters[k]->state_id])
            want[k] = 1;
    for (size_t i = 0; i < o->collapse_count; i++) {
        size_t s = o->collapse[i] != NULL ? find_state(g, o->collapse[i]) : NONE;
        if (s == NONE || g->state_cluster[s] == NONE)
            return unknown(c, "--collapse", o->collapse[i] ? o->collapse[i] : "",
                           "Parallel or Map state");
        want[g->state_cluster[s]] = 1;
    }
    for (size_t k = 0; k < g->cluster_count; k++) {
        if (!is_container(g->clusters[k]))
            continue;
        /* inside: the containers in it (the container itself is the picture's frame) */
        if ((o->inside != NULL && g->clusters[k]->parent != NONE) ||
            (o->flags & ASLDOT_VIEW_COLLAPSE_ALL))
            want[k] = 1;
    }
    if (o->inside == NULL && o->focus == NULL && o->collapse_count == 0 &&
        !(o->flags & (ASLDOT_VIEW_COLLAPSE_ALL | ASLDOT_VIEW_NO_AUTO_COLLAPSE)) &&
        drawn_states(g) > ASLDOT_VIEW_AUTO_COLLAPSE_STATES) {
        for (size_t k = 0; k < g->cluster_count; k++) {
            size_t up = outer_container(g, k);
            if (is_container(g->clusters[k]) && up != NONE) {
                /* count only the outermost of the collapsed ones */
                *autos += outer_container(g, up) == NONE;
                want[k] = 1;
            }
        }
    }
    return ASLDOT_OK;
}

asldot_status asldot_graph_view(asldot_graph *g, const asldot_view_options *opts,
                                asldot_diagnostics *diags)
{
    asldot_view_options defaults;
    view_ctx c;
    unsigned char *want = NULL, *boxes = NULL;
    size_t autos = 0, s;
    asldot_status st = ASLDOT_OK;

    if (g == NULL)
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_VIEW_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    if (opts == NULL) {
        asldot_view_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->collapse_count > 0 && opts->collapse == NULL)
        return ASLDOT_ERR_ARGS;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.diags = diags;

    if (opts->inside != NULL) {
        s = find_state(g, opts->inside);
        if (s == NONE || g->state_cluster[s] == NONE) {
            st = unknown(&c, "inside", opts->inside, "Parallel or Map state");
            goto done;
        }
        if ((st = inside(&c, s)) != ASLDOT_OK)
            goto done;
    }
    boxes = asldot_calloc(g->state_count + 1, 1);
    if (boxes == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    if (opts->focus != NULL) {
        s = find_state(g, opts->focus);
        if (s == NONE) {
            st = unknown(&c, "--focus", opts->focus, "state");
            goto done;
        }
        st = focus(&c, s, opts->focus_depth ? opts->focus_depth : ASLDOT_VIEW_FOCUS_DEPTH, boxes);
        if (st != ASLDOT_OK)
            goto done;
    }
    want = asldot_calloc(g->cluster_count + 1, 1);
    if (want == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    if ((st = choose_collapse(&c, opts, boxes, want, &autos)) != ASLDOT_OK)
        goto done;
    if ((st = collapse(&c, want)) != ASLDOT_OK)
        goto done;
    if (autos > 0) {
        asldot_buf_reset(&c.tmp);
        asldot_buf_printf(&c.tmp, "%zu nested container%s drawn collapsed (over %u states)", autos,
                          autos == 1 ? "" : "s", ASLDOT_VIEW_AUTO_COLLAPSE_STATES);
        if ((st = asldot_buf_status(&c.tmp)) == ASLDOT_OK)
            st = extend_title(&c, asldot_buf_cstr(&c.tmp));
        if (st != ASLDOT_OK)
            goto done;
    }
    st = catch_view(&c, opts->catch_mode);
done:
    asldot_free(want);
    asldot_free(boxes);
    asldot_buf_free(&c.tmp);
    return st;
}
