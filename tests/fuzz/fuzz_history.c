/*
 * fuzz_history.c: a fixed machine + fuzzed execution-history bytes -> asldot_history_add (one or
 * several pages) -> asldot_graph_overlay -> [legend] -> style -> IR dump. Never enters Graphviz.
 *
 * Header (fuzz_common.h) bytes used here as well: byte 1 bit 6 picks the machine (samples/
 * map-parallel.asl.json, or the "kitchen" machine below whose state names match the hand-written
 * histories in tests/data/histories), byte 1 bit 7 splits the payload into pages at 0x01 bytes,
 * byte 2 bit 7 ASLDOT_OVERLAY_SHOW_IO, byte 3's low bits with byte 1 bit 3 pick one iteration
 * of a Map (--iteration). The overlay must never change which nodes, edges and clusters exist.
 * Styling, the IR text dump and the diagnostic formats (together slower than the rest) run only
 * for inputs with a header.
 */
#include "fuzz_common.h"

#include "history.h"
#include "ir.h"

#include <stdlib.h>
#include <string.h>

/* samples/map-parallel.asl.json (Map > Parallel > Choice, Retry, Catch) */
static const char MAP_PARALLEL[] =
    "{\"StartAt\": \"Load orders\", \"States\": {"
    "\"Load orders\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:s3:getObject\","
    " \"Parameters\": {\"Bucket\": \"orders-inbox\", \"Key.$\": \"$.key\"}, \"Next\": \"Each "
    "order\"},"
    "\"Each order\": {\"Type\": \"Map\", \"ItemsPath\": \"$.orders\", \"MaxConcurrency\": 10,"
    " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"INLINE\"}, \"StartAt\": \"Fulfil\","
    " \"States\": {"
    "  \"Fulfil\": {\"Type\": \"Parallel\", \"Branches\": ["
    "   {\"StartAt\": \"Reserve stock\", \"States\": {\"Reserve stock\": {\"Type\": \"Task\","
    "    \"Resource\": \"arn:aws:lambda:eu-west-1:123456789012:function:reserve-stock\","
    "    \"Retry\": [{\"ErrorEquals\": [\"Stock.Busy\"], \"MaxAttempts\": 5}], \"End\": true}}},"
    "   {\"StartAt\": \"Charge card\", \"States\": {"
    "    \"Charge card\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
    "     \"Next\": \"Card accepted?\"},"
    "    \"Card accepted?\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": "
    "     \"$.Payload.accepted\", \"BooleanEquals\": true, \"Next\": \"Charged\"}],"
    "     \"Default\": \"Card declined\"},"
    "    \"Charged\": {\"Type\": \"Succeed\"},"
    "    \"Card declined\": {\"Type\": \"Fail\", \"Error\": \"CardDeclined\"}}}],"
    "   \"Catch\": [{\"ErrorEquals\": [\"CardDeclined\"], \"Next\": \"Release stock\"}],"
    "   \"Next\": \"Ship\"},"
    "  \"Release stock\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
    "   \"End\": true},"
    "  \"Ship\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::ecs:runTask.sync\","
    "   \"End\": true}}},"
    " \"Next\": \"Summarise\"},"
    "\"Summarise\": {\"Type\": \"Pass\", \"End\": true}}}";

#define LAMBDA "\"Resource\": \"arn:aws:states:::lambda:invoke\""

