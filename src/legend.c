/*
 * legend.c: the legend, a cluster of sample objects that the style draws exactly like the real
 * ones (a sample Task carries the class "task", so every "node.task" rule reaches it). Samples
 * never carry the class "state": the SVG contract counts states by that class. The samples form
 * a small grid: rows of nodes on successive ranks, held together by invisible layout edges.
 */
#include "ir.h"

#include <string.h>

#define LEGEND_MAX_ROW 8

typedef struct sample {
    const char *cls;  /* classes after "legend" */
    const char *name; /* first label line */
    const char *detail;
    const char *notes;
    asldot_state_type type;
} sample;

static const sample type_samples[] = {
    {"start", "Start", NULL, NULL, ASLDOT_STATE_UNKNOWN},
    {"task", "Task", "does the work", NULL, ASLDOT_STATE_TASK},
    {"pass", "Pass", "passes data on", NULL, ASLDOT_STATE_PASS},
    {"choice", "Choice", "picks a branch", NULL, ASLDOT_STATE_CHOICE},
    {"wait", "Wait", "pauses", NULL, ASLDOT_STATE_WAIT},
    {"succeed", "Succeed", "ends the run", NULL, ASLDOT_STATE_SUCCEED},
    {"fail", "Fail", "fails the run", NULL, ASLDOT_STATE_FAIL},
    {"end", "End", NULL, NULL, ASLDOT_STATE_UNKNOWN},
    {"parallel", "Parallel", "runs branches at once", NULL, ASLDOT_STATE_PARALLEL},
    {"map", "Map", "runs per item", NULL, ASLDOT_STATE_MAP},
    {"branch", "Branch", "one Parallel branch", NULL, ASLDOT_STATE_UNKNOWN},
    {"task retried", "Retried", "Task with Retry", "\xe2\x86\xbb 3\xc3\x97 States.Timeout",
     ASLDOT_STATE_TASK},
};

static const sample status_samples[] = {
    {"status-succeeded", "Succeeded", "finished", NULL, ASLDOT_STATE_UNKNOWN},
    {"status-failed", "Failed", "error not caught", NULL, ASLDOT_STATE_UNKNOWN},
    {"status-caught", "Caught", "error handled by Catch", NULL, ASLDOT_STATE_UNKNOWN},
    {"status-in-progress", "In progress", "still running", NULL, ASLDOT_STATE_UNKNOWN},
    {"status-cancelled", "Cancelled", "stopped before the end", NULL, ASLDOT_STATE_UNKNOWN},
    {"status-not-run", "Not run", "never entered", NULL, ASLDOT_STATE_UNKNOWN},
};

static const sample diff_samples[] = {
    {"diff-added", "Added", "+ added", NULL, ASLDOT_STATE_UNKNOWN},
    {"diff-changed", "Changed", "~ changed: fields", NULL, ASLDOT_STATE_UNKNOWN},
    {"diff-renamed", "Renamed", "\xE2\x86\xB7 renamed from X", NULL, ASLDOT_STATE_UNKNOWN},
    {"ghost diff-removed", "Removed", "\xE2\x88\x92 removed", NULL, ASLDOT_STATE_UNKNOWN},
};

typedef struct edge_sample {
    const char *cls; /* classes after "legend" */
    const char *label;
} edge_sample;

static const edge_sample edge_samples[] = {
    {"next", "Next"},
    {"choice", "Choice rule"},
    {"default", "Default"},
    {"catch", "Catch"},
};

static const edge_sample overlay_edge_samples[] = {
    {"next taken", "Taken"},
    {"next untaken", "Not taken"},
};

