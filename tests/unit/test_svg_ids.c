/* test_svg_ids.c: the SVG's element ids (svg_ids.c): made of names, distinct for names that
 * differ only in case or punctuation, the same for a state whatever else the definition gains,
 * only [A-Za-z0-9_-], unique over every object, and what the SVG and the page carry. */
#include "asldot.h"
#include "alloc.h"
#include "ir.h"
#include "svg_ids.h"

#include "../harness.h"

static asldot_graph *graph_of(const char *json)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    CHECK_EQ_INT(asldot_machine_parse(&m, json, strlen(json), NULL, NULL), ASLDOT_OK);
    if (m != NULL)
        CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return g;
}

/* The id of the node or container of the state called name, or NULL. */
static const char *state_id(const asldot_graph *g, const asldot_svg_ids *ids, const char *name)
{
    for (size_t s = 0; s < g->state_count; s++) {
        if (strcmp(g->state_names[s], name) != 0)
            continue;
        if (g->state_node[s] != ASLDOT_IR_NONE)
            return ids->node[g->state_node[s]];
        if (g->state_cluster[s] != ASLDOT_IR_NONE)
            return ids->cluster[g->state_cluster[s]];
    }
    return NULL;
}

static int id_chars_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* Every id is well formed and none repeats. */
static void check_all_unique(const asldot_graph *g, const asldot_svg_ids *ids)
{
    size_t total = g->node_count + g->cluster_count + g->edge_count, k = 0, dups = 0;
    const char **all = asldot_calloc(total + 1, sizeof *all);
    CHECK(all != NULL);
    if (all == NULL)
        return;
    for (size_t i = 0; i < g->node_count; i++)
        all[k++] = ids->node[i];
    for (size_t i = 0; i < g->cluster_count; i++)
        all[k++] = ids->cluster[i];
    for (size_t i = 0; i < g->edge_count; i++)
        all[k++] = ids->edge[i];
    for (size_t i = 0; i < k; i++) {
        CHECK(all[i] != NULL && *all[i] != '\0' && id_chars_ok(all[i]));
        for (size_t j = i + 1; j < k; j++)
            if (strcmp(all[i], all[j]) == 0)
                dups++;
    }
    CHECK_EQ_INT(dups, 0);
    asldot_free(all);
}

#define NAMES_DEF                                                                                  \
    "{\"StartAt\": \"Approve order\", \"States\": {"                                               \
    "\"Approve order\": {\"Type\": \"Pass\", \"Next\": \"approve order\"},"                        \
    "\"approve order\": {\"Type\": \"Pass\", \"Next\": \"Approve_order\"},"                        \
    "\"Approve_order\": {\"Type\": \"Pass\", \"Next\": \"Approve-order\"},"                        \
    "\"Approve-order\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\","              \
    " \"IsPresent\": true, \"Next\": \"Caf\xC3\xA9 <b>\"}, {\"Variable\": \"$.y\","                \
    " \"IsPresent\": true, \"Next\": \"Caf\xC3\xA9 <b>\"}], \"Default\": \"Caf\xC3\xA9 <b>\"},"    \
    "\"Caf\xC3\xA9 <b>\": {\"Type\": \"Parallel\", \"Branches\": ["                                \
    " {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}},"             \
    " {\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"End\": true}}}],"            \
    " \"End\": true}}}"

static void test_names(void)
{
    asldot_graph *g = graph_of(NAMES_DEF);
    asldot_svg_ids *ids = NULL;
    size_t branches = 0, choice_edges = 0;
    if (g == NULL)
        return;
    CHECK_EQ_INT(asldot_svg_ids_new(&ids, g), ASLDOT_OK);
    if (ids == NULL) {
        asldot_graph_free(g);
        return;
    }
    /* case, space, underscore and hyphen all give different ids */
    CHECK_EQ_STR(state_id(g, ids, "Approve order"), "state-Approve_20order");
    CHECK_EQ_STR(state_id(g, ids, "approve order"), "state-approve_20order");
    CHECK_EQ_STR(state_id(g, ids, "Approve_order"), "state-Approve_5Forder");
    CHECK_EQ_STR(state_id(g, ids, "Approve-order"), "state-Approve_2Dorder");
    /* UTF-8 and markup become hex: nothing to escape in HTML, CSS or a URL */
    CHECK_EQ_STR(state_id(g, ids, "Caf\xC3\xA9 <b>"), "state-Caf_C3_A9_20_3Cb_3E");
    for (size_t c = 0; c < g->cluster_count; c++)
        if (g->clusters[c]->kind == ASLDOT_IR_CLUSTER_BRANCH) {
            branches++;
            CHECK(strncmp(ids->cluster[c], "branch-Caf_C3_A9_20_3Cb_3E-", 27) == 0);
        }
    CHECK_EQ_INT(branches, 2);
    /* two Choice rules and the Default to one state: three edges, three ids */
    for (size_t i = 0; i < g->edge_count; i++) {
        const char *id = ids->edge[i];
        if (strncmp(id, "edge-Approve_2Dorder--Caf_C3_A9_20_3Cb_3E", 41) == 0)
            choice_edges++;
    }
    CHECK_EQ_INT(choice_edges, 3);
    check_all_unique(g, ids);
    asldot_svg_ids_free(ids);
    asldot_graph_free(g);
}

/* Names that look like the separators and suffixes: a '-' in a name is encoded, so no name can
 * pass for a repeat's "-2", a kind's "-catch" or Graphviz's label anchor "a_ID-label". */
