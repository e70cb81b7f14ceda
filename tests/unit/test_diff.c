/* test_diff.c: the diff of two definitions (diff.c), its marks on the NEW graph (diff_graph.c)
 * and its reports (diff_write.c). */
#include "../harness.h"

#include "asldot.h"
#include "alloc.h"
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAMBDA "\"Resource\": \"arn:aws:states:::lambda:invoke\""

static asldot_machine *parse(const char *text)
{
    asldot_machine *m = NULL;
    CHECK_EQ_INT(asldot_machine_parse(&m, text, strlen(text), NULL, NULL), ASLDOT_OK);
    return m;
}

static asldot_diff *diff_of(const char *old_text, const char *new_text)
{
    asldot_machine *a = parse(old_text), *b = parse(new_text);
    asldot_diff *d = NULL;
    CHECK(a != NULL && b != NULL);
    if (a && b)
        CHECK_EQ_INT(asldot_diff_new(&d, a, b, NULL), ASLDOT_OK);
    asldot_machine_free(a); /* the diff copies what it keeps */
    asldot_machine_free(b);
    return d;
}

/* Key order and whitespace do not matter; an identical pair has no changes. */
static void test_identical(void)
{
    asldot_diff *d = diff_of("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
                             "\"Result\": {\"x\": 1, \"y\": [1, 2]}, \"End\": true}}}",
                             "{\"States\": {\"A\": {\"End\": true, \"Result\": {\"y\": [1, 2.0], "
                             "\"x\": 1}, \"Type\": \"Pass\"}}, \"StartAt\": \"A\"}");
    const asldot_diff_summary *s = asldot_diff_get(d);
    CHECK(s != NULL);
    CHECK_EQ_INT(asldot_diff_has_changes(d), 0);
    CHECK_EQ_INT(s->changed_count, 0);
    CHECK_EQ_INT(s->top_field_count, 0);
    asldot_diff_free(d);
}

static const char OLD_FLOW[] =
    "{\"Comment\": \"v1\", \"StartAt\": \"Load\", \"States\": {"
    "\"Load\": {\"Type\": \"Task\", " LAMBDA ", \"TimeoutSeconds\": 10, \"Next\": \"Check\"},"
    "\"Check\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.ok\", \"BooleanEquals\": "
    "true, \"Next\": \"Save\"}, {\"Variable\": \"$.ok\", \"BooleanEquals\": false, \"Next\": "
    "\"Save\"}], \"Default\": \"Drop\"},"
    "\"Save\": {\"Type\": \"Task\", " LAMBDA ", \"End\": true},"
    "\"Drop\": {\"Type\": \"Fail\", \"Error\": \"Dropped\"}}}";

/* Load changes a field, Drop goes away, Audit arrives after Save. */
static const char NEW_FLOW[] =
    "{\"Comment\": \"v2\", \"StartAt\": \"Load\", \"States\": {"
    "\"Load\": {\"Type\": \"Task\", " LAMBDA ", \"TimeoutSeconds\": 30, \"Next\": \"Check\"},"
    "\"Check\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.ok\", \"BooleanEquals\": "
    "true, \"Next\": \"Save\"}, {\"Variable\": \"$.ok\", \"BooleanEquals\": false, \"Next\": "
    "\"Save\"}], \"Default\": \"Save\"},"
    "\"Save\": {\"Type\": \"Task\", " LAMBDA ", \"Next\": \"Audit\"},"
    "\"Audit\": {\"Type\": \"Pass\", \"End\": true}}}";