static const edge_sample diff_edge_samples[] = {
    {"next diff-added", "Added"},
    {"next diff-removed", "Removed"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct legend_ctx {
    asldot_graph *g;
    size_t cluster;
    size_t prev[LEGEND_MAX_ROW], prev_count; /* node ids of the previous grid row */
    size_t cur[LEGEND_MAX_ROW], cur_count;
    int reverse; /* declare each row right to left (see row_position) */
} legend_ctx;

/* "legend" followed by each space-separated word of more. */
static asldot_status add_classes(asldot_graph *g, const char **classes, const char *more)
{
    asldot_status st = asldot_ir_add_class(g, classes, "legend");
    char word[64];
    while (st == ASLDOT_OK && more && *more) {
        size_t n = strcspn(more, " ");
        if (n > 0 && n < sizeof word) {
            memcpy(word, more, n);
            word[n] = '\0';
            st = asldot_ir_add_class(g, classes, word);
        }
        more += n;
        while (*more == ' ')
            more++;
    }
    return st;
}

static asldot_status add_sample_node(legend_ctx *cx, const sample *x, size_t *id)
{
    asldot_ir_node *n;
    asldot_status st = asldot_ir_add_node(cx->g, ASLDOT_IR_LEGEND, cx->cluster, &n);
    if (st != ASLDOT_OK)
        return st;
    n->type = x->type;
    n->name = x->name;     /* static text or NULL */
    n->detail = x->detail; /* static text or NULL */
    n->notes = x->notes;
    st = add_classes(cx->g, &n->classes, x->cls);
    *id = n->id;
    return st;
}

/* An invisible edge holding a node one rank below the matching node of the previous row. */
static asldot_status link_to_previous_row(legend_ctx *cx, size_t id, size_t column, size_t columns)
{
    asldot_ir_edge *e;
    asldot_status st;
    if (cx->prev_count == 0)
        return ASLDOT_OK;
    /* spread a row over the previous one when their widths differ */
    column = column * cx->prev_count / (columns ? columns : 1);
    if (column >= cx->prev_count)
        column = cx->prev_count - 1;
    st = asldot_ir_add_edge(cx->g, ASLDOT_IR_EDGE_LAYOUT, cx->prev[column], id, &e);
    if (st == ASLDOT_OK)
        st = asldot_ir_add_class(cx->g, &e->classes, "legend");
    return st;
}

static void end_row(legend_ctx *cx)
{
    memcpy(cx->prev, cx->cur, cx->cur_count * sizeof cx->cur[0]);
    cx->prev_count = cx->cur_count;
    cx->cur_count = 0;
}

/* dot orders the nodes of a rank in a cluster (and the children of one node) right to left in
 * declaration order with rankdir TB, top to bottom with LR: declare TB rows (nodes and their
 * layout edges) backwards so every row reads left to right. */
static size_t row_position(const legend_ctx *cx, size_t p, size_t k)
{
    return cx->reverse ? k - 1 - p : p;
}

static asldot_status add_node_rows(legend_ctx *cx, const sample *s, size_t count, size_t columns)
{
    asldot_status st = ASLDOT_OK;
    for (size_t start = 0; st == ASLDOT_OK && start < count; start += columns) {
        size_t k = count - start < columns ? count - start : columns;
        for (size_t p = 0; st == ASLDOT_OK && p < k; p++) {
            size_t col = row_position(cx, p, k);
            st = add_sample_node(cx, &s[start + col], &cx->cur[col]);
        }
        for (size_t p = 0; st == ASLDOT_OK && p < k; p++) {
            size_t col = row_position(cx, p, k);
            st = link_to_previous_row(cx, cx->cur[col], col, k);
        }
        cx->cur_count = k;
        end_row(cx);
    }
    return st;
}

/* One sample edge: a small dot on one rank pointing at a small dot on the next. */
static asldot_status add_edge_sample(legend_ctx *cx, const edge_sample *s, size_t *tail,
                                     size_t *head)
{
    static const sample point = {"point", NULL, NULL, NULL, ASLDOT_STATE_UNKNOWN};
    asldot_ir_edge *e;
    asldot_status st = add_sample_node(cx, &point, tail);
    if (st == ASLDOT_OK)
        st = add_sample_node(cx, &point, head);
    if (st == ASLDOT_OK)
        st = asldot_ir_add_edge(cx->g, ASLDOT_IR_EDGE_LEGEND, *tail, *head, &e);
    if (st != ASLDOT_OK)
        return st;
    e->label = s->label;
    e->tooltip = s->label;
    return add_classes(cx->g, &e->classes, s->cls);
}

/* A row of sample edges, no wider than the row above: every sample then hangs below its own
 * node of that row, which fixes the left-to-right order (dot reorders siblings freely). */
static asldot_status add_edge_row(legend_ctx *cx, const edge_sample *row, size_t k)
{
    size_t tails[LEGEND_MAX_ROW];
    asldot_status st = ASLDOT_OK;
    for (size_t p = 0; st == ASLDOT_OK && p < k; p++) {
        size_t col = row_position(cx, p, k);
        st = add_edge_sample(cx, &row[col], &tails[col], &cx->cur[col]);
    }
    for (size_t p = 0; st == ASLDOT_OK && p < k; p++) {
        size_t col = row_position(cx, p, k);
        st = link_to_previous_row(cx, tails[col], col, k);
    }
    cx->cur_count = k;
    end_row(cx);
    return st;
}

asldot_status asldot_graph_add_legend(asldot_graph *g)
{
    asldot_ir_cluster *c;
    legend_ctx cx;
    asldot_status st;

    if (g == NULL)
        return ASLDOT_ERR_ARGS;
    if (g->has_legend)
        return ASLDOT_OK;
    st = asldot_ir_add_cluster(g, ASLDOT_IR_CLUSTER_LEGEND, ASLDOT_IR_NONE, &c);
    if (st != ASLDOT_OK)
        return st;
    c->name = "Legend";
    st = asldot_ir_add_class(g, &c->classes, "legend");
    if (st != ASLDOT_OK)
        return st;
    memset(&cx, 0, sizeof cx);
    cx.g = g;
    cx.cluster = c->id;
    cx.reverse = g->rankdir == ASLDOT_RANKDIR_TB;

    /* rows never grow wider (4, 4, 4, 4 | 3, 3, 2) so that each sample has its own parent */
    st = add_node_rows(&cx, type_samples, COUNT(type_samples), 4);
    if (st == ASLDOT_OK)
        st = add_edge_row(&cx, edge_samples, COUNT(edge_samples));
    if (st == ASLDOT_OK && g->has_overlay)
        st = add_node_rows(&cx, status_samples, COUNT(status_samples), 3);
    if (st == ASLDOT_OK && g->has_overlay)
        st = add_edge_row(&cx, overlay_edge_samples, COUNT(overlay_edge_samples));
    if (st == ASLDOT_OK && g->has_diff)
        st = add_node_rows(&cx, diff_samples, COUNT(diff_samples), 4);
    if (st == ASLDOT_OK && g->has_diff)
        st = add_edge_row(&cx, diff_edge_samples, COUNT(diff_edge_samples));
    if (st == ASLDOT_OK)
        g->has_legend = 1;
    return st;
}
