/*
 * layout.c: the layout policy (see layout.h for what changes above which size, and why).
 */
#include "layout.h"
#include "alloc.h"

#include <stdio.h>
#include <string.h>

#define MAX_PASSES 3

typedef struct rank_ctx {
    const asldot_graph *g;
    size_t n, m;
    unsigned char *ranked; /* per edge: takes part in ranking (constraint, valid, no self-loop) */
    unsigned char *rev;    /* per edge: reversed to break a cycle */
    size_t *out_start;     /* CSR of original out-edges (ranked ones), n + 1 */
    size_t *out_edge;      /* m */
    size_t *dag_start;     /* CSR of oriented edges by oriented tail, n + 1 */
    size_t *dag_edge;      /* m */
    size_t *indeg;         /* n */
    size_t *rank;          /* n */
    size_t *queue;         /* n: Kahn's queue, then DFS stack of nodes */
    size_t *cursor;        /* n: DFS position in each node's out-edges */
    unsigned char *state;  /* n: DFS 0 new, 1 on stack, 2 done */
    size_t *best_in;       /* n: shortest ranked incoming edge, or NONE */
    size_t reversed;       /* edges break_cycles reversed */
} rank_ctx;

static size_t dag_tail(const rank_ctx *r, size_t e)
{
    const asldot_ir_edge *ed = r->g->edges[e];
    return r->rev[e] ? ed->to : ed->from;
}

static size_t dag_head(const rank_ctx *r, size_t e)
{
    const asldot_ir_edge *ed = r->g->edges[e];
    return r->rev[e] ? ed->from : ed->to;
}

/* Builds a CSR index of the ranked edges keyed by key(e). */
static void csr(const rank_ctx *r, size_t *start, size_t *items, int oriented)
{
    memset(start, 0, (r->n + 1) * sizeof *start);
    for (size_t e = 0; e < r->m; e++)
        if (r->ranked[e])
            start[(oriented ? dag_tail(r, e) : r->g->edges[e]->from) + 1]++;
    for (size_t v = 0; v < r->n; v++)
        start[v + 1] += start[v];
    memcpy(r->cursor, start, r->n * sizeof *start);
    for (size_t e = 0; e < r->m; e++)
        if (r->ranked[e])
            items[r->cursor[oriented ? dag_tail(r, e) : r->g->edges[e]->from]++] = e;
}

/* The builder already took every loop-back transition out of the ranking (build.c walks each
 * scope from StartAt), so a built graph has no cycle left here and nothing is reversed: the
 * estimate ranks exactly what Graphviz ranks. What may remain (a diff's removed edges onto ghost
 * states) is broken as dot does: depth-first from every node in id order, the Start marker first;
 * an edge into a node on the stack closes a cycle and is reversed. Iterative: the diagram's depth
 * is unbounded. */
static void break_cycles(rank_ctx *r)
{
    size_t *stack = r->queue;
    csr(r, r->out_start, r->out_edge, 0);
    memset(r->state, 0, r->n);
    memcpy(r->cursor, r->out_start, r->n * sizeof *r->cursor);
    for (size_t root = 0; root < r->n; root++) {
        size_t top = 0;
        if (r->state[root])
            continue;
        stack[top++] = root;
        r->state[root] = 1;
        while (top > 0) {
            size_t v = stack[top - 1];
            if (r->cursor[v] == r->out_start[v + 1]) {
                r->state[v] = 2;
                top--;
                continue;
            }
            size_t e = r->out_edge[r->cursor[v]++];
            size_t w = r->g->edges[e]->to;
            if (r->state[w] == 1) {
                r->rev[e] = 1;
                r->reversed++;
            } else if (r->state[w] == 0) {
                r->state[w] = 1;
                stack[top++] = w; /* each node is pushed once: top <= n */
            }
        }
    }
    csr(r, r->dag_start, r->dag_edge, 1);
}

