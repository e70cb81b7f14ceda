/* test_build.c: what the builder (build.c) decides for the layout: which transitions are loops
 * back (drawn, not ranking), which states hang from their scope's entry, and sibling Choice
 * labels that stay apart. Over machines parsed from JSON, read through the IR. */
#include "../harness.h"
#include "alloc.h"
#include "describe.h"
#include "ir.h"
#include "layout.h"

#define ELLIPSIS "\xE2\x80\xA6" /* "…" */

static asldot_graph *build(const char *json, unsigned flags)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_build_options o;
    asldot_build_options_init(&o);
    o.flags = flags;
    CHECK_EQ_INT(asldot_machine_parse(&m, json, strlen(json), NULL, NULL), ASLDOT_OK);
    if (m == NULL)
        return NULL;
    CHECK_EQ_INT(asldot_graph_build(&g, m, &o, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return g;
}

/* The state id called name (names are unique in these machines), or NONE. */
static size_t state_id(const asldot_graph *g, const char *name)
{
    for (size_t i = 0; i < g->state_count; i++)
        if (g->state_names[i] != NULL && strcmp(g->state_names[i], name) == 0)
            return i;
    return ASLDOT_IR_NONE;
}

/* The one transition of kind from state a to state b, or NULL (a failed check when absent). */
static const asldot_ir_edge *transition(const asldot_graph *g, const char *a, const char *b,
                                        asldot_ir_edge_kind kind)
{
    size_t from = state_id(g, a), to = state_id(g, b);
    const asldot_ir_edge *hit = NULL;
    int count = 0;
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        if (e->kind == kind && e->from_state == from && e->to_state == to) {
            hit = e;
            count++;
        }
    }
    CHECK_EQ_INT(count, 1);
    return hit;
}

/* Constraint of that transition: 1 ranks, 0 a loop back, -1 no such transition. */
static int ranks(const asldot_graph *g, const char *a, const char *b, asldot_ir_edge_kind kind)
{
    const asldot_ir_edge *e = transition(g, a, b, kind);
    return e ? e->constraint : -1;
}

static size_t loop_backs(const asldot_graph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->edge_count; i++)
        n += !g->edges[i]->constraint;
    return n;
}

/* Invisible layout edges from node `from` into the state called name (its node, or its
 * container's entry anchor). */
static int hangs(const asldot_graph *g, size_t from, const char *name)
{
    size_t id = state_id(g, name), port;
    int n = 0;
    if (id == ASLDOT_IR_NONE)
        return -1;
    port = g->state_node[id];
    if (port == ASLDOT_IR_NONE)
        port = g->clusters[g->state_cluster[id]]->entry;
    for (size_t i = 0; i < g->edge_count; i++)
        n += g->edges[i]->kind == ASLDOT_IR_EDGE_LAYOUT && g->edges[i]->from == from &&
             g->edges[i]->to == port;
    return n;
}

static size_t entry_of(const asldot_graph *g, const char *container)
{
    return g->clusters[g->state_cluster[state_id(g, container)]]->entry;
}

/* A retry loop: A -> Check -> A. Check comes first in the document, so a walk in document order
 * (or from every node in id order, as dot does) would start at Check and take A -> Check for the
 * loop back; the walk from StartAt must take Check -> A. */
static const char *const retry_loop =
    "{\"StartAt\": \"A\", \"States\": {"
    " \"Check\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.done\","
    "  \"BooleanEquals\": false, \"Next\": \"A\"}], \"Default\": \"Done\"},"
    " \"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
    "  \"Next\": \"Check\"},"
    " \"Done\": {\"Type\": \"Succeed\"}}}";

static void test_retry_loop(void)
{
    asldot_graph *g = build(retry_loop, 0);
    asldot_layout_plan plan;
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK_EQ_INT(ranks(g, "A", "Check", ASLDOT_IR_EDGE_NEXT), 1);
    CHECK_EQ_INT(ranks(g, "Check", "A", ASLDOT_IR_EDGE_CHOICE), 0);
    CHECK_EQ_INT(ranks(g, "Check", "Done", ASLDOT_IR_EDGE_DEFAULT), 1);
    CHECK_EQ_INT(loop_backs(g), 1);
    CHECK_EQ_INT(hangs(g, 0, "Check"), 0); /* entered by A: nothing to hang */
    /* the layout estimate ranks the same acyclic graph: it has nothing left to reverse */
    g->layout = ASLDOT_LAYOUT_FAST;
    CHECK_EQ_INT(asldot_layout_plan_make(&plan, g), ASLDOT_OK);
    CHECK_EQ_INT(plan.reversed, 0);
    asldot_layout_plan_free(&plan);
    asldot_graph_free(g);
}

/* Successors are followed in definition order (Next, Choices, Default, Catch): with Catch -> H
 * and H -> T, the loop back is H -> T; a self-loop is one; and a container looping onto itself
 * (its exit to its own entry) is one too. */
