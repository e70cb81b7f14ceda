/* test_style.c: style sheets (parse, whitelist, validation, cascade, apply) and the legend. */
#include "../harness.h"
#include "alloc.h"
#include "ir.h"

#include <time.h>

/* Returns the first diagnostic with this code, or NULL. */
static const asldot_diagnostic *find_code(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++) {
        const asldot_diagnostic *x = asldot_diagnostics_get(d, i);
        if (strcmp(x->code, code) == 0)
            return x;
    }
    return NULL;
}

static asldot_status parse_str(asldot_style **s, const char *json, asldot_diagnostics *d)
{
    return asldot_style_parse(s, json, strlen(json), d);
}

/* Parses json expecting failure with one diagnostic of code whose message contains needle. */
static void expect_reject(const char *json, const char *code, const char *needle)
{
    asldot_diagnostics *d = NULL;
    asldot_style *s = (asldot_style *)&s; /* must be reset to NULL */
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(parse_str(&s, json, d), ASLDOT_ERR_INVALID);
    CHECK(s == NULL);
    CHECK(find_code(d, code) != NULL);
    if (find_code(d, code) != NULL)
        CHECK_CONTAINS(find_code(d, code)->message, needle);
    else
        fprintf(stderr, "  (no \"%s\" diagnostic for %s)\n", code, json);
    asldot_style_free(s);
    asldot_diagnostics_free(d);
}

static void test_builtins(void)
{
    size_t n = 0;
    int have_light = 0, have_dark = 0, have_hc = 0;
    for (const char *name; (name = asldot_style_builtin_name(n)) != NULL; n++) {
        asldot_diagnostics *d = NULL;
        asldot_style *s = NULL;
        CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
        CHECK_EQ_INT(asldot_style_builtin(&s, name, d), ASLDOT_OK);
        CHECK(s != NULL);
        CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
        for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
            fprintf(stderr, "  %s: %s\n", name, asldot_diagnostics_get(d, i)->message);
        have_light |= strcmp(name, "light") == 0;
        have_dark |= strcmp(name, "dark") == 0;
        have_hc |= strcmp(name, "high-contrast") == 0;
        asldot_style_free(s);
        asldot_diagnostics_free(d);
    }
    CHECK_EQ_INT(n, 3);
    CHECK(have_light && have_dark && have_hc);
    CHECK(asldot_style_builtin_name(99) == NULL);

    {
        asldot_diagnostics *d = NULL;
        asldot_style *s = NULL;
        CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
        CHECK_EQ_INT(asldot_style_builtin(&s, "solarized", d), ASLDOT_ERR_UNSUPPORTED);
        CHECK(s == NULL);
        CHECK(find_code(d, "style-unknown") != NULL);
        if (find_code(d, "style-unknown")) {
            CHECK_CONTAINS(find_code(d, "style-unknown")->message, "\"solarized\"");
            CHECK_CONTAINS(find_code(d, "style-unknown")->message, "light");
            CHECK_CONTAINS(find_code(d, "style-unknown")->message, "high-contrast");
        }
        CHECK_EQ_INT(asldot_style_builtin(&s, "solarized", NULL), ASLDOT_ERR_UNSUPPORTED);
        CHECK_EQ_INT(asldot_style_builtin(NULL, "light", d), ASLDOT_ERR_ARGS);
        CHECK_EQ_INT(asldot_style_builtin(&s, NULL, d), ASLDOT_ERR_ARGS);
        asldot_diagnostics_free(d);
    }
    asldot_style_free(NULL);
}