static void test_flow(void)
{
    asldot_diff *d = diff_of(OLD_FLOW, NEW_FLOW);
    const asldot_diff_summary *s = asldot_diff_get(d);
    CHECK_EQ_INT(asldot_diff_has_changes(d), 1);
    CHECK_EQ_INT(s->added_count, 1);
    CHECK_EQ_STR(s->added[0], "Audit");
    CHECK_EQ_INT(s->removed_count, 1);
    CHECK_EQ_STR(s->removed[0], "Drop");
    CHECK_EQ_INT(s->renamed_count, 0);
    /* sorted by name: Check (Default), Load (TimeoutSeconds), Save (End, Next) */
    CHECK_EQ_INT(s->changed_count, 3);
    CHECK_EQ_STR(s->changed[0].state, "Check");
    CHECK_EQ_INT(s->changed[0].field_count, 1);
    CHECK_EQ_STR(s->changed[0].fields[0], "Default");
    CHECK_EQ_STR(s->changed[1].state, "Load");
    CHECK_EQ_STR(s->changed[1].fields[0], "TimeoutSeconds");
    CHECK_EQ_STR(s->changed[2].state, "Save");
    CHECK_EQ_INT(s->changed[2].field_count, 2);
    CHECK_EQ_STR(s->changed[2].fields[0], "End");
    CHECK_EQ_STR(s->changed[2].fields[1], "Next");
    /* two Choice rules to Save are one edge, unchanged; Default moved; Save -> Audit is new */
    CHECK_EQ_INT(s->edges_added_count, 2);
    CHECK_EQ_STR(s->edges_added[0].from, "Check");
    CHECK_EQ_STR(s->edges_added[0].to, "Save");
    CHECK_EQ_INT(s->edges_added[0].kind, ASLDOT_EDGE_DEFAULT);
    CHECK_EQ_STR(s->edges_added[1].from, "Save");
    CHECK_EQ_STR(s->edges_added[1].to, "Audit");
    CHECK_EQ_INT(s->edges_added[1].kind, ASLDOT_EDGE_NEXT);
    CHECK_EQ_INT(s->edges_removed_count, 1);
    CHECK_EQ_STR(s->edges_removed[0].to, "Drop");
    CHECK_EQ_INT(s->top_field_count, 1);
    CHECK_EQ_STR(s->top_fields[0], "Comment");
    asldot_diff_free(d);
}

/* A change inside a branch marks the inner state, not the Parallel; a branch StartAt marks it. */
static void test_nested(void)
{
    const char *before =
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": ["
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": 1, \"End\": "
        "true}}}], \"End\": true}}}";
    const char *inner =
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": ["
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": 2, \"End\": "
        "true}}}], \"End\": true}}}";
    const char *start =
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": ["
        "{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": 1, \"End\": "
        "true}, \"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}], \"End\": true}}}";
    asldot_diff *d = diff_of(before, inner);
    const asldot_diff_summary *s = asldot_diff_get(d);
    CHECK_EQ_INT(s->changed_count, 1);
    CHECK_EQ_STR(s->changed[0].state, "A");
    CHECK_EQ_STR(s->changed[0].fields[0], "Result");
    asldot_diff_free(d);

    d = diff_of(before, start);
    s = asldot_diff_get(d);
    CHECK_EQ_INT(s->changed_count, 1);
    CHECK_EQ_STR(s->changed[0].state, "P");
    CHECK_EQ_STR(s->changed[0].fields[0], "Branches");
    CHECK_EQ_INT(s->added_count, 1);
    CHECK_EQ_STR(s->added[0], "B");
    asldot_diff_free(d);
}

static const char OLD_RENAME[] = "{\"StartAt\": \"Fetch\", \"States\": {"
                                 "\"Fetch\": {\"Type\": \"Task\", " LAMBDA ", \"Next\": \"Tidy\"},"
                                 "\"Tidy\": {\"Type\": \"Pass\", \"Next\": \"Done\"},"
                                 "\"Done\": {\"Type\": \"Succeed\"}}}";
static const char NEW_RENAME[] =
    "{\"StartAt\": \"Fetch\", \"States\": {"
    "\"Fetch\": {\"Type\": \"Task\", " LAMBDA ", \"Next\": \"CleanUp\"},"
    "\"CleanUp\": {\"Type\": \"Pass\", \"Next\": \"Done\"},"
    "\"Done\": {\"Type\": \"Succeed\"}}}";

