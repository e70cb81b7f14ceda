/* test_layout.c: the layout policy (layout.c) and how gv_backend.c draws its plan. */
#include "../harness.h"
#include "alloc.h"
#include "gv_backend.h"
#include "ir.h"
#include "layout.h"

/* A chain Start -> s1 -> ... -> s(len) -> End, plus:
 *  - a Catch from s1 to s(len) (a long forward edge; s(len) keeps its chain edge),
 *  - a Choice loop from s(len) back to s2 (a long back edge),
 *  - a second terminal s1 -> End (long; End keeps the edge from s(len)),
 *  - a Map cluster (entry anchor, one state, exit anchor) entered from s(len-2), with a long
 *    invisible layout edge s1 -> exit and a long Catch s1 -> entry clipped at the border. */
typedef struct chain {
    asldot_graph *g;
    size_t catch_edge, loop_edge, end_edge, chain_last, layout_edge, cluster_edge, cluster;
} chain;

static size_t add_node(asldot_graph *g, asldot_ir_node_kind kind, size_t cluster, const char *name,
                       const char *cls)
{
    asldot_ir_node *n = NULL;
    CHECK_EQ_INT(asldot_ir_add_node(g, kind, cluster, &n), ASLDOT_OK);
    n->name = name;
    CHECK_EQ_INT(asldot_ir_add_class(g, &n->classes, cls), ASLDOT_OK);
    return n->id;
}

static size_t add_edge(asldot_graph *g, asldot_ir_edge_kind kind, size_t from, size_t to,
                       const char *cls)
{
    asldot_ir_edge *e = NULL;
    CHECK_EQ_INT(asldot_ir_add_edge(g, kind, from, to, &e), ASLDOT_OK);
    if (cls)
        CHECK_EQ_INT(asldot_ir_add_class(g, &e->classes, cls), ASLDOT_OK);
    return e->id;
}

static void make_chain(chain *c, size_t len, asldot_layout_mode mode)
{
    asldot_graph *g = NULL;
    size_t start, end, first = 0, prev, entry, exit_, inner;
    asldot_ir_cluster *cl = NULL;
    asldot_ir_edge *e = NULL;
    CHECK_EQ_INT(asldot_ir_new(&g, len), ASLDOT_OK);
    c->g = g;
    g->layout = mode;
    start = add_node(g, ASLDOT_IR_START, ASLDOT_IR_NONE, "Start", "start");
    prev = start;
    for (size_t i = 0; i < len; i++) {
        size_t s = add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, "S", "state task");
        CHECK_EQ_INT(asldot_ir_set_attr(g, &g->nodes[s]->attrs, "style", "rounded,filled"),
                     ASLDOT_OK);
        c->chain_last =
            add_edge(g, i == 0 ? ASLDOT_IR_EDGE_START : ASLDOT_IR_EDGE_NEXT, prev, s, "next");
        if (i == 0)
            first = s;
        prev = s;
    }
    end = add_node(g, ASLDOT_IR_END, ASLDOT_IR_NONE, "End", "end");
    add_edge(g, ASLDOT_IR_EDGE_END, prev, end, "next");
    c->catch_edge = add_edge(g, ASLDOT_IR_EDGE_CATCH, first, prev, "catch");
    c->loop_edge = add_edge(g, ASLDOT_IR_EDGE_CHOICE, prev, first + 1, "choice");
    c->end_edge = add_edge(g, ASLDOT_IR_EDGE_END, first, end, "next");
    /* a Map below the chain's end */
    CHECK_EQ_INT(asldot_ir_add_cluster(g, ASLDOT_IR_CLUSTER_MAP, ASLDOT_IR_NONE, &cl), ASLDOT_OK);
    cl->name = "MapIt";
    CHECK_EQ_INT(asldot_ir_add_class(g, &cl->classes, "state map"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_set_attr(g, &cl->attrs, "fillcolor", "#fdf3e7"), ASLDOT_OK);
    c->cluster = cl->id;
    entry = add_node(g, ASLDOT_IR_ANCHOR, cl->id, "", "entry");
    inner = add_node(g, ASLDOT_IR_STATE, cl->id, "Inner", "state pass");
    exit_ = add_node(g, ASLDOT_IR_ANCHOR, cl->id, "", "exit");
    cl->entry = entry;
    cl->exit = exit_;
    add_edge(g, ASLDOT_IR_EDGE_NEXT, first + len - 3, entry, "next");
    add_edge(g, ASLDOT_IR_EDGE_LAYOUT, entry, inner, NULL);
    add_edge(g, ASLDOT_IR_EDGE_LAYOUT, inner, exit_, NULL);
    /* a long invisible edge s1 -> exit, and a long visible one s1 -> entry clipped at the
     * cluster's border */
    c->layout_edge = add_edge(g, ASLDOT_IR_EDGE_LAYOUT, first, exit_, NULL);
    c->cluster_edge = add_edge(g, ASLDOT_IR_EDGE_CATCH, first, entry, "catch");
    e = g->edges[c->cluster_edge];
    e->lhead = cl->id;
}

