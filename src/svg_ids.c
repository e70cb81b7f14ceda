/*
 * svg_ids.c: the id of every group of the SVG, set as Graphviz's "id" attribute (gv_backend.c),
 * so that CSS, scripts and links (page.html#state-Approve) can target a state across
 * regenerations: ids come from names, not from creation order.
 *
 *   state-NAME            a state (a node, or a Parallel/Map container)
 *   branch-NAME-K         the K-th branch of Parallel NAME
 *   start, end            the markers; inside a container start-in-ID, end-in-ID (ID: its id)
 *   anchor-entry-ID, anchor-exit-ID   a container's invisible entry and exit points
 *   missing-NAME, ghost-NAME, elsewhere-NAME, legend-NAME   placeholders, a diff's removed
 *                         states, a partial view's outside states, legend samples
 *   edge-FROM--TO         a transition (FROM, TO: the state's NAME, or the marker's id), with
 *                         -catch, -default, -layout after a Catch, Default or layout edge
 *   legend                the legend's box; legend-edge-K its K-th sample edge
 *
 * NAME keeps ASCII letters and digits and writes every other byte as '_' and two upper-case
 * hex digits ("Approve order" -> "Approve_20order", "a_b" -> "a_5Fb", "a-b" -> "a_2Db"), so
 * names that differ in case or punctuation keep different ids, no id needs escaping in HTML, CSS
 * or a URL fragment, and every '-' of an id is one of the separators above: "edge-A--B" cannot be
 * read two ways, and no name can end like Graphviz's "a_ID-label". An id taken already (two
 * edges between the same states, or names repeated in keep-going mode) gets "-2", "-3", ... in
 * creation order. The one overlap left: the edges of a state named "start" or "end" read like
 * the marker's (the suffix keeps them unique).
 */
#include "svg_ids.h"
#include "alloc.h"
#include "buf.h"

#include <stdint.h>
#include <string.h>

/* ---- a set of the ids given so far (open addressing, at most half full) */

typedef struct id_set {
    const char **slots;
    size_t mask;
} id_set;

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

/* Adds s unless it is there; 1 when it was added. */
static int set_add(id_set *set, const char *s)
{
    size_t i = hash(s) & set->mask;
    while (set->slots[i] != NULL) {
        if (strcmp(set->slots[i], s) == 0)
            return 0;
        i = (i + 1) & set->mask;
    }
    set->slots[i] = s;
    return 1;
}

/* ---- building one id */

static void put_name(asldot_buf *b, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
            asldot_buf_putc(b, (char)*p);
        } else {
            asldot_buf_putc(b, '_');
            asldot_buf_putc(b, hex[*p >> 4]);
            asldot_buf_putc(b, hex[*p & 15]);
        }
    }
}

/* Makes b's text an id no other has: as it is, else with -2, -3, ... Returns the arena copy,
 * or NULL out of memory. */
static const char *take(asldot_svg_ids *ids, id_set *set, asldot_buf *b)
{
    size_t len = b->len;
    char *s;
    if (asldot_buf_status(b) != ASLDOT_OK || (s = asldot_arena_strdup(ids->arena, b->data)) == NULL)
        return NULL;
    for (unsigned long k = 2; !set_add(set, s); k++) {
        b->len = len;
        asldot_buf_printf(b, "-%lu", k);
        if (asldot_buf_status(b) != ASLDOT_OK ||
            (s = asldot_arena_strdup(ids->arena, b->data)) == NULL)
            return NULL;
    }
    return s;
}

static const char *state_name(const asldot_graph *g, size_t state, const char *fallback)
{
    return state < g->state_count && g->state_names[state] ? g->state_names[state] : fallback;
}

static void put_cluster(asldot_buf *b, const asldot_graph *g, size_t c, const size_t *branch_no)
{
    const asldot_ir_cluster *k = g->clusters[c];
    switch (k->kind) {
    case ASLDOT_IR_CLUSTER_BRANCH:
        asldot_buf_puts(b, "branch-");
        put_name(b, k->parent < g->cluster_count ? g->clusters[k->parent]->name : "");
        asldot_buf_printf(b, "-%zu", branch_no[c]);
        break;
    case ASLDOT_IR_CLUSTER_LEGEND:
        asldot_buf_puts(b, "legend");
        break;
    default:
        asldot_buf_puts(b, "state-");
        put_name(b, state_name(g, k->state_id, k->name));
    }
}

static void put_node(asldot_buf *b, const asldot_graph *g, const asldot_svg_ids *ids, size_t i)
{
    const asldot_ir_node *n = g->nodes[i];
    const char *in = n->cluster < g->cluster_count ? ids->cluster[n->cluster] : NULL;
    switch (n->kind) {
    case ASLDOT_IR_START:
    case ASLDOT_IR_END:
        asldot_buf_puts(b, n->kind == ASLDOT_IR_START ? "start" : "end");
        if (in != NULL)
            asldot_buf_printf(b, "-in-%s", in);
        return;
    case ASLDOT_IR_ANCHOR:
        asldot_buf_printf(b, "anchor-%s-%s",
                          in && g->clusters[n->cluster]->entry == i ? "entry" : "exit",
                          in ? in : "");
        return;
    case ASLDOT_IR_PLACEHOLDER:
        asldot_buf_puts(b, "missing-");
        break;
    case ASLDOT_IR_GHOST:
        asldot_buf_puts(b, "ghost-");
        break;
    case ASLDOT_IR_ELSEWHERE:
        asldot_buf_puts(b, "elsewhere-");
        break;
    case ASLDOT_IR_LEGEND:
        asldot_buf_puts(b, n->name && *n->name ? "legend-" : "legend-sample");
        break;
    default:
        asldot_buf_puts(b, "state-");
        put_name(b, state_name(g, n->state_id, n->name));
        return;
    }
    put_name(b, n->name);
}