/* Longest path from the sources over the ranked edges that are still kept. */
static void rank_nodes(rank_ctx *r, const unsigned char *action)
{
    size_t head = 0, tail = 0;
    memset(r->indeg, 0, r->n * sizeof *r->indeg);
    memset(r->rank, 0, r->n * sizeof *r->rank);
    for (size_t e = 0; e < r->m; e++)
        if (r->ranked[e] && action[e] == ASLDOT_LAYOUT_EDGE_KEEP)
            r->indeg[dag_head(r, e)]++;
    for (size_t v = 0; v < r->n; v++)
        if (r->indeg[v] == 0)
            r->queue[tail++] = v;
    while (head < tail) {
        size_t v = r->queue[head++];
        for (size_t i = r->dag_start[v]; i < r->dag_start[v + 1]; i++) {
            size_t e = r->dag_edge[i], w;
            if (action[e] != ASLDOT_LAYOUT_EDGE_KEEP)
                continue;
            w = dag_head(r, e);
            if (r->rank[w] < r->rank[v] + 1)
                r->rank[w] = r->rank[v] + 1;
            if (--r->indeg[w] == 0)
                r->queue[tail++] = w;
        }
    }
}

static size_t span(const rank_ctx *r, size_t e)
{
    size_t a = r->rank[r->g->edges[e]->from], b = r->rank[r->g->edges[e]->to];
    return a > b ? a - b : b - a;
}

/* One pass: marks the long edges; returns how many were newly marked. */
static size_t mark_long(rank_ctx *r, asldot_layout_plan *plan)
{
    size_t marked = 0;
    for (size_t v = 0; v < r->n; v++)
        r->best_in[v] = ASLDOT_IR_NONE;
    for (size_t e = 0; e < r->m; e++) {
        size_t h;
        if (!r->ranked[e] || plan->edge_action[e] != ASLDOT_LAYOUT_EDGE_KEEP)
            continue;
        h = dag_head(r, e);
        if (r->best_in[h] == ASLDOT_IR_NONE || span(r, e) < span(r, r->best_in[h]))
            r->best_in[h] = e;
    }
    for (size_t e = 0; e < r->m; e++) {
        const asldot_ir_edge *ed = r->g->edges[e];
        if (plan->edge_action[e] != ASLDOT_LAYOUT_EDGE_KEEP || ed->from >= r->n || ed->to >= r->n ||
            ed->kind == ASLDOT_IR_EDGE_LEGEND || span(r, e) <= ASLDOT_LAYOUT_LONG_SPAN)
            continue;
        if (r->ranked[e] && r->best_in[dag_head(r, e)] == e)
            continue; /* the node's anchor in the ranking */
        if (ed->kind == ASLDOT_IR_EDGE_LAYOUT) {
            plan->edge_action[e] = ASLDOT_LAYOUT_EDGE_DROP;
            plan->dropped++;
        } else {
            plan->edge_action[e] = ASLDOT_LAYOUT_EDGE_REF;
            plan->refs++;
        }
        marked++;
    }
    return marked;
}

static void rank_free(rank_ctx *r)
{
    asldot_free(r->ranked);
    asldot_free(r->rev);
    asldot_free(r->out_start);
    asldot_free(r->out_edge);
    asldot_free(r->dag_start);
    asldot_free(r->dag_edge);
    asldot_free(r->indeg);
    asldot_free(r->rank);
    asldot_free(r->queue);
    asldot_free(r->cursor);
    asldot_free(r->state);
    asldot_free(r->best_in);
}

/* Allocates r's arrays for g and marks the ranked edges (those Graphviz ranks by: constraint,
 * valid ends, no self-loop). On failure everything is freed. */
static asldot_status rank_new(rank_ctx *r, const asldot_graph *g)
{
    size_t n = g->node_count, m = g->edge_count;
    memset(r, 0, sizeof *r);
    r->g = g;
    r->n = n;
    r->m = m;
    r->ranked = asldot_calloc(m ? m : 1, 1);
    r->rev = asldot_calloc(m ? m : 1, 1);
    r->out_start = asldot_calloc(n + 1, sizeof(size_t));
    r->out_edge = asldot_calloc(m ? m : 1, sizeof(size_t));
    r->dag_start = asldot_calloc(n + 1, sizeof(size_t));
    r->dag_edge = asldot_calloc(m ? m : 1, sizeof(size_t));
    r->indeg = asldot_calloc(n ? n : 1, sizeof(size_t));
    r->rank = asldot_calloc(n ? n : 1, sizeof(size_t));
    r->queue = asldot_calloc(n ? n : 1, sizeof(size_t));
    r->cursor = asldot_calloc(n ? n : 1, sizeof(size_t));
    r->state = asldot_calloc(n ? n : 1, 1);
    r->best_in = asldot_calloc(n ? n : 1, sizeof(size_t));
    if (r->ranked == NULL || r->rev == NULL || r->out_start == NULL || r->out_edge == NULL ||
        r->dag_start == NULL || r->dag_edge == NULL || r->indeg == NULL || r->rank == NULL ||
        r->queue == NULL || r->cursor == NULL || r->state == NULL || r->best_in == NULL) {
        rank_free(r);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t e = 0; e < m; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        r->ranked[e] = ed->constraint && ed->from < n && ed->to < n && ed->from != ed->to;
    }
    return ASLDOT_OK;
}