static void test_loops_in_every_scope(void)
{
    asldot_graph *g = build(
        "{\"StartAt\": \"T\", \"States\": {"
        " \"H\": {\"Type\": \"Pass\", \"Next\": \"T\"},"
        " \"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
        "  \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"H\"}], \"Next\": \"P\"},"
        " \"P\": {\"Type\": \"Parallel\", \"Next\": \"C\", \"Branches\": [{\"StartAt\": \"B1\","
        "  \"States\": {\"B1\": {\"Type\": \"Pass\", \"Next\": \"B2\"},"
        "   \"B2\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\","
        "    \"NumericEquals\": 1, \"Next\": \"B1\"}, {\"Variable\": \"$.x\","
        "    \"NumericEquals\": 2, \"Next\": \"B2\"}], \"Default\": \"B3\"},"
        "   \"B3\": {\"Type\": \"Succeed\"}}}]},"
        " \"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.again\","
        "  \"BooleanEquals\": true, \"Next\": \"P\"}], \"Default\": \"M\"},"
        " \"M\": {\"Type\": \"Map\", \"Next\": \"M\", \"ItemProcessor\": {\"StartAt\": \"I\","
        "  \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}}}}",
        0);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK_EQ_INT(ranks(g, "T", "H", ASLDOT_IR_EDGE_CATCH), 1);
    CHECK_EQ_INT(ranks(g, "H", "T", ASLDOT_IR_EDGE_NEXT), 0);
    CHECK_EQ_INT(ranks(g, "T", "P", ASLDOT_IR_EDGE_NEXT), 1);
    CHECK_EQ_INT(ranks(g, "P", "C", ASLDOT_IR_EDGE_NEXT), 1);
    CHECK_EQ_INT(ranks(g, "C", "P", ASLDOT_IR_EDGE_CHOICE), 0);
    CHECK_EQ_INT(ranks(g, "C", "M", ASLDOT_IR_EDGE_DEFAULT), 1);
    CHECK_EQ_INT(ranks(g, "M", "M", ASLDOT_IR_EDGE_NEXT), 0);
    CHECK_EQ_INT(ranks(g, "B1", "B2", ASLDOT_IR_EDGE_NEXT), 1);
    CHECK_EQ_INT(ranks(g, "B2", "B1", ASLDOT_IR_EDGE_CHOICE), 0);
    CHECK_EQ_INT(ranks(g, "B2", "B2", ASLDOT_IR_EDGE_CHOICE), 0);
    CHECK_EQ_INT(ranks(g, "B2", "B3", ASLDOT_IR_EDGE_DEFAULT), 1);
    CHECK_EQ_INT(loop_backs(g), 5);
    /* H is entered by the Catch, so it needs no hanging */
    CHECK_EQ_INT(hangs(g, 0, "H"), 0);
    asldot_graph_free(g);
}

/* What StartAt does not reach is walked afterwards in document order; a state no ranking
 * transition enters hangs from its scope's entry: the Start marker (node 0) at the top, the
 * container's entry anchor inside one. */
static void test_unreached_states_hang_below_the_entry(void)
{
    asldot_graph *g =
        build("{\"StartAt\": \"A\", \"States\": {"
              " \"A\": {\"Type\": \"Map\", \"Next\": \"Z\", \"ItemProcessor\": {\"StartAt\": \"I\","
              "  \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true},"
              "   \"O\": {\"Type\": \"Pass\", \"Next\": \"I\"}}}},"
              " \"U1\": {\"Type\": \"Pass\", \"Next\": \"U2\"},"
              " \"U2\": {\"Type\": \"Pass\", \"Next\": \"U3\"},"
              " \"U3\": {\"Type\": \"Pass\", \"Next\": \"A\"},"
              " \"X\": {\"Type\": \"Pass\", \"Next\": \"Y\"},"
              " \"Y\": {\"Type\": \"Pass\", \"Next\": \"X\"},"
              " \"Z\": {\"Type\": \"Succeed\"}}}",
              ASLDOT_BUILD_KEEP_GOING);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK_EQ_INT(g->nodes[0]->kind, ASLDOT_IR_START);
    CHECK_EQ_INT(hangs(g, 0, "U1"), 1);
    CHECK_EQ_INT(hangs(g, 0, "U2"), 0); /* U1 places it */
    CHECK_EQ_INT(hangs(g, 0, "U3"), 0);
    CHECK_EQ_INT(hangs(g, 0, "A"), 0); /* StartAt has the Start edge */
    CHECK_EQ_INT(ranks(g, "U3", "A", ASLDOT_IR_EDGE_NEXT), 1);
    /* the unreached loop X <-> Y: walked from X (first in the document), so Y -> X is the loop
     * back and X, entered by nothing that ranks, hangs from Start */
    CHECK_EQ_INT(ranks(g, "X", "Y", ASLDOT_IR_EDGE_NEXT), 1);
    CHECK_EQ_INT(ranks(g, "Y", "X", ASLDOT_IR_EDGE_NEXT), 0);
    CHECK_EQ_INT(hangs(g, 0, "X"), 1);
    CHECK_EQ_INT(hangs(g, 0, "Y"), 0);
    /* inside the Map: O hangs from the Map's entry anchor, not from Start */
    CHECK_EQ_INT(hangs(g, entry_of(g, "A"), "O"), 1);
    CHECK_EQ_INT(hangs(g, 0, "O"), 0);
    CHECK_EQ_INT(hangs(g, entry_of(g, "A"), "I"), 1); /* the processor's StartAt, as before */
    asldot_graph_free(g);
}