static void test_rejections(void)
{
    /* attributes with side effects, or not for this object type */
    expect_reject("{\"node\": {\"URL\": \"http://x\"}}", "style-attribute", "\"URL\"");
    expect_reject("{\"node.task\": {\"image\": \"/etc/passwd\"}}", "style-attribute",
                  "selector \"node.task\" cannot set attribute \"image\"");
    expect_reject("{\"graph\": {\"layout\": \"neato\"}}", "style-attribute", "\"layout\"");
    expect_reject("{\"graph\": {\"stylesheet\": \"a.css\"}}", "style-attribute", "stylesheet");
    expect_reject("{\"graph\": {\"fontpath\": \"/tmp\"}}", "style-attribute", "fontpath");
    expect_reject("{\"edge\": {\"href\": \"x\"}}", "style-attribute", "href");
    expect_reject("{\"node\": {\"label\": \"x\"}}", "style-attribute", "label");
    expect_reject("{\"edge\": {\"shape\": \"box\"}}", "style-attribute", "on a edge");
    expect_reject("{\"node\": {\"splines\": \"ortho\"}}", "style-attribute", "\"splines\"");
    /* values */
    expect_reject("{\"node\": {\"color\": \"#12345\"}}", "style-value", "#12345");
    expect_reject("{\"node\": {\"color\": \"blurple\"}}", "style-value", "colour");
    expect_reject("{\"node\": {\"fillcolor\": \"red:blue\"}}", "style-value", "fillcolor");
    expect_reject("{\"node\": {\"fontsize\": 1000}}", "style-value", "fontsize");
    expect_reject("{\"node\": {\"fontsize\": 1000}}", "style-value", "in range 4 to 72");
    expect_reject("{\"node\": {\"fontsize\": \"1e1\"}}", "style-value", "1e1");
    expect_reject("{\"edge\": {\"penwidth\": -1}}", "style-value", "penwidth");
    expect_reject("{\"edge\": {\"penwidth\": \"wide\"}}", "style-value", "wide");
    expect_reject("{\"node\": {\"peripheries\": 1.5}}", "style-value", "peripheries");
    expect_reject("{\"node\": {\"glyph\": \"123456789\"}}", "style-value", "glyph");
    expect_reject("{\"node\": {\"glyph\": \"\\u0007\"}}", "style-value", "glyph");
    expect_reject("{\"node\": {\"glyph\": \"<b>\"}}", "style-value", "glyph");
    expect_reject("{\"node\": {\"fontname\": \"Evil;Font\"}}", "style-value", "fontname");
    expect_reject("{\"node\": {\"shape\": \"epsf\"}}", "style-value", "shape");
    expect_reject("{\"node\": {\"shape\": \"custom\"}}", "style-value", "shape");
    expect_reject("{\"node\": {\"style\": \"setlinewidth(4)\"}}", "style-value", "style");
    expect_reject("{\"node\": {\"style\": \"filled,,dashed\"}}", "style-value", "style");
    expect_reject("{\"edge\": {\"style\": \"rounded\"}}", "style-value", "style");
    expect_reject("{\"edge\": {\"arrowhead\": \"lolwut\"}}", "style-value", "arrowhead");
    expect_reject("{\"graph\": {\"splines\": \"wiggly\"}}", "style-value", "splines");
    expect_reject("{\"node\": {\"color\": true}}", "style-value", "bool");
    expect_reject("{\"node\": {\"color\": \"\"}}", "style-value", "color");
    /* selectors and structure */
    expect_reject("{\"nodes\": {}}", "style-selector", "\"nodes\"");
    expect_reject("{\"graph.dark\": {}}", "style-selector", "graph");
    expect_reject("{\"node..task\": {}}", "style-selector", "node..task");
    expect_reject("{\"node.Task\": {}}", "style-selector", "node.Task");
    expect_reject("{\"node.task\": \"blue\"}", "style-rule", "node.task");
    expect_reject("[1, 2]", "style-invalid", "object");
    /* every error is reported, not only the first */
    {
        asldot_diagnostics *d = NULL;
        asldot_style *s = NULL;
        CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
        CHECK_EQ_INT(parse_str(&s,
                               "{\"node\": {\"URL\": \"x\", \"color\": \"nope\"},"
                               " \"edge\": {\"target\": \"_blank\"}}",
                               d),
                     ASLDOT_ERR_INVALID);
        CHECK_EQ_INT(asldot_diagnostics_error_count(d), 3);
        /* located at the offending member */
        CHECK(find_code(d, "style-attribute") && find_code(d, "style-attribute")->line == 1);
        asldot_diagnostics_free(d);
        /* no list: still refused */
        CHECK_EQ_INT(parse_str(&s, "{\"node\": {\"URL\": \"x\"}}", NULL), ASLDOT_ERR_INVALID);
        CHECK(s == NULL);
        /* malformed JSON */
        CHECK(parse_str(&s, "{\"node\": ", NULL) < 0);
        CHECK(s == NULL);
        CHECK_EQ_INT(asldot_style_parse(NULL, "{}", 2, NULL), ASLDOT_ERR_ARGS);
        CHECK_EQ_INT(asldot_style_parse(&s, NULL, 2, NULL), ASLDOT_ERR_ARGS);
    }
}