static asldot_status shorten_long_edges(asldot_layout_plan *plan, const asldot_graph *g)
{
    rank_ctx r;
    size_t m = g->edge_count;
    plan->edge_action = asldot_calloc(m ? m : 1, 1);
    plan->edge_count = m;
    if (plan->edge_action == NULL || rank_new(&r, g) != ASLDOT_OK) {
        asldot_free(plan->edge_action);
        plan->edge_action = NULL;
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t e = 0; e < m; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        if (ed->stub) { /* view.c's catch stubs: references whatever the size */
            plan->edge_action[e] = ASLDOT_LAYOUT_EDGE_REF;
            plan->refs++;
        }
    }
    break_cycles(&r);
    plan->reversed = r.reversed;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        rank_nodes(&r, plan->edge_action);
        if (mark_long(&r, plan) == 0)
            break;
    }
    rank_free(&r);
    plan->reshaped = plan->refs + plan->dropped > 0;
    if (!plan->reshaped) {
        asldot_free(plan->edge_action);
        plan->edge_action = NULL;
    }
    return ASLDOT_OK;
}

/* Every node, plus one virtual node per rank an edge crosses beyond the first (dot draws a long
 * edge as a chain through each rank it spans, ranked or not); the model is in layout.h. */
asldot_status asldot_layout_full_cost(const asldot_graph *g, asldot_layout_cost *cost)
{
    rank_ctx r;
    unsigned char *keep;
    double v;
    if (g == NULL || cost == NULL)
        return ASLDOT_ERR_ARGS;
    memset(cost, 0, sizeof *cost);
    cost->nodes = g->node_count;
    keep = asldot_calloc(g->edge_count ? g->edge_count : 1, 1); /* all ASLDOT_LAYOUT_EDGE_KEEP */
    if (keep == NULL || rank_new(&r, g) != ASLDOT_OK) {
        asldot_free(keep);
        return ASLDOT_ERR_NOMEM;
    }
    break_cycles(&r);
    rank_nodes(&r, keep);
    for (size_t e = 0; e < r.m; e++) {
        const asldot_ir_edge *ed = g->edges[e];
        size_t k;
        if (ed->from >= r.n || ed->to >= r.n || ed->stub)
            continue; /* a stub ends at a reference beside its tail */
        k = span(&r, e);
        cost->virtuals += k > 1 ? k - 1 : 0;
    }
    asldot_free(keep);
    rank_free(&r);
    v = (double)cost->nodes + (double)cost->virtuals;
    cost->seconds = v * v * ASLDOT_LAYOUT_FULL_NS_PER_V2 * 1e-9;
    cost->bytes = v * ASLDOT_LAYOUT_FULL_BYTES_PER_V;
    cost->too_costly = cost->seconds > ASLDOT_LAYOUT_FULL_MAX_SECONDS ||
                       cost->bytes > ASLDOT_LAYOUT_FULL_MAX_BYTES;
    return ASLDOT_OK;
}

/* Full quality: only the edges view.c made stubs end at reference nodes. */
static asldot_status stub_edges(asldot_layout_plan *plan, const asldot_graph *g)
{
    size_t m = g->edge_count, stubs = 0;
    for (size_t e = 0; e < m; e++)
        stubs += g->edges[e]->stub != 0;
    if (stubs == 0)
        return ASLDOT_OK;
    plan->edge_action = asldot_calloc(m, 1);
    if (plan->edge_action == NULL)
        return ASLDOT_ERR_NOMEM;
    plan->edge_count = m;
    for (size_t e = 0; e < m; e++)
        if (g->edges[e]->stub)
            plan->edge_action[e] = ASLDOT_LAYOUT_EDGE_REF;
    plan->refs = stubs;
    plan->reshaped = 1;
    return ASLDOT_OK;
}

