/* test_overlay.c: execution overlays (overlay.c) on hand-written histories with real timestamps. */
#include "../harness.h"
#include "history_defs.h"

#include "asldot.h"
#include "history.h"
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAMBDA "\"Resource\": \"arn:aws:states:::lambda:invoke\""

static const char RETRY_DEF[] =
    "{\"StartAt\": \"Fetch\", \"States\": {"
    "\"Fetch\": {\"Type\": \"Task\", " LAMBDA ", \"Retry\": [{\"ErrorEquals\": "
    "[\"Lambda.ServiceException\"], \"MaxAttempts\": 3}], \"Next\": \"Done\"},"
    "\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";

static const char PARALLEL_DEF[] =
    "{\"StartAt\": \"Checkout\", \"States\": {"
    "\"Checkout\": {\"Type\": \"Parallel\", \"Branches\": ["
    " {\"StartAt\": \"Charge\", \"States\": {\"Charge\": {\"Type\": \"Task\", " LAMBDA
    ", \"End\": true}}},"
    " {\"StartAt\": \"Hold\", \"States\": {\"Hold\": {\"Type\": \"Wait\", \"Seconds\": 3600, "
    "\"Next\": \"Release\"}, \"Release\": {\"Type\": \"Pass\", \"End\": true}}}],"
    " \"Next\": \"Ship\"},"
    "\"Ship\": {\"Type\": \"Pass\", \"End\": true}}}";

static const char RUNNING_DEF[] =
    "{\"StartAt\": \"Long\", \"States\": {"
    "\"Long\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::ecs:runTask.sync\", "
    "\"Next\": \"After\"}, \"After\": {\"Type\": \"Pass\", \"End\": true}}}";

static const char ABORT_DEF[] = "{\"StartAt\": \"Pause\", \"States\": {"
                                "\"Pause\": {\"Type\": \"Wait\", \"Seconds\": 10000, \"Next\": "
                                "\"Go\"}, \"Go\": {\"Type\": \"Pass\", \"End\": true}}}";

static const char CAUGHT_DEF[] =
    "{\"StartAt\": \"Call\", \"States\": {"
    "\"Call\": {\"Type\": \"Task\", " LAMBDA ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], "
    "\"Next\": \"Fallback\"}], \"Next\": \"Finish\"},"
    "\"Fallback\": {\"Type\": \"Pass\", \"Next\": \"Finish\"},"
    "\"Finish\": {\"Type\": \"Succeed\"}}}";

static const char CHOICE_DEF[] =
    "{\"StartAt\": \"Init\", \"States\": {"
    "\"Init\": {\"Type\": \"Pass\", \"Next\": \"Check\"},"
    "\"Check\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", "
    "\"NumericLessThan\": 3, \"Next\": \"Step\"}], \"Default\": \"Finish\"},"
    "\"Step\": {\"Type\": \"Pass\", \"Next\": \"Check\"},"
    "\"Finish\": {\"Type\": \"Succeed\"}}}";

static const char PLACEHOLDER_DEF[] =
    "{\"StartAt\": \"Load\", \"States\": {"
    "\"Load\": {\"Type\": \"Pass\", \"Next\": \"Both\"},"
    "\"Both\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
    " {\"StartAt\": \"Left\", \"States\": {\"Left\": {\"Type\": \"Pass\", \"End\": true}}},"
    " {\"StartAt\": \"Right1\", \"States\": {\"Right1\": {\"Type\": \"Pass\", \"Next\": "
    "\"Right2\"}, \"Right2\": {\"Type\": \"Pass\", \"End\": true}}}]}}}";

static const char DIST_DEF[] =
    "{\"StartAt\": \"Fan\", \"States\": {"
    "\"Fan\": {\"Type\": \"Map\", \"ItemReader\": {\"Resource\": "
    "\"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\"}},"
    " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": "
    "\"STANDARD\"}, \"StartAt\": \"Handle\", \"States\": {\"Handle\": {\"Type\": \"Task\", " LAMBDA
    ", \"End\": true}}}, \"End\": true}}}";

/* ---------------------------------------------------------------- helpers */