static void test_small_unchanged(void)
{
    chain c;
    asldot_layout_plan plan;
    make_chain(&c, 50, ASLDOT_LAYOUT_AUTO);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.reshaped, 0);
    CHECK_EQ_INT(plan.param_count, 0);
    CHECK(plan.edge_action == NULL);
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
}

static void test_large_refs(asldot_layout_mode mode, size_t len)
{
    chain c;
    asldot_layout_plan plan;
    make_chain(&c, len, mode);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.reshaped, 1);
    CHECK(plan.edge_action != NULL);
    if (plan.edge_action == NULL) {
        asldot_graph_free(c.g);
        return;
    }
    CHECK_EQ_INT(plan.edge_action[c.catch_edge], ASLDOT_LAYOUT_EDGE_REF);
    CHECK_EQ_INT(plan.edge_action[c.loop_edge], ASLDOT_LAYOUT_EDGE_REF);
    CHECK_EQ_INT(plan.edge_action[c.end_edge], ASLDOT_LAYOUT_EDGE_REF);
    CHECK_EQ_INT(plan.edge_action[c.cluster_edge], ASLDOT_LAYOUT_EDGE_REF);
    CHECK_EQ_INT(plan.edge_action[c.layout_edge], ASLDOT_LAYOUT_EDGE_DROP);
    CHECK_EQ_INT(plan.edge_action[c.chain_last], ASLDOT_LAYOUT_EDGE_KEEP);
    CHECK_EQ_INT(plan.refs, 4);
    CHECK_EQ_INT(plan.dropped, 1);
    CHECK_EQ_INT(plan.reversed, 1); /* the hand-built loop still ranks: the estimate breaks it */
    /* every other edge is short and kept */
    for (size_t i = 0; i < plan.edge_count; i++)
        if (i != c.catch_edge && i != c.loop_edge && i != c.end_edge && i != c.cluster_edge &&
            i != c.layout_edge)
            CHECK_EQ_INT(plan.edge_action[i], ASLDOT_LAYOUT_EDGE_KEEP);
    asldot_layout_plan_free(&plan);
    CHECK(plan.edge_action == NULL);
    asldot_graph_free(c.g);
}

static void test_full_forces_nothing(void)
{
    chain c;
    asldot_layout_plan plan;
    make_chain(&c, ASLDOT_LAYOUT_BOUND_NODES + 10, ASLDOT_LAYOUT_FULL);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.reshaped, 0);
    CHECK_EQ_INT(plan.param_count, 0);
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
}