/* Every state type, Retry, Catch, a Choice loop, inline and Distributed Map, Parallel. */
static const char KITCHEN[] =
    "{\"StartAt\": \"Init\", \"States\": {"
    "\"Init\": {\"Type\": \"Pass\", \"Next\": \"Fetch\"},"
    "\"Fetch\": {\"Type\": \"Task\", " LAMBDA ", \"Retry\": [{\"ErrorEquals\": "
    " [\"Lambda.ServiceException\"], \"MaxAttempts\": 3}], \"Catch\": [{\"ErrorEquals\": "
    " [\"States.ALL\"], \"Next\": \"Fallback\"}], \"Next\": \"Check\"},"
    "\"Check\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", "
    " \"NumericLessThan\": 3, \"Next\": \"Step\"}], \"Default\": \"ProcessAll\"},"
    "\"Step\": {\"Type\": \"Pass\", \"Next\": \"Check\"},"
    "\"ProcessAll\": {\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"MaxConcurrency\": 2,"
    " \"ItemProcessor\": {\"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\", "
    " \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:work\", \"End\": true}}},"
    " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}], "
    " \"Next\": \"Checkout\"},"
    "\"Checkout\": {\"Type\": \"Parallel\", \"Branches\": ["
    " {\"StartAt\": \"Charge\", \"States\": {\"Charge\": {\"Type\": \"Task\", " LAMBDA
    ", \"End\": true}}},"
    " {\"StartAt\": \"Hold\", \"States\": {\"Hold\": {\"Type\": \"Wait\", \"Seconds\": 3600, "
    " \"Next\": \"Release\"}, \"Release\": {\"Type\": \"Pass\", \"End\": true}}}],"
    " \"Next\": \"Fan\"},"
    "\"Fan\": {\"Type\": \"Map\", \"ItemReader\": {\"Resource\": "
    " \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\"}},"
    " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": "
    " \"STANDARD\"}, \"StartAt\": \"Handle\", \"States\": {\"Handle\": {\"Type\": \"Task\", " LAMBDA
    ", \"End\": true}}}, \"Next\": \"Pause\"},"
    "\"Pause\": {\"Type\": \"Wait\", \"Seconds\": 10, \"Next\": \"Report\"},"
    "\"Report\": {\"Type\": \"Pass\", \"End\": true},"
    "\"Recover\": {\"Type\": \"Pass\", \"Next\": \"Finish\"},"
    "\"Fallback\": {\"Type\": \"Pass\", \"Next\": \"Finish\"},"
    "\"Finish\": {\"Type\": \"Succeed\"}}}";

/* Parses both machines once per process (before any fault injection). */
static const asldot_machine *fixed_machine(int which)
{
    static asldot_machine *cache[2];
    const char *def = which ? KITCHEN : MAP_PARALLEL;
    if (cache[which] == NULL) {
        FUZZ_CHECK(asldot_machine_parse(&cache[which], def, strlen(def), NULL, NULL) == ASLDOT_OK);
        FUZZ_CHECK(asldot_machine_validate(cache[which], NULL, NULL) == ASLDOT_OK);
    }
    return cache[which];
}

/* Adds the payload as one page, or as pages separated by 0x01 bytes. */
static void add_pages(asldot_history *h, const fuzz_input *in, int split, int faulted,
                      asldot_diagnostics *diags)
{
    const char *p = in->text, *end = in->text + in->len;
    do {
        const char *sep = split ? memchr(p, 0x01, (size_t)(end - p)) : NULL;
        const char *stop = sep ? sep : end;
        size_t before = asldot_history_event_count(h);
        asldot_status st = asldot_history_add(h, p, (size_t)(stop - p), &in->opts, diags);
        FUZZ_CHECK(st <= 0 && st >= ASLDOT_ERR_IO);
        FUZZ_CHECK(asldot_history_event_count(h) >= before);
        FUZZ_CHECK(asldot_history_event_count(h) <= ASLDOT_HISTORY_MAX_EVENTS);
        if (st != ASLDOT_OK && !faulted)
            FUZZ_CHECK(asldot_diagnostics_error_count(diags) > 0);
        p = sep ? sep + 1 : end;
    } while (p < end);
}

