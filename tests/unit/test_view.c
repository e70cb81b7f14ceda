/* test_view.c: what part of a diagram is drawn (view.c): collapsed containers, a focus with
 * stand-ins, one container's inside, catch stubs and hidden catches, collapsing by size, names
 * that are not states, and allocation failures. Over machines parsed from JSON, read through the
 * IR and, for one of each, rendered to SVG. */
#include "../harness.h"
#include "alloc.h"
#include "ir.h"

#include <stdio.h>

/* Start -> Load -> Each (Map: Pick -> Work (Parallel: A | B1 -> B2) -> Done) -> Summarise.
 * Work catches into Recover (inside the Map) and retries itself through its own Catch. */
static const char nested[] =
    "{\"Comment\": \"Nested\", \"StartAt\": \"Load\", \"States\": {"
    "\"Load\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
    "\"Next\": \"Each\"},"
    "\"Each\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"Pick\", \"States\": {"
    "  \"Pick\": {\"Type\": \"Pass\", \"Next\": \"Work\"},"
    "  \"Work\": {\"Type\": \"Parallel\", \"Next\": \"Done\", \"Catch\": ["
    "    {\"ErrorEquals\": [\"Again\"], \"Next\": \"Work\"},"
    "    {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}], \"Branches\": ["
    "    {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}},"
    "    {\"StartAt\": \"B1\", \"States\": {\"B1\": {\"Type\": \"Pass\", \"Next\": \"B2\"},"
    "      \"B2\": {\"Type\": \"Pass\", \"End\": true}}}]},"
    "  \"Recover\": {\"Type\": \"Pass\", \"End\": true},"
    "  \"Done\": {\"Type\": \"Succeed\"}}}, \"Next\": \"Summarise\"},"
    "\"Summarise\": {\"Type\": \"Pass\", \"End\": true}}}";

/* Five Tasks in a row, each catching States.ALL into Handler; T2 also catches into Other. */
static const char fan_in[] =
    "{\"StartAt\": \"T1\", \"States\": {"
    "\"T1\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Next\": "
    "\"T2\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handler\"}]},"
    "\"T2\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Next\": "
    "\"T3\", \"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"Other\"},"
    "  {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handler\"}]},"
    "\"T3\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Next\": "
    "\"T4\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handler\"}]},"
    "\"T4\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Next\": "
    "\"T5\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handler\"}]},"
    "\"T5\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": "
    "true, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handler\"}]},"
    "\"Other\": {\"Type\": \"Fail\"},"
    "\"Handler\": {\"Type\": \"Fail\", \"Error\": \"Failed\"}}}";

static asldot_graph *build(const char *json)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    CHECK_EQ_INT(asldot_machine_parse(&m, json, strlen(json), NULL, NULL), ASLDOT_OK);
    if (m == NULL)
        return NULL;
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return g;
}

static const asldot_ir_node *node_named(const asldot_graph *g, const char *name,
                                        asldot_ir_node_kind kind)
{
    for (size_t i = 0; i < g->node_count; i++)
        if (g->nodes[i]->kind == kind && g->nodes[i]->name != NULL &&
            strcmp(g->nodes[i]->name, name) == 0)
            return g->nodes[i];
    return NULL;
}

static const asldot_ir_cluster *cluster_named(const asldot_graph *g, const char *name)
{
    for (size_t i = 0; i < g->cluster_count; i++)
        if (g->clusters[i]->name != NULL && strcmp(g->clusters[i]->name, name) == 0)
            return g->clusters[i];
    return NULL;
}

static size_t count_edges(const asldot_graph *g, size_t from, size_t to, asldot_ir_edge_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < g->edge_count; i++)
        n += g->edges[i]->from == from && g->edges[i]->to == to && g->edges[i]->kind == kind;
    return n;
}

