/*
 * fuzz_style.c: style sheet bytes -> asldot_style_parse -> asldot_graph_apply_style on a fixed
 * graph that carries every class a style can select (all state types, Parallel and Map clusters,
 * a keep-going placeholder, overlay statuses, taken edges, the legend) -> IR dump. A style that
 * parses must apply; a refused one must say why. Never enters Graphviz.
 *
 * Header (fuzz_common.h): byte 0 bit 0 applies a built-in style first (so the fuzzed one layers
 * on top); byte 2 bit 3 adds the legend; byte 3 injects an allocation fault.
 */
#include "fuzz_common.h"

#include "ir.h"

#include <stdlib.h>
#include <string.h>

#define LAMBDA "\"Resource\": \"arn:aws:states:::lambda:invoke\""

static const char MACHINE[] =
    "{\"Comment\": \"style target\", \"StartAt\": \"Start\", \"States\": {"
    "\"Start\": {\"Type\": \"Pass\", \"Next\": \"Call\"},"
    "\"Call\": {\"Type\": \"Task\", " LAMBDA ", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}],"
    " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Oops\"}], \"Next\": \"Pick\"},"
    "\"Pick\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true,"
    " \"Next\": \"Both\"}], \"Default\": \"Nowhere\"},"
    "\"Both\": {\"Type\": \"Parallel\", \"Branches\": ["
    " {\"StartAt\": \"Sleep\", \"States\": {\"Sleep\": {\"Type\": \"Wait\", \"Seconds\": 1,"
    "  \"End\": true}}},"
    " {\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"ItemProcessor\": {"
    "  \"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\", " LAMBDA
    ", \"End\": true}}}, \"End\": true}}}], \"Next\": \"Done\"},"
    "\"Done\": {\"Type\": \"Succeed\"},"
    "\"Oops\": {\"Type\": \"Fail\", \"Error\": \"Oops\"}}}";

static const char HISTORY[] =
    "{\"events\": ["
    "{\"id\": 1, \"timestamp\": 0, \"type\": \"ExecutionStarted\"},"
    "{\"id\": 2, \"previousEventId\": 1, \"timestamp\": 1, \"type\": \"PassStateEntered\","
    " \"stateEnteredEventDetails\": {\"name\": \"Start\"}},"
    "{\"id\": 3, \"previousEventId\": 2, \"timestamp\": 2, \"type\": \"PassStateExited\","
    " \"stateExitedEventDetails\": {\"name\": \"Start\"}},"
    "{\"id\": 4, \"previousEventId\": 3, \"timestamp\": 3, \"type\": \"TaskStateEntered\","
    " \"stateEnteredEventDetails\": {\"name\": \"Call\"}},"
    "{\"id\": 5, \"previousEventId\": 4, \"timestamp\": 4, \"type\": \"TaskFailed\","
    " \"taskFailedEventDetails\": {\"error\": \"E\", \"cause\": \"c\"}},"
    "{\"id\": 6, \"previousEventId\": 5, \"timestamp\": 5, \"type\": \"TaskStateExited\","
    " \"stateExitedEventDetails\": {\"name\": \"Call\"}},"
    "{\"id\": 7, \"previousEventId\": 6, \"timestamp\": 6, \"type\": \"FailStateEntered\","
    " \"stateEnteredEventDetails\": {\"name\": \"Oops\"}},"
    "{\"id\": 8, \"previousEventId\": 7, \"timestamp\": 7, \"type\": \"ExecutionFailed\","
    " \"executionFailedEventDetails\": {\"error\": \"Oops\"}}]}";

typedef struct fixture {
    asldot_machine *m;
    asldot_history *h;
} fixture;

/* Parsed once per process, before any fault injection. */
static const fixture *get_fixture(void)
{
    static fixture fx;
    if (fx.m == NULL) {
        FUZZ_CHECK(asldot_machine_parse(&fx.m, MACHINE, strlen(MACHINE), NULL, NULL) == ASLDOT_OK);
        FUZZ_CHECK(asldot_history_new(&fx.h) == ASLDOT_OK);
        FUZZ_CHECK(asldot_history_add(fx.h, HISTORY, strlen(HISTORY), NULL, NULL) == ASLDOT_OK);
    }
    return &fx;
}

/* The graph every style is applied to: keep-going (a placeholder), overlay, legend. */
static asldot_graph *fixed_graph(const fuzz_input *in, int faulted)
{
    const fixture *fx = get_fixture();
    asldot_build_options bo = in->build;
    asldot_graph *g = NULL;
    asldot_status st;
    bo.flags |= ASLDOT_BUILD_KEEP_GOING;
    st = asldot_graph_build(&g, fx->m, &bo, NULL);
    fuzz_check_status(st, g, faulted);
    if (g == NULL)
        return NULL;
    st = asldot_graph_overlay(g, fx->h, NULL, NULL);
    if (!faulted)
        FUZZ_CHECK(st == ASLDOT_OK);
    if (in->legend) {
        st = asldot_graph_add_legend(g);
        if (!faulted)
            FUZZ_CHECK(st == ASLDOT_OK);
    }
    return g;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    asldot_diagnostics *diags = NULL;
    asldot_style *s = (asldot_style *)1;
    asldot_graph *g;
    asldot_status st;
    const asldot_style *base;
    int faulted;

    fuzz_decode(&in, data, size);
    faulted = in.fail_after != 0;
    base = (in.hdr[0] & 1u) ? fuzz_builtin_style(in.style_name) : NULL;
    get_fixture();
    FUZZ_CHECK(asldot_diagnostics_new(&diags) == ASLDOT_OK);

    fuzz_faults_begin(in.fail_after);
    st = asldot_style_parse(&s, in.text, in.len, diags);
    fuzz_check_status(st, s, faulted);
    if (!faulted) {
        if (st == ASLDOT_OK)
            FUZZ_CHECK(asldot_diagnostics_error_count(diags) == 0); /* refused as a whole */
        else
            FUZZ_CHECK(asldot_diagnostics_error_count(diags) > 0);
    }
    g = fixed_graph(&in, faulted);
    if (g != NULL && base != NULL) {
        st = asldot_graph_apply_style(g, base, diags);
        if (!faulted)
            FUZZ_CHECK(st == ASLDOT_OK);
    }
    if (g != NULL && s != NULL) {
        st = asldot_graph_apply_style(g, s, diags);
        if (!faulted)
            FUZZ_CHECK(st == ASLDOT_OK);
        fuzz_check_graph(g);
        /* applying the same style again changes nothing */
        if (!faulted) {
            char *once = fuzz_write_ir(g, 0), *twice;
            FUZZ_CHECK(asldot_graph_apply_style(g, s, diags) == ASLDOT_OK);
            twice = fuzz_write_ir(g, 0);
            FUZZ_CHECK(once != NULL && twice != NULL && strcmp(once, twice) == 0);
            free(once);
            free(twice);
        } else {
            free(fuzz_write_ir(g, faulted));
        }
    }
    fuzz_faults_end();
    fuzz_check_diagnostics(diags, faulted, 1);
    asldot_graph_free(g);
    asldot_style_free(s);
    asldot_diagnostics_free(diags);
    return 0;
}