/* A small IR: Start -> Task -> Choice -> {Pass, Parallel{branch{Wait}}} ; Task catch -> Fail. */
typedef struct small_ir {
    asldot_graph *g;
    asldot_ir_node *start, *task, *choice, *pass, *wait, *fail, *anchor;
    asldot_ir_cluster *par, *branch;
    asldot_ir_edge *next, *rule, *catch_e, *layout;
} small_ir;

static void build_small(small_ir *t)
{
    asldot_graph *g;
    memset(t, 0, sizeof *t);
    CHECK_EQ_INT(asldot_ir_new(&t->g, 6), ASLDOT_OK);
    g = t->g;
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_START, ASLDOT_IR_NONE, &t->start), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->start->classes, "start"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &t->task), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->task->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->task->classes, "task"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &t->choice), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->choice->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->choice->classes, "choice"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &t->pass), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->pass->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->pass->classes, "pass"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &t->fail), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->fail->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->fail->classes, "fail"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_cluster(g, ASLDOT_IR_CLUSTER_PARALLEL, ASLDOT_IR_NONE, &t->par),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->par->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->par->classes, "parallel"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_cluster(g, ASLDOT_IR_CLUSTER_BRANCH, t->par->id, &t->branch),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->branch->classes, "branch"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, t->branch->id, &t->wait), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->wait->classes, "state"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->wait->classes, "wait"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_ANCHOR, t->par->id, &t->anchor), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_NEXT, t->task->id, t->choice->id, &t->next),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->next->classes, "next"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_CHOICE, t->choice->id, t->pass->id, &t->rule),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->rule->classes, "choice"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_CATCH, t->task->id, t->fail->id, &t->catch_e),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(g, &t->catch_e->classes, "catch"), ASLDOT_OK);
    CHECK_EQ_INT(
        asldot_ir_add_edge(g, ASLDOT_IR_EDGE_LAYOUT, t->anchor->id, t->wait->id, &t->layout),
        ASLDOT_OK);
}