/* Every reference in g points inside g: what asldot_ir_remove must keep true. */
static void check_consistent(const asldot_graph *g)
{
    for (size_t i = 0; i < g->node_count; i++) {
        CHECK_EQ_INT((long)g->nodes[i]->id, (long)i);
        CHECK(g->nodes[i]->cluster == ASLDOT_IR_NONE || g->nodes[i]->cluster < g->cluster_count);
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        CHECK(e->from < g->node_count && e->to < g->node_count);
        CHECK(e->ltail == ASLDOT_IR_NONE || e->ltail < g->cluster_count);
        CHECK(e->lhead == ASLDOT_IR_NONE || e->lhead < g->cluster_count);
    }
    for (size_t k = 0; k < g->cluster_count; k++) {
        const asldot_ir_cluster *c = g->clusters[k];
        CHECK(c->parent == ASLDOT_IR_NONE || c->parent < k);
        CHECK(c->entry == ASLDOT_IR_NONE || c->entry < g->node_count);
        CHECK(c->exit == ASLDOT_IR_NONE || c->exit < g->node_count);
    }
    for (size_t s = 0; s < g->state_count; s++) {
        CHECK(g->state_node[s] == ASLDOT_IR_NONE || g->state_node[s] < g->node_count);
        CHECK(g->state_cluster[s] == ASLDOT_IR_NONE || g->state_cluster[s] < g->cluster_count);
    }
}

/* One renderer for the whole test, as for any process (Graphviz keeps plugin state). */
static asldot_renderer *renderer;

static char *render_svg(const asldot_graph *g)
{
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_render(renderer, g, ASLDOT_FORMAT_SVG, &out, &len, NULL), ASLDOT_OK);
    return out;
}

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay ? strstr(hay, needle) : NULL; p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_container_names(void)
{
    asldot_graph *g = build(nested);
    CHECK_EQ_STR(asldot_graph_container_name(g, 0), "Each");
    CHECK_EQ_STR(asldot_graph_container_name(g, 1), "Work");
    CHECK(asldot_graph_container_name(g, 2) == NULL);
    CHECK(asldot_graph_container_name(NULL, 0) == NULL);
    asldot_graph_free(g);
}

static void test_collapse_one(void)
{
    asldot_graph *g = build(nested);
    const char *names[] = {"Work"};
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    const asldot_ir_node *box, *pick, *done, *recover;
    char *svg;
    o.collapse = names;
    o.collapse_count = 1;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    box = node_named(g, "Work", ASLDOT_IR_STATE);
    CHECK(box != NULL);
    CHECK(cluster_named(g, "Work") == NULL);
    CHECK(cluster_named(g, "Each") != NULL); /* only what was named */
    CHECK(node_named(g, "A", ASLDOT_IR_STATE) == NULL);
    CHECK(node_named(g, "B2", ASLDOT_IR_STATE) == NULL);
    if (box != NULL) {
        CHECK(asldot_ir_has_class(box->classes, "collapsed"));
        CHECK(asldot_ir_has_class(box->classes, "parallel"));
        CHECK(asldot_ir_has_class(box->classes, "state"));
        CHECK_CONTAINS(box->detail, "3 states inside (collapsed)");
        CHECK_EQ_INT((long)box->cluster, (long)cluster_named(g, "Each")->id);
        pick = node_named(g, "Pick", ASLDOT_IR_STATE);
        done = node_named(g, "Done", ASLDOT_IR_STATE);
        recover = node_named(g, "Recover", ASLDOT_IR_STATE);
        CHECK(pick && done && recover);
        if (pick && done && recover) {
            CHECK_EQ_INT((long)count_edges(g, pick->id, box->id, ASLDOT_IR_EDGE_NEXT), 1);
            CHECK_EQ_INT((long)count_edges(g, box->id, done->id, ASLDOT_IR_EDGE_NEXT), 1);
            CHECK_EQ_INT((long)count_edges(g, box->id, recover->id, ASLDOT_IR_EDGE_CATCH), 1);
            /* the retry through its own Catch stays, as a loop on the box */
            CHECK_EQ_INT((long)count_edges(g, box->id, box->id, ASLDOT_IR_EDGE_CATCH), 1);
        }
        for (size_t s = 0; s < g->state_count; s++)
            if (g->state_names[s] && strcmp(g->state_names[s], "Work") == 0)
                CHECK_EQ_INT((long)g->state_node[s], (long)box->id);
    }
    svg = render_svg(g);
    CHECK_CONTAINS(svg, "class=\"node state parallel collapsed\"");
    CHECK_EQ_INT((long)occurrences(svg, "collapsed\""), 1);
    asldot_buffer_free(svg);
    asldot_graph_free(g);
}