/* Same own definition and neighbours: one rename, edges compared modulo it. */
static void test_rename(void)
{
    asldot_diff *d = diff_of(OLD_RENAME, NEW_RENAME);
    const asldot_diff_summary *s = asldot_diff_get(d);
    CHECK_EQ_INT(s->renamed_count, 1);
    CHECK_EQ_STR(s->renamed[0].from, "Tidy");
    CHECK_EQ_STR(s->renamed[0].to, "CleanUp");
    CHECK_EQ_INT(s->added_count, 0);
    CHECK_EQ_INT(s->removed_count, 0);
    CHECK_EQ_INT(s->edges_added_count, 0);
    CHECK_EQ_INT(s->edges_removed_count, 0);
    CHECK_EQ_INT(s->changed_count, 1); /* Fetch's Next names the new name: data changed */
    CHECK_EQ_STR(s->changed[0].state, "Fetch");
    asldot_diff_free(d);

    /* a different definition is not a rename */
    d = diff_of(OLD_RENAME, "{\"StartAt\": \"Fetch\", \"States\": {"
                            "\"Fetch\": {\"Type\": \"Task\", " LAMBDA ", \"Next\": \"CleanUp\"},"
                            "\"CleanUp\": {\"Type\": \"Pass\", \"Result\": 1, \"Next\": \"Done\"},"
                            "\"Done\": {\"Type\": \"Succeed\"}}}");
    s = asldot_diff_get(d);
    CHECK_EQ_INT(s->renamed_count, 0);
    CHECK_EQ_INT(s->added_count, 1);
    CHECK_EQ_INT(s->removed_count, 1);
    asldot_diff_free(d);
}

static asldot_graph *graph_of(const char *text)
{
    asldot_machine *m = parse(text);
    asldot_graph *g = NULL;
    if (m)
        CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return g;
}

static const asldot_ir_node *node_named(const asldot_graph *g, const char *name)
{
    for (size_t i = 0; i < g->node_count; i++)
        if (g->nodes[i]->name && strcmp(g->nodes[i]->name, name) == 0)
            return g->nodes[i];
    return NULL;
}

static void test_graph(void)
{
    asldot_diff *d = diff_of(OLD_FLOW, NEW_FLOW);
    asldot_graph *g = graph_of(NEW_FLOW);
    const asldot_ir_node *n;
    size_t states = 0, removed_edges = 0, added_edges = 0;
    CHECK(g != NULL && d != NULL);
    if (g == NULL || d == NULL)
        return;
    CHECK_EQ_INT(asldot_graph_apply_diff(g, d, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_diff(g, d, NULL), ASLDOT_ERR_ARGS); /* once */
    n = node_named(g, "Audit");
    CHECK(n && asldot_ir_has_class(n->classes, "diff-added"));
    CHECK(n && n->notes && strstr(n->notes, "+ added"));
    n = node_named(g, "Load");
    CHECK(n && asldot_ir_has_class(n->classes, "diff-changed"));
    CHECK(n && n->notes && strstr(n->notes, "~ changed: TimeoutSeconds"));
    n = node_named(g, "Drop");
    CHECK(n && n->kind == ASLDOT_IR_GHOST);
    CHECK(n && asldot_ir_has_class(n->classes, "diff-removed") &&
          asldot_ir_has_class(n->classes, "fail") && !asldot_ir_has_class(n->classes, "state"));
    for (size_t i = 0; i < g->node_count; i++)
        states += asldot_ir_has_class(g->nodes[i]->classes, "state");
    CHECK_EQ_INT(states, 4); /* one per state of NEW: the ghost is not one */
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        if (asldot_ir_has_class(e->classes, "diff-removed")) {
            removed_edges++;
            CHECK(e->kind == ASLDOT_IR_EDGE_DEFAULT && e->to == node_named(g, "Drop")->id);
        }
        added_edges += asldot_ir_has_class(e->classes, "diff-added");
    }
    CHECK_EQ_INT(removed_edges, 1);
    CHECK_EQ_INT(added_edges, 2);
    CHECK_EQ_INT(asldot_graph_add_legend(g), ASLDOT_OK);
    n = node_named(g, "Removed");
    CHECK(n && n->kind == ASLDOT_IR_LEGEND && asldot_ir_has_class(n->classes, "diff-removed"));
    asldot_graph_free(g);
    asldot_diff_free(d);

    /* a rename is one state, said in its label */
    d = diff_of(OLD_RENAME, NEW_RENAME);
    g = graph_of(NEW_RENAME);
    CHECK_EQ_INT(asldot_graph_apply_diff(g, d, NULL), ASLDOT_OK);
    n = node_named(g, "CleanUp");
    CHECK(n && asldot_ir_has_class(n->classes, "diff-renamed"));
    CHECK(n && n->notes && strstr(n->notes, "renamed from Tidy"));
    CHECK(node_named(g, "Tidy") == NULL);
    asldot_graph_free(g);
    asldot_diff_free(d);
}