/* The ISO 8601 reader on the payload's first line (at most 64 bytes). */
static void fuzz_iso8601(const fuzz_input *in)
{
    char line[65];
    size_t n = 0;
    long long ms = 0;
    while (n < in->len && n < 64 && in->text[n] != '\n' && in->text[n] != '\0') {
        line[n] = in->text[n];
        n++;
    }
    line[n] = '\0';
    (void)asldot_history_parse_iso8601(line, &ms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    asldot_diagnostics *diags = NULL;
    asldot_history *h = NULL;
    asldot_graph *g = NULL;
    asldot_overlay_options oo;
    const asldot_machine *m;
    const asldot_style *style;
    int which, split, faulted;
    size_t nodes, edges, clusters;
    size_t *state_node = NULL, *state_cluster = NULL;
    asldot_status st;

    fuzz_decode(&in, data, size);
    which = in.has_header ? (in.hdr[1] >> 6) & 1 : 1;
    split = in.has_header ? (in.hdr[1] >> 7) & 1 : 0;
    faulted = in.fail_after != 0;
    m = fixed_machine(which);
    style = fuzz_builtin_style(in.style_name);
    asldot_overlay_options_init(&oo);
    if (in.show_io)
        oo.flags |= ASLDOT_OVERLAY_SHOW_IO;
    if (in.has_header && (in.hdr[1] & 8u)) {
        static const char *const maps[2][2] = {{"Each order", "Fulfil"}, {"ProcessAll", "Fan"}};
        oo.iteration_state = maps[which][(in.hdr[3] >> 2) & 1];
        oo.iteration_index = (long)(in.hdr[3] & 3u) - 1;
        in.fail_after = 0; /* byte 3 went to the iteration */
        faulted = 0;
    }
    fuzz_iso8601(&in);

    FUZZ_CHECK(asldot_diagnostics_new(&diags) == ASLDOT_OK);
    fuzz_faults_begin(in.fail_after);
    st = asldot_history_new(&h);
    fuzz_check_status(st, h, faulted);
    if (h != NULL)
        add_pages(h, &in, split, faulted, diags);
    st = asldot_graph_build(&g, m, &in.build, diags);
    fuzz_check_status(st, g, faulted);
    if (h != NULL && g != NULL) {
        fuzz_check_graph(g);
        nodes = g->node_count;
        edges = g->edge_count;
        clusters = g->cluster_count;
        state_node = malloc(g->state_count * sizeof *state_node + 1);
        state_cluster = malloc(g->state_count * sizeof *state_cluster + 1);
        FUZZ_CHECK(state_node != NULL && state_cluster != NULL);
        memcpy(state_node, g->state_node, g->state_count * sizeof *state_node);
        memcpy(state_cluster, g->state_cluster, g->state_count * sizeof *state_cluster);

        st = asldot_graph_overlay(g, h, &oo, diags);
        FUZZ_CHECK(st <= 0 && st >= ASLDOT_ERR_IO);
        fuzz_check_graph(g);
        FUZZ_CHECK(g->node_count == nodes && g->edge_count == edges &&
                   g->cluster_count == clusters);
        FUZZ_CHECK(memcmp(state_node, g->state_node, g->state_count * sizeof *state_node) == 0);
        FUZZ_CHECK(
            memcmp(state_cluster, g->state_cluster, g->state_count * sizeof *state_cluster) == 0);
        if (in.legend) {
            st = asldot_graph_add_legend(g);
            if (!faulted)
                FUZZ_CHECK(st == ASLDOT_OK);
            fuzz_check_graph(g);
        }
        /* styling and text output cost more than the rest together: only for header inputs */
        if (in.has_header) {
            st = asldot_graph_apply_style(g, style, diags);
            if (!faulted)
                FUZZ_CHECK(st == ASLDOT_OK);
            fuzz_check_graph(g);
            free(fuzz_write_ir(g, faulted));
        }
    }
    fuzz_faults_end();
    fuzz_check_diagnostics(diags, faulted, in.has_header);
    asldot_graph_free(g);
    asldot_history_free(h);
    asldot_diagnostics_free(diags);
    free(state_node);
    free(state_cluster);
    return 0;
}