static void test_collapse_all(void)
{
    asldot_graph *g = build(nested);
    asldot_view_options o;
    const asldot_ir_node *box, *load;
    asldot_view_options_init(&o);
    o.flags = ASLDOT_VIEW_COLLAPSE_ALL;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    CHECK_EQ_INT((long)g->cluster_count, 0);
    box = node_named(g, "Each", ASLDOT_IR_STATE);
    load = node_named(g, "Load", ASLDOT_IR_STATE);
    CHECK(box != NULL && load != NULL);
    CHECK(node_named(g, "Work", ASLDOT_IR_STATE) == NULL); /* inside Each, gone with it */
    if (box != NULL && load != NULL) {
        CHECK_CONTAINS(box->detail, "7 states inside (collapsed)");
        CHECK(asldot_ir_has_class(box->classes, "map"));
        CHECK_EQ_INT((long)count_edges(g, load->id, box->id, ASLDOT_IR_EDGE_NEXT), 1);
    }
    asldot_graph_free(g);
}

static void test_focus(void)
{
    asldot_graph *g = build(nested);
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    const asldot_ir_node *pick, *work_standin, *load;
    char *svg;
    o.focus = "Pick";
    o.focus_depth = 1;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    pick = node_named(g, "Pick", ASLDOT_IR_STATE);
    CHECK(pick != NULL);
    /* one step: Each (whose first state Pick is) and Work; Work is reached, its inside is not */
    CHECK(cluster_named(g, "Each") != NULL);
    CHECK(cluster_named(g, "Work") == NULL);
    CHECK(node_named(g, "Work", ASLDOT_IR_STATE) != NULL);
    CHECK(node_named(g, "Done", ASLDOT_IR_STATE) == NULL);
    CHECK(node_named(g, "A", ASLDOT_IR_STATE) == NULL);
    /* two steps away: stand-ins, never states */
    work_standin = node_named(g, "Done", ASLDOT_IR_ELSEWHERE);
    CHECK(work_standin != NULL);
    if (work_standin != NULL) {
        CHECK(asldot_ir_has_class(work_standin->classes, "elsewhere"));
        CHECK(!asldot_ir_has_class(work_standin->classes, "state"));
    }
    load = node_named(g, "Load", ASLDOT_IR_ELSEWHERE);
    CHECK(load != NULL);
    CHECK(node_named(g, "Summarise", ASLDOT_IR_ELSEWHERE) != NULL);
    CHECK_CONTAINS(g->title, "around Pick");
    svg = render_svg(g);
    CHECK_CONTAINS(svg, "class=\"node elsewhere\"");
    CHECK_EQ_INT((long)occurrences(svg, "<title>Load</title>"), 1);
    asldot_buffer_free(svg);
    asldot_graph_free(g);

    /* depth 0 means the default (2): Work's branches come in */
    g = build(nested);
    o.focus_depth = 0;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    CHECK(cluster_named(g, "Work") != NULL);
    CHECK(node_named(g, "A", ASLDOT_IR_STATE) != NULL);
    CHECK(node_named(g, "Done", ASLDOT_IR_STATE) != NULL);
    asldot_graph_free(g);
}

static void test_inside(void)
{
    asldot_graph *g = build(nested);
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    o.inside = "Each";
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    CHECK_EQ_INT((long)g->cluster_count, 1); /* Each itself, the frame */
    CHECK(cluster_named(g, "Each") != NULL);
    CHECK(node_named(g, "Work", ASLDOT_IR_STATE) != NULL); /* collapsed */
    CHECK(node_named(g, "Pick", ASLDOT_IR_STATE) != NULL);
    CHECK(node_named(g, "Load", ASLDOT_IR_STATE) == NULL);
    CHECK(node_named(g, "Start", ASLDOT_IR_START) == NULL);
    CHECK_CONTAINS(g->title, "inside Each");
    asldot_graph_free(g);

    g = build(nested);
    o.inside = "Work";
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    check_consistent(g);
    CHECK(cluster_named(g, "Work") != NULL);
    CHECK(cluster_named(g, "Branch 2") != NULL);
    CHECK(node_named(g, "B2", ASLDOT_IR_STATE) != NULL);
    CHECK(node_named(g, "Pick", ASLDOT_IR_STATE) == NULL);
    asldot_graph_free(g);
}