/* The label of the Choice rule edge from state a to state b. */
static const char *label(const asldot_graph *g, const char *a, const char *b)
{
    const asldot_ir_edge *e = transition(g, a, b, ASLDOT_IR_EDGE_CHOICE);
    return e ? e->label : NULL;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void test_sibling_choice_labels(void)
{
    asldot_graph *g = build(
        "{\"StartAt\": \"C\", \"States\": {"
        " \"C\": {\"Type\": \"Choice\", \"Choices\": ["
        "  {\"Variable\": \"$.detail.requestParameters.approvalStatus\", \"StringEquals\": \"A\","
        "   \"Next\": \"A\"},"
        "  {\"Variable\": \"$.detail.requestParameters.approvalStatus\", \"StringEquals\": \"B\","
        "   \"Next\": \"B\"},"
        "  {\"Variable\": \"$.short\", \"NumericEquals\": 1, \"Next\": \"S1\"},"
        "  {\"Variable\": \"$.short\", \"NumericEquals\": 1, \"Next\": \"S2\"}],"
        "  \"Default\": \"S1\"},"
        " \"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Succeed\"},"
        " \"S1\": {\"Type\": \"Succeed\"}, \"S2\": {\"Type\": \"Succeed\"}}}",
        0);
    const char *a, *b;
    CHECK(g != NULL);
    if (g == NULL)
        return;
    a = label(g, "C", "A");
    b = label(g, "C", "B");
    /* cut from the right, both would read `$.detail.requestParameters.approvalStat…` */
    CHECK_EQ_STR(a, ELLIPSIS "approvalStatus == \"A\"");
    CHECK_EQ_STR(b, ELLIPSIS "approvalStatus == \"B\"");
    CHECK(chars(a) <= ASLDOT_CONDITION_MAX_CHARS);
    /* the tooltip keeps the whole condition */
    CHECK_EQ_STR(transition(g, "C", "A", ASLDOT_IR_EDGE_CHOICE)->tooltip,
                 "$.detail.requestParameters.approvalStatus == \"A\"");
    /* the very same condition twice: told apart by the rule's number */
    CHECK_EQ_STR(label(g, "C", "S1"), "$.short == 1 #3");
    CHECK_EQ_STR(label(g, "C", "S2"), "$.short == 1 #4");
    asldot_graph_free(g);

    /* a single long rule is cut from the right as before */
    g = build("{\"StartAt\": \"C\", \"States\": {"
              " \"C\": {\"Type\": \"Choice\", \"Choices\": ["
              "  {\"Variable\": \"$.detail.requestParameters.approvalStatus\","
              "   \"StringEquals\": \"A\","
              "   \"Next\": \"A\"}], \"Default\": \"A\"},"
              " \"A\": {\"Type\": \"Succeed\"}}}",
              0);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK_EQ_STR(label(g, "C", "A"), "$.detail.requestParameters.approvalStat\xE2\x80\xA6");
    asldot_graph_free(g);
}

#ifdef ASLDOT_TESTING
static void test_allocation_failure(void)
{
    /* every allocation of the build in turn fails: an error, never a crash */
    for (unsigned long n = 1; n < 400; n++) {
        asldot_machine *m = NULL;
        asldot_graph *g = NULL;
        asldot_status st;
        CHECK_EQ_INT(asldot_machine_parse(&m, retry_loop, strlen(retry_loop), NULL, NULL),
                     ASLDOT_OK);
        asldot_alloc_fail_after(n);
        st = asldot_graph_build(&g, m, NULL, NULL);
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        CHECK((st == ASLDOT_OK) == (g != NULL));
        if (g != NULL)
            CHECK_EQ_INT(ranks(g, "Check", "A", ASLDOT_IR_EDGE_CHOICE), 0);
        asldot_graph_free(g);
        asldot_machine_free(m);
    }
}
#endif

int main(void)
{
    test_retry_loop();
    test_loops_in_every_scope();
    test_unreached_states_hang_below_the_entry();
    test_sibling_choice_labels();
#ifdef ASLDOT_TESTING
    test_allocation_failure();
#endif
    TEST_MAIN_END();
}