static void test_bound_params(void)
{
    chain c;
    asldot_layout_plan plan;
    make_chain(&c, ASLDOT_LAYOUT_BOUND_NODES + 10, ASLDOT_LAYOUT_AUTO);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.param_count, 1);
    CHECK_EQ_STR(plan.params[0].name, "nslimit");
    /* the network simplex gets about ASLDOT_LAYOUT_NS_ITERATIONS iterations whatever the size */
    {
        double iterations = strtod(plan.params[0].value, NULL) * (double)c.g->node_count;
        CHECK(iterations > ASLDOT_LAYOUT_NS_ITERATIONS * 0.99);
        CHECK(iterations < ASLDOT_LAYOUT_NS_ITERATIONS * 1.01);
    }
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
    make_chain(&c, ASLDOT_LAYOUT_NEWRANK_NODES, ASLDOT_LAYOUT_AUTO);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK(c.g->node_count > ASLDOT_LAYOUT_NEWRANK_NODES); /* the chain has its markers too */
    CHECK_EQ_INT(plan.param_count, 2);
    CHECK(strtod(plan.params[0].value, NULL) * (double)c.g->node_count <
          ASLDOT_LAYOUT_NS_ITERATIONS * 1.01);
    /* past the newrank size, dot ranks the whole graph at once (no quadratic per-cluster pass) */
    CHECK_EQ_STR(plan.params[1].name, "newrank");
    CHECK_EQ_STR(plan.params[1].value, "true");
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
    /* --layout fast asks for it at any size */
    make_chain(&c, ASLDOT_LAYOUT_REF_NODES + 10, ASLDOT_LAYOUT_FAST);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.param_count, 2);
    CHECK_EQ_STR(plan.params[1].name, "newrank");
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
    /* just below: long edges shortened, no bounded parameters */
    make_chain(&c, ASLDOT_LAYOUT_REF_NODES + 10, ASLDOT_LAYOUT_AUTO);
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, c.g), ASLDOT_OK);
    CHECK_EQ_INT(plan.param_count, 0);
    CHECK_EQ_INT(plan.reshaped, 1);
    asldot_layout_plan_free(&plan);
    asldot_graph_free(c.g);
}

/* gv_backend draws the plan: reference nodes named r<edge id>, no lhead on them, no dropped
 * edge. */
