/* Options structs: the _INIT macros equal what _init fills in, a zero-initialised struct still
 * means the defaults, and every entry point refuses a struct from a newer header. */
#include "asldot.h"

#include "../harness.h"

static const char MACHINE[] = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
static const char HISTORY[] = "{\"events\": []}";

static void test_init_macros(void)
{
    asldot_options a = ASLDOT_OPTIONS_INIT, b;
    asldot_build_options ba = ASLDOT_BUILD_OPTIONS_INIT, bb;
    asldot_overlay_options oa = ASLDOT_OVERLAY_OPTIONS_INIT, ob;
    asldot_options_init(&b);
    asldot_build_options_init(&bb);
    asldot_overlay_options_init(&ob);
    CHECK_EQ_INT(a.version, b.version);
    CHECK_EQ_INT(a.flags, b.flags);
    CHECK_EQ_INT(a.input_format, b.input_format);
    CHECK(a.max_input_bytes == b.max_input_bytes);
    CHECK_EQ_INT(a.max_doc_depth, b.max_doc_depth);
    CHECK_EQ_INT(a.max_state_depth, b.max_state_depth);
    CHECK_EQ_INT(a.max_states, b.max_states);
    CHECK_EQ_INT(ba.version, bb.version);
    CHECK_EQ_INT(ba.rankdir, bb.rankdir);
    CHECK_EQ_INT(ba.layout, bb.layout);
    CHECK_EQ_INT(oa.version, ob.version);
    CHECK(oa.iteration_state == ob.iteration_state);
    CHECK(oa.iteration_index == ob.iteration_index);
}

static void test_versions(void)
{
    asldot_options zero = {0}, newer = ASLDOT_OPTIONS_INIT;
    asldot_build_options bnew = ASLDOT_BUILD_OPTIONS_INIT;
    asldot_overlay_options onew = ASLDOT_OVERLAY_OPTIONS_INIT;
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_history *h = NULL;
    newer.version = ASLDOT_OPTIONS_VERSION + 1;
    bnew.version = ASLDOT_BUILD_OPTIONS_VERSION + 1;
    onew.version = ASLDOT_OVERLAY_OPTIONS_VERSION + 1;

    CHECK_EQ_INT(asldot_machine_parse(&m, MACHINE, sizeof MACHINE - 1, &newer, NULL),
                 ASLDOT_ERR_ARGS);
    CHECK(m == NULL);
    CHECK_EQ_INT(asldot_machine_parse(&m, MACHINE, sizeof MACHINE - 1, &zero, NULL), ASLDOT_OK);
    if (m == NULL)
        return;
    CHECK_EQ_INT(asldot_machine_validate(m, &newer, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_machine_validate(m, &zero, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, &bnew, NULL), ASLDOT_ERR_ARGS);
    CHECK(g == NULL);
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, HISTORY, sizeof HISTORY - 1, &newer, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_history_add(h, HISTORY, sizeof HISTORY - 1, NULL, NULL), ASLDOT_OK);
    if (g != NULL)
        CHECK_EQ_INT(asldot_graph_overlay(g, h, &onew, NULL), ASLDOT_ERR_ARGS);
    asldot_history_free(h);
    asldot_graph_free(g);
    asldot_machine_free(m);
}

int main(void)
{
    test_init_macros();
    test_versions();
    TEST_MAIN_END();
}