static size_t edges_of(const asldot_graph *g, asldot_ir_edge_kind kind, int stub)
{
    size_t n = 0;
    for (size_t i = 0; i < g->edge_count; i++)
        n += g->edges[i]->kind == kind && (stub < 0 || g->edges[i]->stub == stub);
    return n;
}

static void test_catch(void)
{
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    asldot_graph *g = build(fan_in);
    const asldot_ir_node *t5, *h, *t2;
    char *svg;

    /* automatic: Handler has 5 Catch edges (>= ASLDOT_CATCH_STUBS_AT): 4 stubs, T5's is kept */
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    CHECK_EQ_INT((long)edges_of(g, ASLDOT_IR_EDGE_CATCH, 1), 4);
    CHECK_EQ_INT((long)edges_of(g, ASLDOT_IR_EDGE_CATCH, 0), 2); /* T5 -> Handler, T2 -> Other */
    t5 = node_named(g, "T5", ASLDOT_IR_STATE);
    h = node_named(g, "Handler", ASLDOT_IR_STATE);
    CHECK(t5 != NULL && h != NULL);
    for (size_t i = 0; t5 && h && i < g->edge_count; i++)
        if (g->edges[i]->from == t5->id && g->edges[i]->to == h->id)
            CHECK_EQ_INT(g->edges[i]->stub, 0);
    svg = render_svg(g);
    /* four reference nodes named after Handler, one state group for it */
    CHECK_EQ_INT((long)occurrences(svg, "class=\"node ref state") + 0, 0);
    CHECK_EQ_INT((long)occurrences(svg, "class=\"node ref fail\""), 4);
    CHECK_EQ_INT((long)occurrences(svg, "class=\"node state fail\""), 2);
    CHECK_EQ_INT((long)occurrences(svg, "class=\"edge catch\""), 6);
    asldot_buffer_free(svg);
    asldot_graph_free(g);

    g = build(fan_in);
    o.catch_mode = ASLDOT_CATCH_EDGES;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    CHECK_EQ_INT((long)edges_of(g, ASLDOT_IR_EDGE_CATCH, 1), 0);
    asldot_graph_free(g);

    g = build(fan_in);
    o.catch_mode = ASLDOT_CATCH_HIDE;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    CHECK_EQ_INT((long)edges_of(g, ASLDOT_IR_EDGE_CATCH, -1), 0);
    t2 = node_named(g, "T2", ASLDOT_IR_STATE);
    CHECK(t2 != NULL);
    if (t2 != NULL) {
        CHECK_CONTAINS(t2->notes, "catch \xE2\x86\x92 Other");
        CHECK_CONTAINS(t2->notes, "catch \xE2\x86\x92 Handler");
    }
    svg = render_svg(g);
    CHECK_EQ_INT((long)occurrences(svg, "class=\"edge catch\""), 0);
    asldot_buffer_free(svg);
    asldot_graph_free(g);

    /* explicit stubs: from two Catch edges on; Other's single edge stays */
    g = build(fan_in);
    o.catch_mode = ASLDOT_CATCH_STUBS;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    CHECK_EQ_INT((long)edges_of(g, ASLDOT_IR_EDGE_CATCH, 1), 4);
    asldot_graph_free(g);
}

/* A chain of n Pass states, then a Map holding a Map. */
static char *big_machine(size_t n)
{
    size_t cap = n * 64 + 1024, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    len += (size_t)snprintf(s + len, cap - len, "{\"StartAt\": \"P0\", \"States\": {");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len,
                                "\"P%zu\": {\"Type\": \"Pass\", \"Next\": \"P%zu\"},", i, i + 1);
    len += (size_t)snprintf(
        s + len, cap - len,
        "\"P%zu\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"In\", "
        "\"States\": {\"In\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": "
        "\"Deep\", \"States\": {\"Deep\": {\"Type\": \"Pass\", \"End\": true}}}}}}}}}",
        n);
    return s;
}