/* One end of an edge: the state's name, else what the node is. */
static void put_end(asldot_buf *b, const asldot_graph *g, const asldot_svg_ids *ids, size_t state,
                    size_t node)
{
    if (state < g->state_count && g->state_names[state] != NULL)
        put_name(b, g->state_names[state]);
    else if (node < g->node_count)
        asldot_buf_puts(b, ids->node[node]);
}

static void put_edge(asldot_buf *b, const asldot_graph *g, const asldot_svg_ids *ids, size_t i,
                     size_t *legend_no)
{
    const asldot_ir_edge *e = g->edges[i];
    if (e->kind == ASLDOT_IR_EDGE_LEGEND) {
        asldot_buf_printf(b, "legend-edge-%zu", ++*legend_no);
        return;
    }
    asldot_buf_puts(b, "edge-");
    put_end(b, g, ids, e->from_state, e->from);
    asldot_buf_puts(b, "--");
    put_end(b, g, ids, e->to_state, e->to);
    if (e->kind == ASLDOT_IR_EDGE_CATCH)
        asldot_buf_puts(b, "-catch");
    else if (e->kind == ASLDOT_IR_EDGE_DEFAULT)
        asldot_buf_puts(b, "-default");
    else if (e->kind == ASLDOT_IR_EDGE_LAYOUT)
        asldot_buf_puts(b, "-layout");
}

static asldot_status fill(asldot_svg_ids *ids, const asldot_graph *g, id_set *set,
                          size_t *branch_no, asldot_buf *b)
{
    size_t legend_no = 0;
    /* branches are numbered within their Parallel, in creation order */
    for (size_t c = 0; c < g->cluster_count; c++) {
        const asldot_ir_cluster *k = g->clusters[c];
        if (k->kind == ASLDOT_IR_CLUSTER_BRANCH)
            branch_no[c] = 1 + (k->parent < g->cluster_count ? branch_no[k->parent]++ : 0);
    }
    /* a cluster's parent precedes it; markers and anchors name their cluster */
    for (size_t c = 0; c < g->cluster_count; c++) {
        asldot_buf_reset(b);
        put_cluster(b, g, c, branch_no);
        if ((ids->cluster[c] = take(ids, set, b)) == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->node_count; i++) {
        asldot_buf_reset(b);
        put_node(b, g, ids, i);
        if ((ids->node[i] = take(ids, set, b)) == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        asldot_buf_reset(b);
        put_edge(b, g, ids, i, &legend_no);
        if ((ids->edge[i] = take(ids, set, b)) == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    return ASLDOT_OK;
}

asldot_status asldot_svg_ids_new(asldot_svg_ids **out, const asldot_graph *g)
{
    asldot_svg_ids *ids;
    id_set set = {NULL, 0};
    size_t *branch_no = NULL, total, cap = 16;
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_status st = ASLDOT_ERR_NOMEM;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (g == NULL)
        return ASLDOT_ERR_ARGS;
    total = g->node_count + g->cluster_count + g->edge_count;
    while (cap < 2 * total + 2)
        cap *= 2;
    if ((ids = asldot_calloc(1, sizeof *ids)) == NULL)
        return ASLDOT_ERR_NOMEM;
    ids->arena = asldot_arena_new();
    if (ids->arena != NULL) {
        ids->node = asldot_arena_array(ids->arena, g->node_count + 1, sizeof *ids->node);
        ids->cluster = asldot_arena_array(ids->arena, g->cluster_count + 1, sizeof *ids->cluster);
        ids->edge = asldot_arena_array(ids->arena, g->edge_count + 1, sizeof *ids->edge);
    }
    set.slots = asldot_calloc(cap, sizeof *set.slots);
    set.mask = cap - 1;
    branch_no = asldot_calloc(g->cluster_count + 1, sizeof *branch_no);
    if (ids->arena != NULL && ids->node != NULL && ids->cluster != NULL && ids->edge != NULL &&
        set.slots != NULL && branch_no != NULL)
        st = fill(ids, g, &set, branch_no, &b);
    asldot_free(set.slots);
    asldot_free(branch_no);
    asldot_buf_free(&b);
    if (st != ASLDOT_OK) {
        asldot_svg_ids_free(ids);
        return st;
    }
    *out = ids;
    return ASLDOT_OK;
}

void asldot_svg_ids_free(asldot_svg_ids *ids)
{
    if (ids == NULL)
        return;
    asldot_arena_free(ids->arena);
    asldot_free(ids);
}