static asldot_graph *build(const char *def)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    if (asldot_machine_parse(&m, def, strlen(def), NULL, NULL) != ASLDOT_OK) {
        fprintf(stderr, "definition does not parse\n");
        exit(1);
    }
    if (asldot_graph_build(&g, m, NULL, NULL) != ASLDOT_OK) {
        fprintf(stderr, "graph does not build\n");
        exit(1);
    }
    asldot_machine_free(m);
    return g;
}

/* Builds def, reads the files (NULL-terminated) into one history and overlays it. */
static asldot_status run(asldot_graph **out, const char *def, const char *const *files,
                         const asldot_overlay_options *o, asldot_diagnostics *d)
{
    asldot_history *h = NULL;
    asldot_status st;
    *out = build(def);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    for (size_t i = 0; files[i]; i++) {
        size_t len;
        char *data = harness_read_source("tests/data/histories", files[i], &len);
        st = asldot_history_add(h, data, len, NULL, d);
        free(data);
        if (st != ASLDOT_OK) {
            fprintf(stderr, "%s: %s\n", files[i], asldot_status_string(st));
            exit(1);
        }
    }
    st = asldot_graph_overlay(*out, h, o, d);
    asldot_history_free(h);
    return st;
}

static size_t state_id(const asldot_graph *g, const char *name)
{
    for (size_t s = 0; s < g->state_count; s++)
        if (g->state_names[s] && strcmp(g->state_names[s], name) == 0)
            return s;
    fprintf(stderr, "no state %s\n", name);
    exit(1);
}

typedef struct view {
    asldot_ir_status status;
    const asldot_ir_run *run;
    const char *notes, *tooltip, *classes;
} view;

static view state(const asldot_graph *g, const char *name)
{
    size_t s = state_id(g, name);
    view v;
    if (g->state_node[s] != ASLDOT_IR_NONE) {
        const asldot_ir_node *n = g->nodes[g->state_node[s]];
        v.status = n->status;
        v.run = &n->run;
        v.notes = n->notes ? n->notes : "";
        v.tooltip = n->tooltip ? n->tooltip : "";
        v.classes = n->classes;
    } else {
        const asldot_ir_cluster *c = g->clusters[g->state_cluster[s]];
        v.status = c->status;
        v.run = &c->run;
        v.notes = c->notes ? c->notes : "";
        v.tooltip = c->tooltip ? c->tooltip : "";
        v.classes = c->classes;
    }
    return v;
}

/* The edge of this kind between two states (NULL names: the Start / End markers). */
static const asldot_ir_edge *edge(const asldot_graph *g, const char *from, const char *to,
                                  asldot_ir_edge_kind kind)
{
    size_t f = from ? state_id(g, from) : ASLDOT_IR_NONE, t = to ? state_id(g, to) : ASLDOT_IR_NONE;
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        if (e->kind == kind && e->from_state == f && e->to_state == t)
            return e;
    }
    fprintf(stderr, "no edge %s -> %s\n", from ? from : "start", to ? to : "end");
    exit(1);
}

static int status_classes(const char *classes)
{
    int n = 0;
    for (const char *p = classes; (p = strstr(p, "status-")) != NULL; p++)
        if (p == classes || p[-1] == ' ')
            n++;
    return n;
}

/* Every state object carries exactly one status class, the one of its status. */
static void check_one_status_each(const asldot_graph *g)
{
    CHECK(g->has_overlay);
    for (size_t s = 0; s < g->state_count; s++) {
        view v;
        char want[64];
        CHECK(g->state_names[s] != NULL);
        if (g->state_names[s] == NULL)
            continue;
        v = state(g, g->state_names[s]);
        CHECK_EQ_INT(status_classes(v.classes), 1);
        snprintf(want, sizeof want, "status-%s", asldot_ir_status_name(v.status));
        CHECK(asldot_ir_has_class(v.classes, want));
    }
}

static int has_code(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
        if (strcmp(asldot_diagnostics_get(d, i)->code, code) == 0)
            return 1;
    return 0;
}

static const char *message(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
        if (strcmp(asldot_diagnostics_get(d, i)->code, code) == 0)
            return asldot_diagnostics_get(d, i)->message;
    return NULL;
}

/* ---------------------------------------------------------------- cases */