static void test_reports(void)
{
    const char *evil_old = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": "
                           "true}}}";
    const char *evil_new =
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"x\\\"`<b>\\n\"},"
        "\"x\\\"`<b>\\n\": {\"Type\": \"Pass\", \"End\": true}}}";
    asldot_diff *d = diff_of(evil_old, evil_new);
    asldot_diff_item item = {.id = "-", .diff = d};
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_diff_write(&out, &len, &item, 1, ASLDOT_DIFF_JSON), ASLDOT_OK);
    CHECK(out != NULL && strlen(out) == len);
    CHECK_CONTAINS(out, "{\"machines\": [{\"id\": \"-\", \"added\": [\"x\\\"`<b>\\n\"]");
    CHECK_CONTAINS(out, "\"changed\": [{\"state\": \"A\", \"fields\": [\"End\", \"Next\"]}]");
    CHECK_CONTAINS(out, "\"edges_added\": [[\"A\", \"x\\\"`<b>\\n\", \"next\"]]");
    CHECK_CONTAINS(out, "\"renamed\": []");
    asldot_buffer_free(out);

    item.id = "flow.json";
    item.image = "img dir/flow.diff.svg";
    CHECK_EQ_INT(asldot_diff_write(&out, &len, &item, 1, ASLDOT_DIFF_MARKDOWN), ASLDOT_OK);
    CHECK_CONTAINS(out, "**flow.json**: 1 state added, 1 changed, 1 transition added");
    /* the name's backtick cannot close the code span, its newline cannot start a line */
    CHECK_CONTAINS(out, "- **Added:** ``x\"`<b>\\n``");
    CHECK(strstr(out, "\n<b>") == NULL);
    CHECK_CONTAINS(out, "](img%20dir/flow.diff.svg)");
    asldot_buffer_free(out);

    /* the chart is fenced by more backticks than any line of it starts with; the note is text */
    item.image = NULL;
    item.mermaid = "flowchart TB\n   ```` not a fence\n    n0 --> n1";
    item.note = "too *large* <b>";
    CHECK_EQ_INT(asldot_diff_write(&out, &len, &item, 1, ASLDOT_DIFF_MARKDOWN), ASLDOT_OK);
    CHECK_CONTAINS(out,
                   "\n`````mermaid\nflowchart TB\n   ```` not a fence\n    n0 --> n1\n`````\n");
    CHECK_CONTAINS(out, "\n_too \\*large\\* \\<b\\>_\n");
    asldot_buffer_free(out);
    item.mermaid = "flowchart TB\n";
    item.note = NULL;
    CHECK_EQ_INT(asldot_diff_write(&out, &len, &item, 1, ASLDOT_DIFF_MARKDOWN), ASLDOT_OK);
    CHECK_CONTAINS(out, "\n```mermaid\nflowchart TB\n```\n");
    asldot_buffer_free(out);

    CHECK_EQ_INT(asldot_diff_write(&out, &len, NULL, 1, ASLDOT_DIFF_JSON), ASLDOT_ERR_ARGS);
    CHECK(out == NULL);
    asldot_diff_free(d);
}

