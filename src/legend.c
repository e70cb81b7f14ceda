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
    const char *cls;  /* class after "legend" */
    const char *name; /* first label line */
    const char *detail;
    asldot_state_type type;
} sample;

static const sample type_samples[] = {
    {"start", "Start", NULL, ASLDOT_STATE_UNKNOWN},
    {"task", "Task", "does the work", ASLDOT_STATE_TASK},
    {"pass", "Pass", "passes data on", ASLDOT_STATE_PASS},
    {"choice", "Choice", "picks a branch", ASLDOT_STATE_CHOICE},
    {"wait", "Wait", "pauses", ASLDOT_STATE_WAIT},
    {"succeed", "Succeed", "ends the run", ASLDOT_STATE_SUCCEED},
    {"fail", "Fail", "fails the run", ASLDOT_STATE_FAIL},
    {"end", "End", NULL, ASLDOT_STATE_UNKNOWN},
    {"parallel", "Parallel", "runs branches at once", ASLDOT_STATE_PARALLEL},
    {"map", "Map", "runs per item", ASLDOT_STATE_MAP},
    {"branch", "Branch", "one Parallel branch", ASLDOT_STATE_UNKNOWN},
};

static const sample status_samples[] = {
    {"status-succeeded", "Succeeded", "finished", ASLDOT_STATE_UNKNOWN},
    {"status-failed", "Failed", "error not caught", ASLDOT_STATE_UNKNOWN},
    {"status-caught", "Caught", "error handled by Catch", ASLDOT_STATE_UNKNOWN},
    {"status-in-progress", "In progress", "still running", ASLDOT_STATE_UNKNOWN},
    {"status-cancelled", "Cancelled", "stopped before the end", ASLDOT_STATE_UNKNOWN},
    {"status-not-run", "Not run", "never entered", ASLDOT_STATE_UNKNOWN},
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

typedef struct legend_ctx {
    asldot_graph *g;
    size_t cluster;
    size_t prev[LEGEND_MAX_ROW], prev_count; /* node ids of the previous grid row */
    size_t cur[LEGEND_MAX_ROW], cur_count;
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

static asldot_status add_sample_node(legend_ctx *cx, const char *cls, const char *name,
                                     const char *detail, asldot_state_type type, size_t *id)
{
    asldot_ir_node *n;
    asldot_status st = asldot_ir_add_node(cx->g, ASLDOT_IR_LEGEND, cx->cluster, &n);
    if (st != ASLDOT_OK)
        return st;
    n->type = type;
    n->name = name;     /* static text */
    n->detail = detail; /* static text or NULL */
    st = add_classes(cx->g, &n->classes, cls);
    *id = n->id;
    return st;
}

/* An invisible edge holding a node one rank below the matching node of the previous row. */
static asldot_status link_to_previous_row(legend_ctx *cx, size_t id, size_t column)
{
    asldot_ir_edge *e;
    asldot_status st;
    if (cx->prev_count == 0)
        return ASLDOT_OK;
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

static asldot_status add_node_rows(legend_ctx *cx, const sample *s, size_t count,
                                   size_t columns)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; st == ASLDOT_OK && i < count; i++) {
        size_t id;
        st = add_sample_node(cx, s[i].cls, s[i].name, s[i].detail, s[i].type, &id);
        if (st == ASLDOT_OK)
            st = link_to_previous_row(cx, id, cx->cur_count);
        cx->cur[cx->cur_count++] = id;
        if (cx->cur_count == columns || i + 1 == count)
            end_row(cx);
    }
    return st;
}

/* One sample edge: a small dot on one rank pointing at a small dot on the next. */
static asldot_status add_edge_sample(legend_ctx *cx, const edge_sample *s, size_t column,
                                     size_t *head)
{
    asldot_ir_edge *e;
    size_t tail;
    asldot_status st = add_sample_node(cx, "point", NULL, NULL, ASLDOT_STATE_UNKNOWN, &tail);
    if (st == ASLDOT_OK)
        st = link_to_previous_row(cx, tail, column);
    if (st == ASLDOT_OK)
        st = add_sample_node(cx, "point", NULL, NULL, ASLDOT_STATE_UNKNOWN, head);
    if (st == ASLDOT_OK)
        st = asldot_ir_add_edge(cx->g, ASLDOT_IR_EDGE_LEGEND, tail, *head, &e);
    if (st != ASLDOT_OK)
        return st;
    e->label = s->label;
    e->tooltip = s->label;
    return add_classes(cx->g, &e->classes, s->cls);
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

    st = add_node_rows(&cx, type_samples, sizeof type_samples / sizeof type_samples[0], 4);
    for (size_t i = 0; st == ASLDOT_OK && i < sizeof edge_samples / sizeof edge_samples[0];
         i++) {
        st = add_edge_sample(&cx, &edge_samples[i], cx.cur_count, &cx.cur[cx.cur_count]);
        cx.cur_count++;
    }
    for (size_t i = 0; g->has_overlay && st == ASLDOT_OK &&
                       i < sizeof overlay_edge_samples / sizeof overlay_edge_samples[0];
         i++) {
        st = add_edge_sample(&cx, &overlay_edge_samples[i], cx.cur_count,
                             &cx.cur[cx.cur_count]);
        cx.cur_count++;
    }
    if (st == ASLDOT_OK)
        end_row(&cx);
    if (st == ASLDOT_OK && g->has_overlay)
        st = add_node_rows(&cx, status_samples,
                           sizeof status_samples / sizeof status_samples[0], 3);
    if (st == ASLDOT_OK)
        g->has_legend = 1;
    return st;
}