static void test_retry(void)
{
    static const char *const iso[] = {"retry.json", NULL};
    static const char *const epoch[] = {"retry.epoch.json", NULL};
    for (int k = 0; k < 2; k++) {
        asldot_graph *g = NULL;
        asldot_overlay_options o;
        view v;
        asldot_overlay_options_init(&o);
        o.flags = k ? 0 : ASLDOT_OVERLAY_SHOW_IO;
        CHECK_EQ_INT(run(&g, RETRY_DEF, k ? epoch : iso, &o, NULL), ASLDOT_OK);
        check_one_status_each(g);
        v = state(g, "Fetch");
        CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_SUCCEEDED);
        CHECK_EQ_INT(v.run->runs, 1);
        CHECK_EQ_INT(v.run->succeeded, 1);
        CHECK_EQ_INT(v.run->failed, 0);
        CHECK_EQ_INT(v.run->attempts, 3);
        CHECK_EQ_INT(v.run->total_ms, 4000);
        CHECK_EQ_INT(v.run->max_ms, 4000);
        CHECK_CONTAINS(v.notes, "3 attempts\n4.0s");
        if (k == 0) {
            CHECK_CONTAINS(v.tooltip, "input: {\"id\": 7}");
            CHECK_CONTAINS(v.tooltip, "output: {\"ok\": true}");
        } else {
            CHECK(strstr(v.tooltip, "input:") == NULL);
        }
        v = state(g, "Done");
        CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_SUCCEEDED);
        CHECK_EQ_INT(v.run->attempts, 0);
        CHECK_EQ_INT(v.run->total_ms, 50);
        CHECK_CONTAINS(v.notes, "50ms");
        CHECK_EQ_STR(g->subtitle, "Execution succeeded in 4.2s");
        CHECK_EQ_INT(edge(g, NULL, "Fetch", ASLDOT_IR_EDGE_START)->taken, 1);
        CHECK_EQ_INT(edge(g, "Fetch", "Done", ASLDOT_IR_EDGE_NEXT)->taken, 1);
        CHECK_EQ_INT(edge(g, "Done", NULL, ASLDOT_IR_EDGE_END)->taken, 1);
        CHECK(asldot_ir_has_class(edge(g, "Fetch", "Done", ASLDOT_IR_EDGE_NEXT)->classes, "taken"));
        asldot_graph_free(g);
    }
}

static void check_map_figures(const asldot_graph *g)
{
    view v = state(g, "Work");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_FAILED);
    CHECK_EQ_INT(v.run->runs, 4);
    CHECK_EQ_INT(v.run->succeeded, 2);
    CHECK_EQ_INT(v.run->failed, 1);
    CHECK_EQ_INT(v.run->attempts, 4);
    /* iteration 0: 0.4 -> 2.4; 1: 0.45 -> 1.05; 2: 1.2 -> failed at 3.0; 3 never ended */
    CHECK_EQ_INT(v.run->total_ms, 2000 + 600 + 1800);
    CHECK_EQ_INT(v.run->max_ms, 2000);
    CHECK_EQ_STR(v.notes, "\xC3\x97"
                          "4 \xC2\xB7 2 \xE2\x9C\x93 1 \xE2\x9C\x97\ntotal 4.4s \xC2\xB7 max 2.0s");
    CHECK_CONTAINS(v.tooltip, "Work.Failed: item 3 is broken");
    v = state(g, "ProcessAll");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_CAUGHT);
    CHECK_EQ_INT(v.run->runs, 1);
    CHECK_EQ_INT(v.run->failed, 1);
    CHECK_EQ_INT(v.run->iterations_succeeded, 2);
    CHECK_EQ_INT(v.run->iterations_failed, 1);
    CHECK_EQ_INT(v.run->iterations_total, 4);
    CHECK_EQ_INT(v.run->items_total, -1);
    CHECK_EQ_INT(v.run->total_ms, 3100);
    CHECK_CONTAINS(v.notes, "4 iterations: 2 \xE2\x9C\x93 1 \xE2\x9C\x97 1 unfinished");
    CHECK_EQ_INT(state(g, "Recover").status, ASLDOT_IR_STATUS_SUCCEEDED);
    CHECK_EQ_INT(state(g, "Report").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK_EQ_INT(state(g, "Report").run->runs, 0);
    CHECK_EQ_INT(edge(g, "ProcessAll", "Recover", ASLDOT_IR_EDGE_CATCH)->taken, 1);
    CHECK_EQ_INT(edge(g, "ProcessAll", "Report", ASLDOT_IR_EDGE_NEXT)->taken, 0);
    CHECK(asldot_ir_has_class(edge(g, "ProcessAll", "Report", ASLDOT_IR_EDGE_NEXT)->classes,
                              "untaken"));
    CHECK_EQ_INT(edge(g, "Report", NULL, ASLDOT_IR_EDGE_END)->taken, 0);
    CHECK_EQ_INT(edge(g, "Recover", NULL, ASLDOT_IR_EDGE_END)->taken, 1);
    CHECK_EQ_STR(g->subtitle, "Execution succeeded in 3.3s");
}