static void test_auto_collapse(void)
{
    char *big = big_machine(ASLDOT_VIEW_AUTO_COLLAPSE_STATES);
    char *small = big_machine(ASLDOT_VIEW_AUTO_COLLAPSE_STATES - 10);
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    asldot_graph *g;
    CHECK(big != NULL && small != NULL);
    if (big == NULL || small == NULL) {
        free(big);
        free(small);
        return;
    }
    g = build(big);
    CHECK_EQ_INT(asldot_graph_view(g, NULL, NULL), ASLDOT_OK);
    check_consistent(g);
    CHECK(cluster_named(g, "In") == NULL); /* inside a Map: collapsed */
    CHECK(node_named(g, "In", ASLDOT_IR_STATE) != NULL);
    CHECK(cluster_named(g, "P150") != NULL); /* the top-level Map stays open */
    CHECK_CONTAINS(g->title, "1 nested container drawn collapsed");
    asldot_graph_free(g);

    g = build(big);
    o.flags = ASLDOT_VIEW_NO_AUTO_COLLAPSE;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_OK);
    CHECK(cluster_named(g, "In") != NULL);
    CHECK(g->title == NULL);
    asldot_graph_free(g);

    g = build(small);
    CHECK_EQ_INT(asldot_graph_view(g, NULL, NULL), ASLDOT_OK);
    CHECK(cluster_named(g, "In") != NULL);
    asldot_graph_free(g);
    free(big);
    free(small);
}

static void test_unknown_names(void)
{
    asldot_diagnostics *d = NULL;
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    const char *names[] = {"Pick"}; /* a state, but not a container */
    asldot_graph *g = build(nested);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    o.focus = "Nowhere";
    CHECK_EQ_INT(asldot_graph_view(g, &o, d), ASLDOT_ERR_INVALID);
    CHECK_EQ_INT((long)asldot_diagnostics_count(d), 1);
    CHECK_EQ_STR(asldot_diagnostics_get(d, 0)->code, "view-unknown-state");
    CHECK_CONTAINS(asldot_diagnostics_get(d, 0)->message, "'Nowhere'");
    asldot_graph_free(g);

    g = build(nested);
    asldot_diagnostics_clear(d);
    o.focus = NULL;
    o.collapse = names;
    o.collapse_count = 1;
    CHECK_EQ_INT(asldot_graph_view(g, &o, d), ASLDOT_ERR_INVALID);
    CHECK_CONTAINS(asldot_diagnostics_get(d, 0)->message, "Parallel or Map");
    asldot_graph_free(g);

    g = build(nested);
    o.collapse = NULL;
    o.collapse_count = 0;
    o.inside = "Load";
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_ERR_INVALID);
    /* arguments */
    CHECK_EQ_INT(asldot_graph_view(NULL, NULL, NULL), ASLDOT_ERR_ARGS);
    o.inside = NULL;
    o.collapse_count = 2; /* without the array */
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_ERR_ARGS);
    o.collapse_count = 0;
    o.version = ASLDOT_VIEW_OPTIONS_VERSION + 1;
    CHECK_EQ_INT(asldot_graph_view(g, &o, NULL), ASLDOT_ERR_ARGS);
    asldot_graph_free(g);
    asldot_diagnostics_free(d);
}

#ifdef ASLDOT_TESTING
static void test_allocation_failure(void)
{
    static const char *const names[] = {"Work"};
    for (int mode = 0; mode < 4; mode++) {
        for (unsigned long n = 1; n < 200; n++) {
            asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
            asldot_graph *g = build(mode == 3 ? fan_in : nested);
            asldot_status st;
            if (mode == 0) {
                o.collapse = names;
                o.collapse_count = 1;
            } else if (mode == 1) {
                o.focus = "Pick";
            } else if (mode == 2) {
                o.inside = "Each";
            } else {
                o.catch_mode = ASLDOT_CATCH_HIDE;
            }
            asldot_alloc_fail_after(n);
            st = asldot_graph_view(g, &o, NULL);
            asldot_alloc_fail_after(0);
            CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
            if (st == ASLDOT_OK)
                check_consistent(g);
            asldot_graph_free(g);
        }
    }
}
#endif

int main(void)
{
    CHECK_EQ_INT(asldot_renderer_new(&renderer, NULL), ASLDOT_OK);
    test_container_names();
    test_collapse_one();
    test_collapse_all();
    test_focus();
    test_inside();
    test_catch();
    test_auto_collapse();
    test_unknown_names();
#ifdef ASLDOT_TESTING
    test_allocation_failure();
#endif
    asldot_renderer_free(renderer);
    TEST_MAIN_END();
}