static void test_args(void)
{
    asldot_machine *m = parse("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
    asldot_diff *d = (asldot_diff *)&d;
    CHECK_EQ_INT(asldot_diff_new(&d, m, NULL, NULL), ASLDOT_ERR_ARGS);
    CHECK(d == NULL);
    CHECK_EQ_INT(asldot_diff_new(NULL, m, m, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_graph_apply_diff(NULL, NULL, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_diff_has_changes(NULL), 0);
    asldot_diff_free(NULL);
    asldot_machine_free(m);
}

/* Every allocation failure is reported as such and leaks nothing. */
static void test_nomem(void)
{
    asldot_machine *a = parse(OLD_FLOW), *b = parse(NEW_FLOW);
    int ok = 0;
    for (unsigned long n = 1; n < 2000 && !ok; n++) {
        asldot_diff *d = NULL;
        asldot_graph *g = graph_of(NEW_FLOW);
        asldot_status st;
        asldot_alloc_fail_after(n);
        st = asldot_diff_new(&d, a, b, NULL);
        if (st == ASLDOT_OK)
            st = asldot_graph_apply_diff(g, d, NULL);
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        ok = st == ASLDOT_OK;
        asldot_diff_free(d);
        asldot_graph_free(g);
    }
    CHECK(ok);
    asldot_machine_free(a);
    asldot_machine_free(b);
}

/* The public corpus: every pair gives the changes its NAME.expect.json lists. */
static void test_corpus(void)
{
    const char *dir = getenv("ASLDOT_CORPUS_DIR");
    static const char *const lists[] = {"added", "removed", "changed"};
    char path[4096], cmd[4200];
    FILE *ls;
    size_t pairs = 0;
    if (dir == NULL) {
        printf("diff corpus: skipped (ASLDOT_CORPUS_DIR not set)\n");
        return;
    }
    snprintf(cmd, sizeof cmd, "ls '%s/diffs' 2>/dev/null | grep '\\.expect\\.json$'", dir);
    ls = popen(cmd, "r");
    if (ls == NULL)
        return;
    while (fgets(path, sizeof path, ls)) {
        char base[4096], file[8192];
        char *old_t = NULL, *new_t = NULL, *want;
        size_t n = strlen(path), lo = 0, ln = 0, le = 0;
        asldot_machine *a = NULL, *b = NULL;
        asldot_diff *d = NULL;
        const asldot_diff_summary *s;
        path[strcspn(path, "\n")] = '\0';
        n = strlen(path) - strlen(".expect.json");
        snprintf(base, sizeof base, "%s/diffs/%.*s", dir, (int)n, path);
        for (size_t x = 0; x < 3 && (old_t == NULL || new_t == NULL); x++) {
            static const char *const exts[] = {"json", "yaml", "yml"};
            free(old_t);
            free(new_t);
            snprintf(file, sizeof file, "%s.before.%s", base, exts[x]);
            old_t = harness_read_file(file, &lo);
            snprintf(file, sizeof file, "%s.after.%s", base, exts[x]);
            new_t = harness_read_file(file, &ln);
        }
        snprintf(file, sizeof file, "%s/diffs/%s", dir, path);
        want = harness_read_file(file, &le);
        if (old_t && new_t && want &&
            asldot_machine_parse(&a, old_t, lo, NULL, NULL) == ASLDOT_OK &&
            asldot_machine_parse(&b, new_t, ln, NULL, NULL) == ASLDOT_OK) {
            CHECK_EQ_INT(asldot_diff_new(&d, a, b, NULL), ASLDOT_OK);
            s = asldot_diff_get(d);
            pairs++;
            /* each name reported must be in the expectation's list of that kind (renames count
             * as removed + added there), and the counts must agree */
            for (size_t k = 0; s && k < 3; k++) {
                char key[64], quoted[1024];
                const char *at;
                size_t got = k == 0   ? s->added_count + s->renamed_count
                             : k == 1 ? s->removed_count + s->renamed_count
                                      : s->changed_count;
                size_t expected = 0;
                snprintf(key, sizeof key, "\"%s\": [", lists[k]);
                at = strstr(want, key);
                CHECK(at != NULL);
                if (at == NULL)
                    continue;
                at += strlen(key);
                while (*at && *at != ']')
                    expected += *at++ == '"';
                CHECK_EQ_INT(got, expected / 2);
                for (size_t i = 0; k == 2 && i < s->changed_count; i++) {
                    snprintf(quoted, sizeof quoted, "\"%s\"", s->changed[i].state);
                    CHECK(strstr(want, quoted) != NULL);
                }
            }
        }
        asldot_diff_free(d);
        asldot_machine_free(a);
        asldot_machine_free(b);
        free(old_t);
        free(new_t);
        free(want);
    }
    pclose(ls);
    if (pairs == 0)
        printf("diff corpus: skipped (no pairs under %s/diffs)\n", dir);
    else
        printf("diff corpus: %zu pairs checked\n", pairs);
}

int main(void)
{
    test_identical();
    test_flow();
    test_nested();
    test_rename();
    test_graph();
    test_reports();
    test_args();
    test_nomem();
    test_corpus();
    TEST_MAIN_END();
}