static void test_apply(void)
{
    small_ir t;
    asldot_style *s = NULL;
    asldot_diagnostics *d = NULL;
    const char *css =
        "{\"$comment\": \"test\","
        " \"graph\": {\"bgcolor\": \"#FFF\", \"nodesep\": \"0.50\"},"
        " \"node.task\": {\"color\": \"blue\", \"margin\": \"0.10,0.2\"},"
        " \"node\": {\"color\": \"Red\", \"fillcolor\": \"#ABCDEF\", \"fontsize\": 10.5,"
        "           \"$comment\": \"ignored\"},"
        " \"node.pass\": {\"color\": \"green\", \"glyph\": \"\\u2713\"},"
        " \"node.state.choice\": {\"shape\": \"hexagon\"},"
        " \"node.choice.nothing\": {\"shape\": \"box\"},"
        " \"cluster\": {\"style\": \"rounded\"},"
        " \"cluster.parallel\": {\"style\": \"rounded,filled\", \"fillcolor\": \"#eeeeee80\"},"
        " \"edge\": {\"color\": \"gray\"},"
        " \"edge.catch\": {\"style\": \"dashed\", \"color\": \"#c00\"}}";

    build_small(&t);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(parse_str(&s, css, d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
    CHECK_EQ_INT(asldot_graph_apply_style(t.g, s, d), ASLDOT_OK);
    asldot_style_free(s); /* the graph keeps no pointer into the style */

    CHECK_EQ_STR(asldot_ir_get_attr(&t.g->attrs, "bgcolor"), "#ffffff");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.g->attrs, "nodesep"), "0.5");
    /* cascade: order only, no specificity: "node" comes after "node.task" and wins */
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "color"), "red");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "margin"), "0.1,0.2");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.pass->attrs, "color"), "green");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.pass->attrs, "glyph"), "\xe2\x9c\x93");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.pass->attrs, "fillcolor"), "#abcdef");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.pass->attrs, "fontsize"), "10.5");
    CHECK(asldot_ir_get_attr(&t.pass->attrs, "shape") == NULL);
    /* all classes of a selector must be present */
    CHECK_EQ_STR(asldot_ir_get_attr(&t.choice->attrs, "shape"), "hexagon");
    CHECK(asldot_ir_get_attr(&t.task->attrs, "shape") == NULL);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.start->attrs, "color"), "red");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.par->attrs, "style"), "rounded,filled");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.par->attrs, "fillcolor"), "#eeeeee80");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.branch->attrs, "style"), "rounded");
    CHECK(asldot_ir_get_attr(&t.branch->attrs, "fillcolor") == NULL);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.next->attrs, "color"), "gray");
    CHECK(asldot_ir_get_attr(&t.next->attrs, "style") == NULL);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.catch_e->attrs, "color"), "#cc0000");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.catch_e->attrs, "style"), "dashed");
    /* invisible structure is left alone */
    CHECK_EQ_INT(t.anchor->attrs.count, 0);
    CHECK_EQ_INT(t.layout->attrs.count, 0);
    /* attributes come out in whitelist order, whatever the cascade order */
    CHECK_EQ_STR(t.task->attrs.items[0].name, "color");

    /* a second style layers on top of the first */
    CHECK_EQ_INT(parse_str(&s, "{\"node.task\": {\"penwidth\": 3}}", d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_style(t.g, s, d), ASLDOT_OK);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "penwidth"), "3");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "color"), "red");
    CHECK_EQ_INT(asldot_graph_apply_style(NULL, s, d), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_graph_apply_style(t.g, NULL, d), ASLDOT_ERR_ARGS);
    asldot_style_free(s);

    /* status overlays in the built-in style: a colour and a non-colour cue */
    CHECK_EQ_INT(asldot_ir_add_class(t.g, &t.task->classes, "status-failed"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(t.g, &t.pass->classes, "status-not-run"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(t.g, &t.par->classes, "status-caught"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(t.g, &t.next->classes, "taken"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_class(t.g, &t.rule->classes, "untaken"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_style_builtin(&s, "light", d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_style(t.g, s, d), ASLDOT_OK);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "glyph"), "\xe2\x9c\x97"); /* ✗ */
    CHECK_EQ_STR(asldot_ir_get_attr(&t.task->attrs, "penwidth"), "3");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.choice->attrs, "shape"), "hexagon");
    CHECK_EQ_STR(asldot_ir_get_attr(&t.fail->attrs, "shape"), "octagon");
    CHECK(asldot_ir_get_attr(&t.wait->attrs, "glyph") == NULL);
    CHECK_CONTAINS(asldot_ir_get_attr(&t.pass->attrs, "style"), "dotted");
    CHECK_CONTAINS(asldot_ir_get_attr(&t.par->attrs, "style"), "dashed");
    CHECK(asldot_ir_get_attr(&t.par->attrs, "glyph") != NULL);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.next->attrs, "penwidth"), "2.2");
    CHECK(asldot_ir_get_attr(&t.rule->attrs, "penwidth") != NULL &&
          strcmp(asldot_ir_get_attr(&t.rule->attrs, "penwidth"), "1") < 0);
    CHECK_EQ_STR(asldot_ir_get_attr(&t.catch_e->attrs, "style"), "dashed");
    CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
    asldot_style_free(s);
    asldot_graph_free(t.g);
    asldot_diagnostics_free(d);
}

static int legend_has_state_class(const asldot_graph *g, size_t cluster)
{
    int bad = 0;
    for (size_t i = 0; i < g->node_count; i++)
        if (g->nodes[i]->cluster == cluster)
            bad |= asldot_ir_has_class(g->nodes[i]->classes, "state");
    for (size_t i = 0; i < g->edge_count; i++)
        if (asldot_ir_has_class(g->edges[i]->classes, "legend"))
            bad |= asldot_ir_has_class(g->edges[i]->classes, "state");
    bad |= asldot_ir_has_class(g->clusters[cluster]->classes, "state");
    return bad;
}

static size_t count_nodes_with(const asldot_graph *g, const char *cls)
{
    size_t n = 0;
    for (size_t i = 0; i < g->node_count; i++)
        n += asldot_ir_has_class(g->nodes[i]->classes, cls);
    return n;
}