void asldot_layout_nslimit(char *buf, size_t size, size_t nodes)
{
    /* millionths, printed without the locale: a host's "0,5" would read back as 0 */
    size_t n = nodes ? nodes : 1;
    size_t micro = ((size_t)ASLDOT_LAYOUT_NS_ITERATIONS * 1000000 + n / 2) / n;
    if (micro >= 1000000)
        snprintf(buf, size, "1");
    else
        snprintf(buf, size, "0.%06zu", micro ? micro : 1);
}

static void add_param(asldot_layout_plan *plan, const char *name, const char *value)
{
    if (plan->param_count < ASLDOT_LAYOUT_MAX_PARAMS) {
        plan->params[plan->param_count].name = name;
        plan->params[plan->param_count].value = value;
        plan->param_count++;
    }
}

/* A forward transition that can share its head's entry point: Next, Choice or Default into a
 * state (not into a container's border, not a loop back, not cut to a reference). */
static int mergeable(const asldot_layout_plan *plan, const asldot_graph *g, size_t e)
{
    const asldot_ir_edge *ed = g->edges[e];
    if (ed->kind != ASLDOT_IR_EDGE_NEXT && ed->kind != ASLDOT_IR_EDGE_CHOICE &&
        ed->kind != ASLDOT_IR_EDGE_DEFAULT)
        return 0;
    if (!ed->constraint || ed->stub || ed->lhead != ASLDOT_IR_NONE || ed->to >= g->node_count ||
        g->nodes[ed->to]->kind != ASLDOT_IR_STATE)
        return 0;
    return plan->edge_action == NULL || plan->edge_action[e] == ASLDOT_LAYOUT_EDGE_KEEP;
}

/* Fan-in: ASLDOT_LAYOUT_FANIN_MERGE or more transitions into one state arrive at one point. */
static asldot_status merge_fan_in(asldot_layout_plan *plan, const asldot_graph *g)
{
    size_t *in = asldot_calloc(g->node_count ? g->node_count : 1, sizeof *in);
    if (in == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t e = 0; e < g->edge_count; e++)
        if (mergeable(plan, g, e))
            in[g->edges[e]->to]++;
    for (size_t e = 0; e < g->edge_count; e++) {
        if (!mergeable(plan, g, e) || in[g->edges[e]->to] < ASLDOT_LAYOUT_FANIN_MERGE)
            continue;
        if (plan->merge_head == NULL) {
            plan->merge_head = asldot_calloc(g->edge_count, 1);
            if (plan->merge_head == NULL) {
                asldot_free(in);
                return ASLDOT_ERR_NOMEM;
            }
        }
        plan->merge_head[e] = 1;
        plan->merged++;
    }
    asldot_free(in);
    return ASLDOT_OK;
}

asldot_status asldot_layout_plan_make(asldot_layout_plan *plan, const asldot_graph *g)
{
    asldot_status st;
    if (plan == NULL || g == NULL)
        return ASLDOT_ERR_ARGS;
    memset(plan, 0, sizeof *plan);
    if (g->layout == ASLDOT_LAYOUT_FULL ||
        (g->layout == ASLDOT_LAYOUT_AUTO && g->node_count <= ASLDOT_LAYOUT_REF_NODES)) {
        st = stub_edges(plan, g);
    } else {
        if (g->layout == ASLDOT_LAYOUT_FAST || g->node_count > ASLDOT_LAYOUT_BOUND_NODES) {
            asldot_layout_nslimit(plan->nslimit, sizeof plan->nslimit, g->node_count);
            add_param(plan, "nslimit", plan->nslimit);
        }
        if (g->layout == ASLDOT_LAYOUT_FAST || g->node_count > ASLDOT_LAYOUT_NEWRANK_NODES)
            add_param(plan, "newrank", "true");
        st = shorten_long_edges(plan, g);
    }
    return st == ASLDOT_OK ? merge_fan_in(plan, g) : st;
}

int asldot_layout_in_parts(const asldot_graph *g)
{
    return g != NULL &&
           (g->layout == ASLDOT_LAYOUT_FAST ||
            (g->layout == ASLDOT_LAYOUT_AUTO && g->node_count > ASLDOT_LAYOUT_PARTS_NODES));
}

void asldot_layout_plan_free(asldot_layout_plan *plan)
{
    if (plan == NULL)
        return;
    asldot_free(plan->edge_action);
    plan->edge_action = NULL;
    asldot_free(plan->merge_head);
    plan->merge_head = NULL;
}