static void test_map(void)
{
    static const char *const one[] = {"map.json", NULL};
    static const char *const concatenated[] = {"map.pages.json", NULL};
    static const char *const pages[] = {"map.page2.json", "map.page3.json", "map.page1.json",
                                        "map.page2.json", NULL};
    asldot_graph *g = NULL;
    CHECK_EQ_INT(run(&g, MAP_DEF, one, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    check_map_figures(g);
    asldot_graph_free(g);
    CHECK_EQ_INT(run(&g, MAP_DEF, concatenated, NULL, NULL), ASLDOT_OK);
    check_map_figures(g);
    asldot_graph_free(g);
    CHECK_EQ_INT(run(&g, MAP_DEF, pages, NULL, NULL), ASLDOT_OK);
    check_map_figures(g);
    asldot_graph_free(g);
}

static void test_iteration(void)
{
    static const char *const one[] = {"map.json", NULL};
    static const struct {
        long index;
        asldot_ir_status status;
        long long ms;
    } want[] = {{0, ASLDOT_IR_STATUS_SUCCEEDED, 2000},
                {1, ASLDOT_IR_STATUS_SUCCEEDED, 600},
                {2, ASLDOT_IR_STATUS_FAILED, 1800},
                {3, ASLDOT_IR_STATUS_CANCELLED, -1}};
    asldot_overlay_options o;
    asldot_diagnostics *d = NULL;
    asldot_graph *g = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    asldot_overlay_options_init(&o);
    o.iteration_state = "ProcessAll";
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        view v;
        o.iteration_index = want[i].index;
        CHECK_EQ_INT(run(&g, MAP_DEF, one, &o, d), ASLDOT_OK);
        v = state(g, "Work");
        CHECK_EQ_INT(v.status, want[i].status);
        CHECK_EQ_INT(v.run->runs, 1);
        CHECK_EQ_INT(v.run->total_ms, want[i].ms);
        CHECK_CONTAINS(state(g, "ProcessAll").notes, "iteration");
        CHECK_EQ_INT(state(g, "ProcessAll").status, ASLDOT_IR_STATUS_CAUGHT);
        check_one_status_each(g);
        asldot_graph_free(g);
    }
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    o.iteration_index = 4;
    CHECK_EQ_INT(run(&g, MAP_DEF, one, &o, d), ASLDOT_ERR_INVALID);
    CHECK(has_code(d, "iteration-out-of-range"));
    CHECK(!g->has_overlay);
    asldot_graph_free(g);
    o.iteration_state = "Report";
    o.iteration_index = 0;
    CHECK_EQ_INT(run(&g, MAP_DEF, one, &o, d), ASLDOT_ERR_INVALID);
    CHECK(has_code(d, "iteration-unknown-state"));
    asldot_graph_free(g);
    o.iteration_state = "Nowhere";
    CHECK_EQ_INT(run(&g, MAP_DEF, one, &o, d), ASLDOT_ERR_INVALID);
    asldot_graph_free(g);
    asldot_diagnostics_free(d);
}

static void test_parallel_failed(void)
{
    static const char *const files[] = {"parallel_failed.json", NULL};
    asldot_graph *g = NULL;
    view v;
    CHECK_EQ_INT(run(&g, PARALLEL_DEF, files, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Charge");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_FAILED);
    CHECK_EQ_INT(v.run->failed, 1);
    CHECK_EQ_INT(v.run->attempts, 1);
    CHECK_EQ_INT(v.run->total_ms, 71800);
    CHECK_CONTAINS(v.notes, "1m 12s");
    CHECK_CONTAINS(v.tooltip, "Lambda.ServiceException: upstream 503");
    v = state(g, "Hold");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_CANCELLED);
    CHECK_EQ_INT(v.run->runs, 1);
    CHECK_EQ_INT(v.run->failed, 0);
    CHECK_EQ_INT(v.run->total_ms, -1);
    CHECK_EQ_INT(state(g, "Release").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK_EQ_INT(state(g, "Checkout").status, ASLDOT_IR_STATUS_FAILED);
    CHECK_CONTAINS(state(g, "Checkout").tooltip, "Lambda.ServiceException: upstream 503");
    CHECK_EQ_INT(state(g, "Ship").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK_EQ_STR(
        g->subtitle,
        "Execution failed after 1m 12s \xE2\x80\x94 Lambda.ServiceException: upstream 503");
    CHECK_EQ_INT(edge(g, "Checkout", "Ship", ASLDOT_IR_EDGE_NEXT)->taken, 0);
    asldot_graph_free(g);
}

static void test_running_and_aborted(void)
{
    static const char *const running[] = {"running.json", NULL};
    static const char *const aborted[] = {"aborted.json", NULL};
    asldot_graph *g = NULL;
    view v;
    CHECK_EQ_INT(run(&g, RUNNING_DEF, running, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Long");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_IN_PROGRESS);
    CHECK_EQ_INT(v.run->runs, 1);
    CHECK_EQ_INT(v.run->succeeded, 0);
    CHECK_EQ_INT(v.run->attempts, 1);
    CHECK_EQ_INT(v.run->total_ms, -1);
    CHECK_EQ_INT(state(g, "After").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK_EQ_STR(g->subtitle, "Execution running for 3m 10s");
    CHECK_EQ_INT(edge(g, "Long", "After", ASLDOT_IR_EDGE_NEXT)->taken, 0);
    asldot_graph_free(g);

    CHECK_EQ_INT(run(&g, ABORT_DEF, aborted, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    CHECK_EQ_INT(state(g, "Pause").status, ASLDOT_IR_STATUS_CANCELLED);
    CHECK_EQ_INT(state(g, "Go").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK_EQ_STR(g->subtitle,
                 "Execution aborted after 2h 03m \xE2\x80\x94 Operator: stopped by hand");
    asldot_graph_free(g);
}

static void test_caught(void)
{
    static const char *const files[] = {"caught.json", NULL};
    asldot_graph *g = NULL;
    view v;
    CHECK_EQ_INT(run(&g, CAUGHT_DEF, files, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Call");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_CAUGHT);
    CHECK_EQ_INT(v.run->failed, 1);
    CHECK_EQ_INT(v.run->succeeded, 0);
    CHECK_EQ_INT(v.run->total_ms, 350);
    CHECK_CONTAINS(v.tooltip, "States.TaskFailed: boom");
    CHECK_EQ_INT(state(g, "Fallback").status, ASLDOT_IR_STATUS_SUCCEEDED);
    CHECK_EQ_INT(state(g, "Finish").status, ASLDOT_IR_STATUS_SUCCEEDED);
    CHECK_EQ_INT(edge(g, "Call", "Fallback", ASLDOT_IR_EDGE_CATCH)->taken, 1);
    CHECK_EQ_INT(edge(g, "Call", "Finish", ASLDOT_IR_EDGE_NEXT)->taken, 0);
    CHECK_EQ_INT(edge(g, "Fallback", "Finish", ASLDOT_IR_EDGE_NEXT)->taken, 1);
    CHECK_EQ_INT(edge(g, "Finish", NULL, ASLDOT_IR_EDGE_END)->taken, 1);
    CHECK_EQ_STR(g->subtitle, "Execution succeeded in 600ms");
    asldot_graph_free(g);
}

static void test_choice_loop(void)
{
    static const char *const files[] = {"choice_loop.json", NULL};
    asldot_graph *g = NULL;
    asldot_diagnostics *d = NULL;
    const asldot_ir_edge *e;
    view v;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(run(&g, CHOICE_DEF, files, NULL, d), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Check");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_SUCCEEDED);
    CHECK_EQ_INT(v.run->runs, 4);
    CHECK_EQ_INT(v.run->succeeded, 4);
    CHECK_EQ_INT(v.run->total_ms, 160);
    CHECK_EQ_INT(v.run->max_ms, 60);
    CHECK_CONTAINS(v.notes, "\xC3\x97"
                            "4\ntotal 160ms \xC2\xB7 max 60ms");
    CHECK(strstr(v.notes, "\xE2\x9C\x93") == NULL); /* all alike: no split */
    v = state(g, "Step");
    CHECK_EQ_INT(v.run->runs, 3);
    CHECK_EQ_INT(v.run->total_ms, 120);
    e = edge(g, "Check", "Step", ASLDOT_IR_EDGE_CHOICE);
    CHECK_EQ_INT(e->taken, 3);
    CHECK(e->label && strlen(e->label) > 3 &&
          strcmp(e->label + strlen(e->label) - 3, "\xC3\x97"
                                                  "3") == 0);
    CHECK_EQ_INT(edge(g, "Step", "Check", ASLDOT_IR_EDGE_NEXT)->taken, 3);
    e = edge(g, "Check", "Finish", ASLDOT_IR_EDGE_DEFAULT);
    CHECK_EQ_INT(e->taken, 1);
    CHECK_EQ_STR(e->label, "default");
    CHECK_EQ_INT(edge(g, "Init", "Check", ASLDOT_IR_EDGE_NEXT)->taken, 1);
    CHECK_EQ_STR(g->subtitle, "Execution succeeded in 521ms");
    CHECK(has_code(d, "history-unknown-state"));
    CHECK_CONTAINS(message(d, "history-unknown-state"), "\"Ghost\"");
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    CHECK_EQ_INT(asldot_diagnostics_warning_count(d), 1);
    asldot_graph_free(g);
    asldot_diagnostics_free(d);
}

static void test_placeholders(void)
{
    static const char *const files[] = {"placeholders.json", NULL};
    asldot_graph *g = NULL;
    CHECK_EQ_INT(run(&g, PLACEHOLDER_DEF, files, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    for (size_t s = 0; s < g->state_count; s++) {
        view v = state(g, g->state_names[s]);
        CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_SUCCEEDED);
        CHECK_EQ_INT(v.run->runs, 1);
        CHECK_EQ_INT(v.run->total_ms, -1);
    }
    CHECK_EQ_INT(edge(g, "Right1", "Right2", ASLDOT_IR_EDGE_NEXT)->taken, 1);
    CHECK_EQ_INT(edge(g, "Load", "Both", ASLDOT_IR_EDGE_NEXT)->taken, 1);
    CHECK_EQ_STR(g->subtitle, "Execution succeeded");
    asldot_graph_free(g);
}

static void test_distributed(void)
{
    static const char *const parent[] = {"distributed.json", NULL};
    static const char *const all[] = {"distributed.json", "distributed.child2.json",
                                      "distributed.child1.json", NULL};
    asldot_graph *g = NULL;
    view v;
    CHECK_EQ_INT(run(&g, DIST_DEF, parent, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Fan");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_FAILED);
    CHECK_CONTAINS(v.tooltip, "States.ExceedToleratedFailureThreshold: 1 of 2 items failed");
    CHECK_EQ_INT(state(g, "Handle").status, ASLDOT_IR_STATUS_NOT_RUN);
    asldot_graph_free(g);

    CHECK_EQ_INT(run(&g, DIST_DEF, all, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    v = state(g, "Handle");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_FAILED);
    CHECK_EQ_INT(v.run->runs, 2);
    CHECK_EQ_INT(v.run->succeeded, 1);
    CHECK_EQ_INT(v.run->failed, 1);
    CHECK_EQ_INT(v.run->total_ms, 1200 + 2200);
    CHECK_EQ_INT(v.run->max_ms, 2200);
    CHECK_CONTAINS(v.tooltip, "Order.Invalid: no such order");
    v = state(g, "Fan");
    CHECK_EQ_INT(v.status, ASLDOT_IR_STATUS_FAILED);
    CHECK_EQ_INT(v.run->iterations_succeeded, 1);
    CHECK_EQ_INT(v.run->iterations_failed, 1);
    CHECK_EQ_INT(v.run->iterations_total, 2);
    CHECK_EQ_STR(g->subtitle, "Execution failed after 5.4s \xE2\x80\x94 "
                              "States.ExceedToleratedFailureThreshold: 1 of 2 items failed");
    asldot_graph_free(g);
}

/* Without the builder: a graph made by hand through the ir.h helpers. */
static void test_hand_built_graph(void)
{
    static const char hist[] =
        "[{\"id\":1,\"type\":\"ExecutionStarted\",\"timestamp\":10},"
        "{\"id\":2,\"previousEventId\":1,\"type\":\"PassStateEntered\",\"timestamp\":10.5,"
        "\"stateEnteredEventDetails\":{\"name\":\"A\"}},"
        "{\"id\":3,\"previousEventId\":2,\"type\":\"PassStateExited\",\"timestamp\":11,"
        "\"stateExitedEventDetails\":{\"name\":\"A\"}},"
        "{\"id\":4,\"previousEventId\":3,\"type\":\"FailStateEntered\",\"timestamp\":11.25,"
        "\"stateEnteredEventDetails\":{\"name\":\"B\"}},"
        "{\"id\":5,\"previousEventId\":4,\"type\":\"ExecutionFailed\",\"timestamp\":11.25,"
        "\"executionFailedEventDetails\":{\"error\":\"Bad\",\"cause\":\"very\"}}]";
    asldot_graph *g = NULL;
    asldot_history *h = NULL;
    asldot_ir_node *start, *a, *b, *c;
    asldot_ir_edge *e1, *e2, *e3;
    CHECK_EQ_INT(asldot_ir_new(&g, 3), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_START, ASLDOT_IR_NONE, &start), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &a), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &b), ASLDOT_OK);
    CHECK_EQ_INT(asldot_ir_add_node(g, ASLDOT_IR_STATE, ASLDOT_IR_NONE, &c), ASLDOT_OK);
    a->type = ASLDOT_STATE_PASS;
    b->type = ASLDOT_STATE_FAIL;
    c->type = ASLDOT_STATE_SUCCEED;
    a->state_id = 0;
    b->state_id = 1;
    c->state_id = 2;
    a->notes = "retries: none";
    g->state_node[0] = a->id;
    g->state_node[1] = b->id;
    g->state_node[2] = c->id;
    g->state_names[0] = "A";
    g->state_names[1] = "B";
    g->state_names[2] = "C";
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_START, start->id, a->id, &e1), ASLDOT_OK);
    e1->to_state = 0;
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_CHOICE, a->id, b->id, &e2), ASLDOT_OK);
    e2->from_state = 0;
    e2->to_state = 1;
    CHECK_EQ_INT(asldot_ir_add_edge(g, ASLDOT_IR_EDGE_CHOICE, a->id, c->id, &e3), ASLDOT_OK);
    e3->from_state = 0;
    e3->to_state = 2;
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, hist, strlen(hist), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_overlay(g, h, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(a->status, ASLDOT_IR_STATUS_SUCCEEDED);
    CHECK_EQ_INT(b->status, ASLDOT_IR_STATUS_FAILED);
    CHECK_EQ_INT(c->status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK(asldot_ir_has_class(c->classes, "status-not-run"));
    CHECK_EQ_STR(a->notes, "retries: none\n500ms");
    CHECK_CONTAINS(b->tooltip, "Bad: very");
    CHECK_EQ_INT(e1->taken, 1);
    CHECK_EQ_INT(e2->taken, 1);
    CHECK_EQ_INT(e3->taken, 0);
    CHECK(asldot_ir_has_class(e3->classes, "untaken"));
    CHECK(asldot_ir_has_class(e2->classes, "taken"));
    CHECK_EQ_STR(g->subtitle, "Execution failed after 1.3s \xE2\x80\x94 Bad: very");
    /* a second overlay on the same graph is refused */
    CHECK_EQ_INT(asldot_graph_overlay(g, h, NULL, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_graph_overlay(NULL, h, NULL, NULL), ASLDOT_ERR_ARGS);
    asldot_history_free(h);
    asldot_graph_free(g);
}

static void test_empty_history(void)
{
    asldot_graph *g = build(RETRY_DEF);
    asldot_history *h = NULL;
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_overlay(g, h, NULL, NULL), ASLDOT_OK);
    check_one_status_each(g);
    CHECK_EQ_INT(state(g, "Fetch").status, ASLDOT_IR_STATUS_NOT_RUN);
    CHECK(g->subtitle != NULL);
    asldot_history_free(h);
    asldot_graph_free(g);
}

int main(void)
{
    test_retry();
    test_map();
    test_iteration();
    test_parallel_failed();
    test_running_and_aborted();
    test_caught();
    test_choice_loop();
    test_placeholders();
    test_distributed();
    test_hand_built_graph();
    test_empty_history();
    TEST_MAIN_END();
}