static void test_separators(void)
{
    asldot_graph *g = graph_of(
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": ["
        "{\"Variable\": \"$.a\", \"IsPresent\": true, \"Next\": \"X\"},"
        "{\"Variable\": \"$.b\", \"IsPresent\": true, \"Next\": \"X-2\"},"
        "{\"Variable\": \"$.c\", \"IsPresent\": true, \"Next\": \"X-label\"},"
        "{\"Variable\": \"$.d\", \"IsPresent\": true, \"Next\": \"X\"}], \"Default\": \"X-catch\"},"
        "\"X\": {\"Type\": \"Succeed\"}, \"X-2\": {\"Type\": \"Succeed\"},"
        "\"X-label\": {\"Type\": \"Succeed\"}, \"X-catch\": {\"Type\": \"Succeed\"}}}");
    asldot_svg_ids *ids = NULL;
    const char *want[] = {"edge-A--X", "edge-A--X-2", "edge-A--X_2D2", "edge-A--X_2Dlabel",
                          "edge-A--X_2Dcatch-default"};
    if (g == NULL)
        return;
    CHECK_EQ_INT(asldot_svg_ids_new(&ids, g), ASLDOT_OK);
    for (size_t w = 0; ids != NULL && w < sizeof want / sizeof *want; w++) {
        int found = 0;
        for (size_t i = 0; i < g->edge_count; i++)
            found += strcmp(ids->edge[i], want[w]) == 0;
        if (found != 1)
            fprintf(stderr, "test_separators: %s found %d times\n", want[w], found);
        CHECK_EQ_INT(found, 1);
    }
    if (ids != NULL) {
        CHECK_EQ_STR(state_id(g, ids, "X-2"), "state-X_2D2");
        check_all_unique(g, ids);
    }
    asldot_svg_ids_free(ids);
    asldot_graph_free(g);
}

/* A state keeps its id when another one is added before it. */
static void test_stable(void)
{
    asldot_graph *a = graph_of("{\"StartAt\": \"Load\", \"States\": {"
                               "\"Load\": {\"Type\": \"Pass\", \"Next\": \"Ship\"},"
                               "\"Ship\": {\"Type\": \"Pass\", \"End\": true}}}");
    asldot_graph *b = graph_of("{\"StartAt\": \"Check\", \"States\": {"
                               "\"Check\": {\"Type\": \"Pass\", \"Next\": \"Load\"},"
                               "\"Load\": {\"Type\": \"Pass\", \"Next\": \"Audit\"},"
                               "\"Audit\": {\"Type\": \"Pass\", \"Next\": \"Ship\"},"
                               "\"Ship\": {\"Type\": \"Pass\", \"End\": true}}}");
    asldot_svg_ids *ia = NULL, *ib = NULL;
    if (a == NULL || b == NULL) {
        asldot_graph_free(a);
        asldot_graph_free(b);
        return;
    }
    CHECK_EQ_INT(asldot_svg_ids_new(&ia, a), ASLDOT_OK);
    CHECK_EQ_INT(asldot_svg_ids_new(&ib, b), ASLDOT_OK);
    if (ia != NULL && ib != NULL) {
        CHECK_EQ_STR(state_id(a, ia, "Ship"), state_id(b, ib, "Ship"));
        CHECK_EQ_STR(state_id(a, ia, "Load"), "state-Load");
        CHECK_EQ_STR(state_id(b, ib, "Load"), "state-Load");
        check_all_unique(b, ib);
    }
    asldot_svg_ids_free(ia);
    asldot_svg_ids_free(ib);
    asldot_graph_free(a);
    asldot_graph_free(b);
}

/* The SVG's groups carry the ids (Graphviz writes '-' as &#45;). */
static void test_in_svg(void)
{
    asldot_graph *g = graph_of(NAMES_DEF);
    asldot_renderer *r = NULL;
    char *svg = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_renderer_new(&r, NULL), ASLDOT_OK);
    if (g != NULL && r != NULL) {
        CHECK_EQ_INT(asldot_render(r, g, ASLDOT_FORMAT_SVG, &svg, &len, NULL), ASLDOT_OK);
        CHECK_CONTAINS(svg, "<g id=\"state&#45;Approve_20order\" class=\"node state pass\"");
        CHECK_CONTAINS(svg, "<g id=\"state&#45;Caf_C3_A9_20_3Cb_3E\" class=\"cluster state");
        CHECK_CONTAINS(svg, "<g id=\"branch&#45;Caf_C3_A9_20_3Cb_3E&#45;2\"");
        CHECK_CONTAINS(svg, "<g id=\"edge&#45;start&#45;&#45;Approve_20order\"");
        CHECK_CONTAINS(svg, "<g id=\"start\"");
    }
    asldot_buffer_free(svg);
    asldot_renderer_free(r);
    asldot_graph_free(g);
}

#ifdef ASLDOT_TESTING
static void test_allocation_failure(void)
{
    asldot_graph *g = graph_of(NAMES_DEF);
    int ok = 0;
    for (unsigned long n = 1; n < 200 && !ok && g != NULL; n++) {
        asldot_svg_ids *ids = (asldot_svg_ids *)1;
        asldot_status st;
        asldot_alloc_fail_after(n);
        st = asldot_svg_ids_new(&ids, g);
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        CHECK(st == ASLDOT_OK ? ids != NULL : ids == NULL);
        ok = st == ASLDOT_OK;
        asldot_svg_ids_free(st == ASLDOT_OK ? ids : NULL);
    }
    CHECK(ok);
    asldot_graph_free(g);
}
#endif

int main(void)
{
    test_names();
    test_separators();
    test_stable();
    test_in_svg();
#ifdef ASLDOT_TESTING
    test_allocation_failure();
#endif
    TEST_MAIN_END();
}