static void check_legend(int overlay)
{
    small_ir t;
    asldot_style *s = NULL;
    size_t before_nodes, legend = ASLDOT_IR_NONE, legend_edges = 0;
    static const char *const types[] = {"task", "pass",     "choice", "wait",  "succeed",
                                        "fail", "parallel", "map",    "start", "end"};
    static const char *const statuses[] = {"status-succeeded", "status-failed",
                                           "status-caught",    "status-in-progress",
                                           "status-cancelled", "status-not-run"};
    static const char *const kinds[] = {"next", "choice", "default", "catch"};

    build_small(&t);
    t.g->has_overlay = overlay;
    before_nodes = t.g->node_count;
    CHECK_EQ_INT(asldot_graph_add_legend(t.g), ASLDOT_OK);
    CHECK_EQ_INT(t.g->has_legend, 1);
    for (size_t i = 0; i < t.g->cluster_count; i++)
        if (t.g->clusters[i]->kind == ASLDOT_IR_CLUSTER_LEGEND)
            legend = i;
    CHECK(legend != ASLDOT_IR_NONE);
    if (legend == ASLDOT_IR_NONE)
        return;
    CHECK_EQ_STR(t.g->clusters[legend]->classes, "legend");
    CHECK_EQ_INT(t.g->clusters[legend]->parent, ASLDOT_IR_NONE);
    CHECK(!legend_has_state_class(t.g, legend));
    for (size_t i = before_nodes; i < t.g->node_count; i++) {
        CHECK_EQ_INT(t.g->nodes[i]->kind, ASLDOT_IR_LEGEND);
        CHECK_EQ_INT(t.g->nodes[i]->cluster, legend);
        CHECK(asldot_ir_has_class(t.g->nodes[i]->classes, "legend"));
    }
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char cls[64];
        size_t found = 0;
        snprintf(cls, sizeof cls, "legend %s", types[i]);
        for (size_t k = before_nodes; k < t.g->node_count; k++)
            found += strcmp(t.g->nodes[k]->classes, cls) == 0 && t.g->nodes[k]->name != NULL;
        CHECK_EQ_INT(found, 1);
    }
    CHECK_EQ_INT(count_nodes_with(t.g, "retried"), 1); /* the sample of a notes line */
    for (size_t k = before_nodes; k < t.g->node_count; k++)
        if (strcmp(t.g->nodes[k]->classes, "legend task") == 0) {
            CHECK_EQ_STR(t.g->nodes[k]->name, "Task");
            CHECK(t.g->nodes[k]->detail != NULL);
            CHECK_EQ_INT(t.g->nodes[k]->type, ASLDOT_STATE_TASK);
        }
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        CHECK_EQ_INT(count_nodes_with(t.g, statuses[i]), overlay ? 1 : 0);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t found = 0;
        for (size_t e = 0; e < t.g->edge_count; e++) {
            const asldot_ir_edge *x = t.g->edges[e];
            if (x->kind == ASLDOT_IR_EDGE_LEGEND && asldot_ir_has_class(x->classes, kinds[i]) &&
                asldot_ir_has_class(x->classes, "legend") && x->label != NULL)
                found++;
        }
        CHECK_EQ_INT(found, kinds[i][0] == 'n' && overlay ? 3 : 1);
    }
    for (size_t e = 0; e < t.g->edge_count; e++) {
        const asldot_ir_edge *x = t.g->edges[e];
        if (asldot_ir_has_class(x->classes, "legend")) {
            CHECK(x->from < t.g->node_count && x->to < t.g->node_count);
            if (x->from < t.g->node_count && x->to < t.g->node_count) {
                legend_edges += t.g->nodes[x->from]->cluster == legend;
                CHECK_EQ_INT(t.g->nodes[x->to]->cluster, t.g->nodes[x->from]->cluster);
            }
        }
    }
    CHECK(legend_edges >= 4);
    /* idempotent */
    {
        size_t n = t.g->node_count, c = t.g->cluster_count;
        CHECK_EQ_INT(asldot_graph_add_legend(t.g), ASLDOT_OK);
        CHECK_EQ_INT(t.g->node_count, n);
        CHECK_EQ_INT(t.g->cluster_count, c);
    }
    /* the style draws the samples like the real objects */
    CHECK_EQ_INT(asldot_style_builtin(&s, "light", NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_style(t.g, s, NULL), ASLDOT_OK);
    for (size_t k = before_nodes; k < t.g->node_count; k++)
        if (asldot_ir_has_class(t.g->nodes[k]->classes, "choice"))
            CHECK_EQ_STR(asldot_ir_get_attr(&t.g->nodes[k]->attrs, "shape"), "hexagon");
    CHECK(!legend_has_state_class(t.g, legend));
    asldot_style_free(s);
    asldot_graph_free(t.g);
}