static void test_backend_draws_refs(void)
{
    chain c;
    struct Agraph_s *gv = NULL;
    char *dot = NULL, name[64];
    size_t len = 0;
    make_chain(&c, ASLDOT_LAYOUT_REF_NODES + 10, ASLDOT_LAYOUT_AUTO);
    CHECK_EQ_INT(asldot_gv_graph_new(&gv, c.g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_gv_write_dot(gv, &dot, &len), ASLDOT_OK);
    snprintf(name, sizeof name, "r%zu\t[class=\"ref task\"", c.catch_edge);
    CHECK_CONTAINS(dot, name);
    snprintf(name, sizeof name, "r%zu\t[class=\"ref end\"", c.end_edge);
    CHECK_CONTAINS(dot, name);
    snprintf(name, sizeof name, "r%zu\t[class=\"ref map\"", c.cluster_edge);
    CHECK_CONTAINS(dot, name);
    CHECK_CONTAINS(dot, "style=\"rounded,filled,dashed\"");
    CHECK_CONTAINS(dot, "<B>MapIt</B>");
    /* the only lhead was on the referenced edge */
    CHECK(dot != NULL && strstr(dot, "lhead") == NULL);
    asldot_free(dot);
    asldot_gv_graph_free(gv);
    asldot_graph_free(c.g);
    /* the same graph in full quality: no references, the lhead is there */
    make_chain(&c, ASLDOT_LAYOUT_REF_NODES + 10, ASLDOT_LAYOUT_FULL);
    CHECK_EQ_INT(asldot_gv_graph_new(&gv, c.g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_gv_write_dot(gv, &dot, &len), ASLDOT_OK);
    CHECK(dot != NULL && strstr(dot, "ref") == NULL);
    CHECK_CONTAINS(dot, "lhead=cluster_0");
    asldot_free(dot);
    asldot_gv_graph_free(gv);
    asldot_graph_free(c.g);
}

/* Fan-in: from ASLDOT_LAYOUT_FANIN_MERGE transitions into one state, they share its entry point
 * (samehead); fewer, a loop back, or a Catch do not count. */
static void test_fan_in(void)
{
    for (size_t k = ASLDOT_LAYOUT_FANIN_MERGE - 1; k <= ASLDOT_LAYOUT_FANIN_MERGE; k++) {
        asldot_graph *g = NULL;
        asldot_layout_plan plan;
        size_t start, choice, merge, into[ASLDOT_LAYOUT_FANIN_MERGE], back, caught;
        struct Agraph_s *gv = NULL;
        char *dot = NULL;
        size_t len = 0;
        CHECK_EQ_INT(asldot_ir_new(&g, 8), ASLDOT_OK);
        g->layout = ASLDOT_LAYOUT_AUTO;
        start = add_node(g, ASLDOT_IR_START, ASLDOT_IR_NONE, "Start", "start");
        choice = add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, "Route", "state choice");
        merge = add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, "Record", "state task");
        add_edge(g, ASLDOT_IR_EDGE_START, start, choice, "next");
        for (size_t i = 0; i < k; i++) {
            size_t s = add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, "Handle", "state task");
            add_edge(g, ASLDOT_IR_EDGE_CHOICE, choice, s, "choice");
            into[i] = add_edge(g, ASLDOT_IR_EDGE_NEXT, s, merge, "next");
        }
        back = add_edge(g, ASLDOT_IR_EDGE_CHOICE, merge, merge, "choice");
        g->edges[back]->constraint = 0; /* a loop back never joins the bundle */
        caught = add_edge(g, ASLDOT_IR_EDGE_CATCH, choice, merge, "catch");
        CHECK_EQ_INT(asldot_layout_plan_make(&plan, g), ASLDOT_OK);
        if (k < ASLDOT_LAYOUT_FANIN_MERGE) {
            CHECK(plan.merge_head == NULL);
            CHECK_EQ_INT(plan.merged, 0);
        } else {
            CHECK(plan.merge_head != NULL);
            CHECK_EQ_INT(plan.merged, k);
            for (size_t i = 0; plan.merge_head && i < k; i++)
                CHECK_EQ_INT(plan.merge_head[into[i]], 1);
            CHECK(plan.merge_head && plan.merge_head[back] == 0 && plan.merge_head[caught] == 0);
        }
        asldot_layout_plan_free(&plan);
        CHECK(plan.merge_head == NULL);
        /* the backend draws it as Graphviz's samehead on exactly those edges */
        CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
        CHECK_EQ_INT(asldot_gv_write_dot(gv, &dot, &len), ASLDOT_OK);
        {
            size_t n = 0;
            for (const char *p = dot ? strstr(dot, "samehead=\"fan-in\"") : NULL; p;
                 p = strstr(p + 1, "samehead=\"fan-in\""))
                n++;
            CHECK_EQ_INT(n, k < ASLDOT_LAYOUT_FANIN_MERGE ? 0 : k);
        }
        asldot_free(dot);
        asldot_gv_graph_free(gv);
        asldot_graph_free(g);
    }
}

static void test_allocation_failure(void)
{
    chain c;
    make_chain(&c, ASLDOT_LAYOUT_REF_NODES + 10, ASLDOT_LAYOUT_FAST);
    for (unsigned long n = 0; n < 20; n++) {
        asldot_layout_plan plan;
        asldot_status st;
        asldot_alloc_fail_after(n);
        st = asldot_layout_plan_make(&plan, c.g);
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        if (st == ASLDOT_OK)
            CHECK_EQ_INT(plan.reshaped, 1);
        asldot_layout_plan_free(&plan);
    }
    asldot_graph_free(c.g);
}

int main(void)
{
    test_fan_in();
    test_small_unchanged();
    test_large_refs(ASLDOT_LAYOUT_AUTO, ASLDOT_LAYOUT_REF_NODES + 10);
    test_large_refs(ASLDOT_LAYOUT_FAST, 30); /* fast: whatever the size */
    test_full_forces_nothing();
    test_bound_params();
    test_backend_draws_refs();
    test_allocation_failure();
    TEST_MAIN_END();
}