static void test_legend(void)
{
    check_legend(0);
    check_legend(1);
    CHECK_EQ_INT(asldot_graph_add_legend(NULL), ASLDOT_ERR_ARGS);
}

/* Linear in graph size: 5000 states, every built-in style. */
static void test_scale(void)
{
    asldot_graph *g = NULL;
    asldot_style *s = NULL;
    static const char *const types[] = {"task", "pass", "choice", "wait", "succeed", "fail"};
    clock_t t0;
    double secs;
    CHECK_EQ_INT(asldot_ir_new(&g, 5000), ASLDOT_OK);
    for (size_t i = 0; i < 5000; i++) {
        asldot_ir_node *n = NULL;
        CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &n), ASLDOT_OK);
        CHECK_EQ_INT(asldot_ir_add_class(g, &n->classes, "state"), ASLDOT_OK);
        CHECK_EQ_INT(asldot_ir_add_class(g, &n->classes, types[i % 6]), ASLDOT_OK);
        CHECK_EQ_INT(
            asldot_ir_add_class(g, &n->classes, i % 3 ? "status-succeeded" : "status-not-run"),
            ASLDOT_OK);
        if (i > 0) {
            asldot_ir_edge *e = NULL;
            CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_NEXT, i - 1, i, &e), ASLDOT_OK);
            CHECK_EQ_INT(asldot_ir_add_class(g, &e->classes, "next"), ASLDOT_OK);
        }
    }
    t0 = clock();
    for (size_t k = 0; asldot_style_builtin_name(k) != NULL; k++) {
        CHECK_EQ_INT(asldot_style_builtin(&s, asldot_style_builtin_name(k), NULL), ASLDOT_OK);
        CHECK_EQ_INT(asldot_graph_apply_style(g, s, NULL), ASLDOT_OK);
        asldot_style_free(s);
    }
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    fprintf(stderr, "styled 5000 nodes + 4999 edges with %zu styles in %.3fs\n", (size_t)3, secs);
    CHECK(asldot_ir_get_attr(&g->nodes[4999]->attrs, "shape") != NULL);
    asldot_graph_free(g);
}

/* Every allocation failure is reported as ASLDOT_ERR_NOMEM, leaves *out NULL and leaks nothing. */
static void test_out_of_memory(void)
{
    asldot_status st = ASLDOT_ERR_NOMEM;
    unsigned long n;
    for (n = 1; n < 100000 && st == ASLDOT_ERR_NOMEM; n++) {
        asldot_diagnostics *d = NULL;
        asldot_style *s = NULL;
        small_ir t;
        if (asldot_diagnostics_new(&d) != ASLDOT_OK)
            break;
        build_small(&t);
        t.g->has_overlay = 1;
        asldot_alloc_fail_after(n);
        st = asldot_style_builtin(&s, n % 2 ? "light" : "high-contrast", d);
        if (st == ASLDOT_OK) {
            st = asldot_graph_add_legend(t.g);
            if (st == ASLDOT_OK)
                st = asldot_graph_apply_style(t.g, s, d);
        } else {
            CHECK(s == NULL);
        }
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        asldot_style_free(s);
        asldot_graph_free(t.g);
        asldot_diagnostics_free(d);
    }
    CHECK_EQ_INT(st, ASLDOT_OK);
    fprintf(stderr, "out-of-memory: %lu allocation failures handled\n", n - 1);
}

int main(void)
{
    test_builtins();
    test_rejections();
    test_apply();
    test_legend();
    test_scale();
    test_out_of_memory();
    TEST_MAIN_END();
}
