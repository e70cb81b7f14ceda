/* test_faults.c: every public function that allocates, with each of its allocations failing in
 * turn (the ASLDOT_TESTING hook, asldot_alloc_fail_after). For every allocation n of a call:
 *  - the call returns ASLDOT_ERR_NOMEM, whatever it would have returned otherwise;
 *  - its out-parameters are as the header promises (NULL, nothing written);
 *  - the diagnostics collected so far still print, completely (JSON that parses);
 *  - a graph it mutated can still be dumped and freed;
 *  - nothing leaks (the sanitizer build and valgrind check that).
 * Once no allocation fails, the call returns what it returns without the hook and the same
 * result, byte for byte. Only libasldot's allocations are hooked (in test builds each arena
 * allocation counts as one too), not those of cJSON, libyaml or Graphviz. */
#include "../harness.h"
#include "history_defs.h"

#include "alloc.h"
#include "asldot.h"

#include <cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No call of these inputs comes near this many allocations; a loop reaching it is a failure. */
#define MAX_ALLOCATIONS 100000ul

/* ---------------------------------------------------------------- inputs */

static char *approval_json, *approval_yaml, *approval_before, *map_parallel, *notify_fanin,
    *jsonata_def, *distributed_def, *hello_def, *approval_history, *map_history, *cfn_sub,
    *loan_broker, *sam_inline, *serverless_yml, *terraform, *tf_show, *describe, *light_style;
static size_t ignored_len;

static char *read_source(const char *dir, const char *name)
{
    return harness_read_source(dir, name, &ignored_len);
}

static void read_inputs(void)
{
    approval_json = read_source("samples", "approval.asl.json");
    approval_yaml = read_source("samples", "approval.asl.yaml");
    approval_before = read_source("samples/diff", "approval.before.asl.json");
    map_parallel = read_source("samples", "map-parallel.asl.json");
    notify_fanin = read_source("samples", "notify-fanin.asl.json");
    jsonata_def = read_source("samples", "jsonata.asl.json");
    distributed_def = read_source("samples", "distributed-map.asl.json");
    hello_def = read_source("samples", "hello.asl.json");
    approval_history = read_source("samples", "approval.history.json");
    map_history = read_source("tests/data/histories", "map.json");
    cfn_sub = read_source("tests/data/templates", "cfn-sub.yaml");
    loan_broker = read_source("samples/templates", "loan-broker.template.json");
    sam_inline = read_source("tests/data/templates", "sam-inline.yaml");
    serverless_yml = read_source("tests/data/templates", "serverless.yml");
    terraform = read_source("tests/data/templates", "machines.tf");
    tf_show = read_source("tests/data/templates", "tf-show.json");
    describe = read_source("tests/data/templates", "describe.json");
    light_style = read_source("styles", "light.json");
}

static void free_inputs(void)
{
    char *all[] = {approval_json, approval_yaml,   approval_before, map_parallel,     notify_fanin,
                   jsonata_def,   distributed_def, hello_def,       approval_history, map_history,
                   cfn_sub,       loan_broker,     sam_inline,      serverless_yml,   terraform,
                   tf_show,       describe,        light_style};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
}

/* Errors of several kinds (a dangling Next, a missing field, a bad path, a duplicate key). */
static const char BROKEN_DEF[] =
    "{\"StartAt\": \"Go\", \"States\": {"
    "\"Go\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
    "\"InputPath\": \"not a path\", \"Next\": \"Nowhere\", \"Next\": \"Nowhere\"},"
    "\"Pick\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"Next\": \"Go\"}]},"
    "\"Stop\": {\"Type\": \"Fail\", \"Error\": 3}}}";

/* Definitions in files beside the template: without a path nothing is read (unresolved). */
static const char TF_FILES[] =
    "resource \"aws_sfn_state_machine\" \"tpl\" {\n"
    "  name       = \"tpl\"\n"
    "  definition = templatefile(\"${path.module}/flow.asl.json\", { fn = aws_lambda.f.arn, n = 3 "
    "})\n"
    "}\n"
    "resource \"aws_sfn_state_machine\" \"plain\" {\n"
    "  definition = file(\"./other.json\")\n"
    "}\n";
static const char SERVERLESS_FILES[] = "service: orders\n"
                                       "provider:\n"
                                       "  name: aws\n"
                                       "stepFunctions:\n"
                                       "  stateMachines:\n"
                                       "    fromFile:\n"
                                       "      name: from-file\n"
                                       "      definition: ${file(./flow.asl.yaml)}\n"
                                       "plugins:\n"
                                       "  - serverless-step-functions\n";

/* A syntax error, reported with an excerpt of the line. */
static const char SYNTAX_ERROR_DEF[] = "StartAt: A\nStates:\n  A: {Type: Pass, End: true\n";

/* ---------------------------------------------------------------- the driver */

typedef struct fcase fcase;
struct fcase {
    const char *name;
    /* Prepares one call (never under injection); NULL: nothing to prepare. */
    void (*setup)(fcase *c, asldot_diagnostics *d);
    /* The call under test. */
    asldot_status (*call)(fcase *c, asldot_diagnostics *d);
    /* After a failed call: 1 when the out-parameters are as the header promises. NULL: none. */
    int (*cleared)(const fcase *c);
    /* After a successful call: writes what it made to f, to compare with the reference. */
    void (*describe)(fcase *c, asldot_diagnostics *d, FILE *f);

    /* inputs, fixed for all calls of a case */
    const char *data;
    const char *arg;
    int variant;

    /* what one call works on and makes; release() frees it all */
    asldot_machine *m, *m2;
    asldot_graph *g;
    asldot_source *s;
    asldot_history *h;
    asldot_diff *diff;
    asldot_style *style;
    asldot_renderer *r;
    asldot_diagnostics *d2;
    char *out;
    size_t out_len, index, written;
    FILE *f;
    char *mem;
    size_t mem_len;
};

/* The process's one renderer, for the render cases (one Graphviz context per process). */
static asldot_renderer *renderer;

static void release(fcase *c)
{
    asldot_machine_free(c->m);
    asldot_machine_free(c->m2);
    asldot_graph_free(c->g);
    asldot_source_free(c->s);
    asldot_history_free(c->h);
    asldot_diff_free(c->diff);
    asldot_style_free(c->style);
    asldot_renderer_free(c->r);
    asldot_diagnostics_free(c->d2);
    asldot_buffer_free(c->out);
    if (c->f != NULL)
        fclose(c->f);
    free(c->mem);
    c->m = c->m2 = NULL;
    c->g = NULL;
    c->s = NULL;
    c->h = NULL;
    c->diff = NULL;
    c->style = NULL;
    c->r = NULL;
    c->d2 = NULL;
    c->out = NULL;
    c->f = NULL;
    c->mem = NULL;
    c->out_len = c->index = c->written = c->mem_len = 0;
}

/* Opens c->f on memory (c->mem once closed or flushed). */
static FILE *open_mem(fcase *c)
{
    c->f = open_memstream(&c->mem, &c->mem_len);
    CHECK(c->f != NULL);
    return c->f;
}

/* Counts the values of a JSON array text; -1 when it is no complete JSON array. */
static long json_array_size(const char *text)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithOpts(text, &end, 1);
    long n = -1;
    if (j != NULL && cJSON_IsArray(j))
        n = (long)cJSON_GetArraySize(j);
    cJSON_Delete(j);
    return n;
}

/* The diagnostics print completely in every format: the JSON ones as one valid array. */
static void check_diagnostics_print(const fcase *c, unsigned long n, const asldot_diagnostics *d)
{
    static const asldot_diag_format formats[] = {ASLDOT_DIAG_TEXT, ASLDOT_DIAG_JSON,
                                                 ASLDOT_DIAG_GITHUB};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *text = NULL;
        size_t len = 0, written = 0;
        FILE *f = open_memstream(&text, &len);
        asldot_status st;
        CHECK(f != NULL);
        if (f == NULL)
            return;
        fputc('[', f);
        st = asldot_diagnostics_write(f, d, "input", formats[i], &written);
        fputc(']', f);
        fclose(f);
        CHECK_EQ_INT(st, ASLDOT_OK);
        CHECK_EQ_INT(written, asldot_diagnostics_count(d));
        if (formats[i] == ASLDOT_DIAG_JSON &&
            json_array_size(text) != (long)asldot_diagnostics_count(d)) {
            fprintf(stderr, "%s: allocation %lu failed: diagnostics are no JSON array: %s\n",
                    c->name, n, text);
            CHECK(0);
        }
        free(text);
    }
}

/* One call with the n-th allocation failing (n = 0: none). Returns its status, sets *fired when
 * the failure happened and, when it did not, *result to what the call made (free() it). */
static asldot_status attempt(fcase *c, unsigned long n, int *fired, char **result)
{
    asldot_diagnostics *d = NULL;
    asldot_status st;
    *result = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    if (c->setup != NULL)
        c->setup(c, d);
    asldot_alloc_fail_after(n);
    st = c->call(c, d);
    *fired = n != 0 && !asldot_alloc_fail_pending();
    asldot_alloc_fail_after(0);
    if (*fired) {
        if (st != ASLDOT_ERR_NOMEM)
            fprintf(stderr, "%s: allocation %lu failed, but the call returned %s\n", c->name, n,
                    asldot_status_string(st));
        CHECK_EQ_INT(st, ASLDOT_ERR_NOMEM);
        if (c->cleared != NULL && !c->cleared(c)) {
            fprintf(stderr, "%s: allocation %lu failed: out-parameters set\n", c->name, n);
            CHECK(0);
        }
        check_diagnostics_print(c, n, d);
        if (c->g != NULL) { /* what a failed mutation leaves can still be dumped */
            FILE *f = fopen("/dev/null", "w");
            CHECK(f != NULL);
            if (f != NULL) {
                CHECK_EQ_INT(asldot_graph_write_ir(f, c->g), ASLDOT_OK);
                fclose(f);
            }
        }
    } else {
        size_t len = 0;
        FILE *f = open_memstream(result, &len);
        CHECK(f != NULL);
        if (f != NULL) {
            fprintf(f, "status %s\n", asldot_status_string(st));
            if (c->describe != NULL)
                c->describe(c, d, f);
            fputs("diagnostics:\n", f);
            CHECK_EQ_INT(asldot_diagnostics_write(f, d, "input", ASLDOT_DIAG_TEXT, NULL),
                         ASLDOT_OK);
            fclose(f);
        }
    }
    release(c);
    asldot_diagnostics_free(d);
    return st;
}

static void run(fcase *c)
{
    char *want = NULL;
    int fired = 0, done = 0;
    asldot_status want_st = attempt(c, 0, &fired, &want);
    unsigned long n, failures = 0;
    for (n = 1; n < MAX_ALLOCATIONS && !done; n++) {
        char *got = NULL;
        asldot_status st = attempt(c, n, &fired, &got);
        if (fired) {
            failures++;
            continue;
        }
        done = 1;
        CHECK_EQ_INT(st, want_st);
        if (got == NULL || want == NULL || strcmp(got, want) != 0) {
            fprintf(stderr, "%s: after %lu failures the result differs:\n%s\n--- expected:\n%s\n",
                    c->name, failures, got ? got : "(null)", want ? want : "(null)");
            CHECK(0);
        }
        free(got);
    }
    if (!done)
        fprintf(stderr, "%s: still failing after %lu allocations\n", c->name, n);
    CHECK(done);
    fprintf(stderr, "%s: %s, %lu allocation failures\n", c->name, asldot_status_string(want_st),
            failures);
    free(want);
}

/* ---------------------------------------------------------------- helpers */

static asldot_machine *parse(const char *text)
{
    asldot_machine *m = NULL;
    asldot_status st = asldot_machine_parse(&m, text, strlen(text), NULL, NULL);
    CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID);
    return m;
}

static asldot_graph *graph_of(const char *text)
{
    asldot_machine *m = parse(text);
    asldot_graph *g = NULL;
    asldot_build_options o = ASLDOT_BUILD_OPTIONS_INIT;
    o.flags |= ASLDOT_BUILD_KEEP_GOING;
    if (m != NULL)
        CHECK_EQ_INT(asldot_graph_build(&g, m, &o, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return g;
}

/* The graph of MAP_DEF with the execution of map.json on it. */
static asldot_graph *overlaid_map(void)
{
    asldot_graph *g = graph_of(MAP_DEF);
    asldot_history *h = NULL;
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, map_history, strlen(map_history), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_overlay(g, h, NULL, NULL), ASLDOT_OK);
    asldot_history_free(h);
    return g;
}

static void describe_graph(const asldot_graph *g, FILE *f)
{
    if (g == NULL) {
        fputs("no graph\n", f);
        return;
    }
    CHECK_EQ_INT(asldot_graph_write_ir(f, g), ASLDOT_OK);
}

static void describe_machine(const asldot_machine *m, FILE *f)
{
    asldot_graph *g = NULL;
    asldot_build_options o = ASLDOT_BUILD_OPTIONS_INIT;
    if (m == NULL) {
        fputs("no machine\n", f);
        return;
    }
    fprintf(f, "%zu states, StartAt %s, Comment %s\n", asldot_machine_state_count(m),
            asldot_machine_start_at(m) ? asldot_machine_start_at(m) : "-",
            asldot_machine_comment(m) ? asldot_machine_comment(m) : "-");
    o.flags |= ASLDOT_BUILD_KEEP_GOING;
    CHECK_EQ_INT(asldot_graph_build(&g, m, &o, NULL), ASLDOT_OK);
    describe_graph(g, f);
    asldot_graph_free(g);
}

static void describe_mem(fcase *c, FILE *f)
{
    if (c->f != NULL) {
        fclose(c->f);
        c->f = NULL;
    }
    fprintf(f, "%zu bytes written (count %zu):\n", c->mem_len, c->written);
    if (c->mem != NULL)
        fwrite(c->mem, 1, c->mem_len, f);
}

static void describe_out(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    fprintf(f, "%zu bytes:\n", c->out_len);
    if (c->out != NULL)
        fwrite(c->out, 1, c->out_len, f);
}

static int out_cleared(const fcase *c)
{
    return c->out == NULL && c->out_len == 0;
}

static int mem_untouched(const fcase *c)
{
    if (c->f != NULL)
        fflush(c->f);
    return c->mem_len == 0;
}

/* ---------------------------------------------------------------- diagnostics */

static asldot_status call_diagnostics_new(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    c->d2 = (asldot_diagnostics *)&c->d2; /* *out is set to NULL first */
    return asldot_diagnostics_new(&c->d2);
}

static int d2_cleared(const fcase *c)
{
    return c->d2 == NULL;
}

static void describe_d2(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    fprintf(f, "%zu diagnostics\n", asldot_diagnostics_count(c->d2));
}

static void setup_named(fcase *c, asldot_diagnostics *d)
{
    (void)c;
    CHECK_EQ_INT(asldot_diagnostics_set_machine(d, "Before"), ASLDOT_OK);
}

static asldot_status call_set_machine(fcase *c, asldot_diagnostics *d)
{
    (void)c;
    return asldot_diagnostics_set_machine(d, "OrderFlow");
}

/* The name set shows on the diagnostics added after it. */
static void describe_named(fcase *c, asldot_diagnostics *d, FILE *f)
{
    asldot_machine *m = NULL;
    (void)c;
    (void)f;
    CHECK_EQ_INT(asldot_machine_parse(&m, BROKEN_DEF, strlen(BROKEN_DEF), NULL, d),
                 ASLDOT_ERR_INVALID);
    asldot_machine_free(m);
}

/* Diagnostics of every shape: an excerpt, a machine's name, pointers, lines and columns. */
static void setup_diagnostics(fcase *c, asldot_diagnostics *d)
{
    asldot_machine *m = NULL;
    CHECK_EQ_INT(asldot_machine_parse(&m, SYNTAX_ERROR_DEF, strlen(SYNTAX_ERROR_DEF), NULL, d),
                 ASLDOT_ERR_SYNTAX);
    CHECK_EQ_INT(asldot_diagnostics_set_machine(d, "Broken\"one"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_machine_parse(&m, BROKEN_DEF, strlen(BROKEN_DEF), NULL, d),
                 ASLDOT_ERR_INVALID);
    CHECK_EQ_INT(asldot_machine_validate(m, NULL, d), ASLDOT_ERR_INVALID);
    asldot_machine_free(m);
    CHECK(asldot_diagnostics_count(d) > 3);
    open_mem(c);
    c->written = (size_t)c->variant; /* a JSON writer after another one starts with a comma */
}

static asldot_status call_diagnostics_write(fcase *c, asldot_diagnostics *d)
{
    asldot_diag_format fmt = c->variant == 1   ? ASLDOT_DIAG_JSON
                             : c->variant == 2 ? ASLDOT_DIAG_GITHUB
                                               : ASLDOT_DIAG_TEXT;
    return asldot_diagnostics_write(c->f, d, "flow.asl.json", fmt, &c->written);
}

static int diagnostics_write_cleared(const fcase *c)
{
    return mem_untouched(c) && c->written == (size_t)c->variant;
}

static void describe_diagnostics_write(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    describe_mem(c, f);
}

static void test_diagnostics(void)
{
    fcase new_case = {.name = "asldot_diagnostics_new",
                      .call = call_diagnostics_new,
                      .cleared = d2_cleared,
                      .describe = describe_d2};
    fcase named = {.name = "asldot_diagnostics_set_machine",
                   .call = call_set_machine,
                   .describe = describe_named};
    fcase renamed = named;
    renamed.name = "asldot_diagnostics_set_machine (renamed)";
    renamed.setup = setup_named;
    run(&new_case);
    run(&named);
    run(&renamed);
    for (int fmt = 0; fmt < 3; fmt++) {
        fcase w = {.name = fmt == 0   ? "asldot_diagnostics_write (text)"
                           : fmt == 1 ? "asldot_diagnostics_write (json)"
                                      : "asldot_diagnostics_write (github)",
                   .setup = setup_diagnostics,
                   .call = call_diagnostics_write,
                   .cleared = diagnostics_write_cleared,
                   .describe = describe_diagnostics_write,
                   .variant = fmt};
        run(&w);
    }
}

/* ---------------------------------------------------------------- machines */

static asldot_status call_machine_parse(fcase *c, asldot_diagnostics *d)
{
    asldot_options o = ASLDOT_OPTIONS_INIT;
    o.flags = (unsigned)c->variant;
    c->m = (asldot_machine *)&c->m;
    return asldot_machine_parse(&c->m, c->data, strlen(c->data), &o, d);
}

static int m_cleared(const fcase *c)
{
    return c->m == NULL;
}

static void describe_m(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    describe_machine(c->m, f);
}

static void setup_machine(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    c->m = parse(c->data);
}

static asldot_status call_machine_validate(fcase *c, asldot_diagnostics *d)
{
    return asldot_machine_validate(c->m, NULL, d);
}

static void test_machines(void)
{
    static const struct {
        const char *name;
        const char **data;
        const char *inline_data;
        int flags;
    } inputs[] = {
        {"approval.asl.json", (const char **)&approval_json, NULL, 0},
        {"approval.asl.yaml", (const char **)&approval_yaml, NULL, 0},
        {"map-parallel.asl.json", (const char **)&map_parallel, NULL, 0},
        {"jsonata.asl.json", (const char **)&jsonata_def, NULL, 0},
        {"distributed-map.asl.json", (const char **)&distributed_def, NULL, 0},
        {"a broken machine", NULL, BROKEN_DEF, 0},
        {"a broken machine, lenient", NULL, BROKEN_DEF, ASLDOT_OPT_LENIENT},
        {"a syntax error", NULL, SYNTAX_ERROR_DEF, 0},
    };
    char name[128];
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *data = inputs[i].data ? *inputs[i].data : inputs[i].inline_data;
        fcase p = {.name = name,
                   .call = call_machine_parse,
                   .cleared = m_cleared,
                   .describe = describe_m,
                   .data = data,
                   .variant = inputs[i].flags};
        fcase v = {
            .name = name, .setup = setup_machine, .call = call_machine_validate, .data = data};
        snprintf(name, sizeof name, "asldot_machine_parse (%s)", inputs[i].name);
        run(&p);
        if (data == SYNTAX_ERROR_DEF)
            continue;
        snprintf(name, sizeof name, "asldot_machine_validate (%s)", inputs[i].name);
        run(&v);
    }
}

/* ---------------------------------------------------------------- sources */

static asldot_status call_source_parse(fcase *c, asldot_diagnostics *d)
{
    c->s = (asldot_source *)&c->s;
    return asldot_source_parse(&c->s, c->data, strlen(c->data), NULL, NULL, d);
}

static int s_cleared(const fcase *c)
{
    return c->s == NULL;
}

static void describe_source(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    if (c->s == NULL) {
        fputs("no source\n", f);
        return;
    }
    fprintf(f, "%s, %zu machines\n", asldot_source_kind_name(asldot_source_get_kind(c->s)),
            asldot_source_count(c->s));
    for (size_t i = 0; i < asldot_source_count(c->s); i++) {
        const asldot_source_machine *sm = asldot_source_get(c->s, i);
        fprintf(f, "%s name=%s kind=%s origin=%s file=%s unresolved=%s at %u:%u\n", sm->id,
                sm->name ? sm->name : "-", sm->kind, sm->origin ? sm->origin : "-",
                sm->file ? sm->file : "-", sm->unresolved ? sm->unresolved : "-", sm->line,
                sm->column);
    }
}

static void setup_source(fcase *c, asldot_diagnostics *d)
{
    asldot_status st = asldot_source_parse(&c->s, c->data, strlen(c->data), NULL, NULL, d);
    CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID);
    if (c->arg != NULL)
        CHECK_EQ_INT(asldot_source_find(c->s, c->arg, &c->index), ASLDOT_OK);
}

static asldot_status call_source_find(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    return asldot_source_find(c->s, c->arg, &c->index);
}

static void describe_index(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    fprintf(f, "index %zu\n", c->index);
}

static asldot_status call_source_load(fcase *c, asldot_diagnostics *d)
{
    asldot_options o = ASLDOT_OPTIONS_INIT;
    o.flags |= ASLDOT_OPT_NOTE_PLACEHOLDERS;
    c->m = (asldot_machine *)&c->m;
    return asldot_source_load(&c->m, c->s, c->index, &o, d);
}

static const char *tf_files = TF_FILES, *serverless_files = SERVERLESS_FILES;

static void test_sources(void)
{
    static const struct {
        const char *name;
        const char **data;
        const char *load; /* the machine to load, or NULL */
    } inputs[] = {
        {"cfn-sub.yaml", (const char **)&cfn_sub, "Timed"},
        {"loan-broker.template.json", (const char **)&loan_broker, NULL},
        {"sam-inline.yaml", (const char **)&sam_inline, NULL},
        {"serverless.yml", (const char **)&serverless_yml, NULL},
        {"machines.tf, jsonencode", (const char **)&terraform, "encoded"},
        {"machines.tf, heredoc", (const char **)&terraform, "heredoc"},
        {"tf-show.json", (const char **)&tf_show, NULL},
        {"describe.json", (const char **)&describe, NULL},
        {"a bare definition", (const char **)&approval_json, NULL},
        {"templatefile() and file()", &tf_files, "tpl"},
        {"serverless, ${file()}", &serverless_files, NULL},
    };
    char name[128];
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        fcase p = {.name = name,
                   .call = call_source_parse,
                   .cleared = s_cleared,
                   .describe = describe_source,
                   .data = *inputs[i].data};
        fcase load = {.name = name,
                      .setup = setup_source,
                      .call = call_source_load,
                      .cleared = m_cleared,
                      .describe = describe_m,
                      .data = *inputs[i].data,
                      .arg = inputs[i].load};
        if (i == 0 || *inputs[i].data != *inputs[i - 1].data) {
            snprintf(name, sizeof name, "asldot_source_parse (%s)", inputs[i].name);
            run(&p);
        }
        snprintf(name, sizeof name, "asldot_source_load (%s)", inputs[i].name);
        run(&load);
    }
    {
        fcase find = {.name = "asldot_source_find",
                      .setup = setup_source,
                      .call = call_source_find,
                      .describe = describe_index,
                      .data = terraform,
                      .arg = "heredoc"};
        run(&find);
    }
}

/* ---------------------------------------------------------------- graphs */

static void setup_validated(fcase *c, asldot_diagnostics *d)
{
    c->m = parse(c->data);
    if (c->m != NULL) {
        asldot_status st = asldot_machine_validate(c->m, NULL, d);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID); /* INVALID for the broken machine */
    }
}

static asldot_status call_graph_build(fcase *c, asldot_diagnostics *d)
{
    asldot_build_options o = ASLDOT_BUILD_OPTIONS_INIT;
    o.flags = (unsigned)c->variant;
    o.rankdir = c->variant ? ASLDOT_RANKDIR_LR : ASLDOT_RANKDIR_TB;
    c->g = (asldot_graph *)&c->g;
    return asldot_graph_build(&c->g, c->m, &o, d);
}

static int g_cleared(const fcase *c)
{
    return c->g == NULL;
}

static void describe_g(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    describe_graph(c->g, f);
}

static void setup_graph(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    c->g = c->data != NULL ? graph_of(c->data) : overlaid_map();
}

static asldot_status call_add_legend(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    return asldot_graph_add_legend(c->g);
}

static void setup_graph_mem(fcase *c, asldot_diagnostics *d)
{
    setup_graph(c, d);
    open_mem(c);
}

static asldot_status call_write_ir(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    return asldot_graph_write_ir(c->f, c->g);
}

static void describe_written(fcase *c, asldot_diagnostics *d, FILE *f)
{
    (void)d;
    describe_mem(c, f);
}

static asldot_status call_graph_view(fcase *c, asldot_diagnostics *d)
{
    static const char *const collapse[] = {"Fulfil"};
    asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT;
    switch (c->variant) {
    case 0: /* --collapse Fulfil */
        o.collapse = collapse;
        o.collapse_count = 1;
        break;
    case 1: /* --collapse-all */
        o.flags |= ASLDOT_VIEW_COLLAPSE_ALL;
        break;
    case 2: /* --focus */
        o.focus = "Ship";
        o.focus_depth = 1;
        break;
    case 3: /* --split: one diagram per container */
        o.inside = c->arg;
        break;
    case 4: /* --catch stubs */
        o.catch_mode = ASLDOT_CATCH_STUBS;
        break;
    case 5: /* --catch hide */
        o.catch_mode = ASLDOT_CATCH_HIDE;
        break;
    default: /* an unknown state: ASLDOT_ERR_INVALID with a diagnostic */
        o.focus = "No such state";
        break;
    }
    return asldot_graph_view(c->g, &o, d);
}

static void test_graphs(void)
{
    static const struct {
        const char *name;
        const char **data;
        const char *inline_data;
        int flags;
    } builds[] = {
        {"approval.asl.json", (const char **)&approval_json, NULL, 0},
        {"map-parallel.asl.json", (const char **)&map_parallel, NULL, 0},
        {"notify-fanin.asl.json, LR", (const char **)&notify_fanin, NULL, 0},
        {"a broken machine", NULL, BROKEN_DEF, 0},
        {"a broken machine, keep going", NULL, BROKEN_DEF, ASLDOT_BUILD_KEEP_GOING},
    };
    static const struct {
        const char *name;
        const char **data;
        int variant;
        const char *arg;
    } views[] = {
        {"collapse", (const char **)&map_parallel, 0, NULL},
        {"collapse all", (const char **)&map_parallel, 1, NULL},
        {"focus", (const char **)&map_parallel, 2, NULL},
        {"split, Map", (const char **)&map_parallel, 3, "Each order"},
        {"split, Parallel", (const char **)&map_parallel, 3, "Fulfil"},
        {"catch stubs", (const char **)&notify_fanin, 4, NULL},
        {"catch hidden", (const char **)&notify_fanin, 5, NULL},
        {"unknown state", (const char **)&map_parallel, 6, NULL},
    };
    char name[128];
    for (size_t i = 0; i < sizeof builds / sizeof builds[0]; i++) {
        fcase b = {.name = name,
                   .setup = setup_validated,
                   .call = call_graph_build,
                   .cleared = g_cleared,
                   .describe = describe_g,
                   .data = builds[i].data ? *builds[i].data : builds[i].inline_data,
                   .variant = builds[i].flags};
        snprintf(name, sizeof name, "asldot_graph_build (%s)", builds[i].name);
        run(&b);
    }
    for (size_t i = 0; i < 2; i++) {
        fcase legend = {.name =
                            i ? "asldot_graph_add_legend (overlaid)" : "asldot_graph_add_legend",
                        .setup = setup_graph,
                        .call = call_add_legend,
                        .describe = describe_g,
                        .data = i ? NULL : map_parallel};
        fcase ir = {.name = i ? "asldot_graph_write_ir (overlaid)" : "asldot_graph_write_ir",
                    .setup = setup_graph_mem,
                    .call = call_write_ir,
                    .cleared = mem_untouched,
                    .describe = describe_written,
                    .data = i ? NULL : map_parallel};
        run(&legend);
        run(&ir);
    }
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
        fcase v = {.name = name,
                   .setup = setup_graph,
                   .call = call_graph_view,
                   .describe = describe_g,
                   .data = *views[i].data,
                   .variant = views[i].variant,
                   .arg = views[i].arg};
        snprintf(name, sizeof name, "asldot_graph_view (%s)", views[i].name);
        run(&v);
    }
}

/* ---------------------------------------------------------------- histories and overlays */

static asldot_status call_history_new(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    c->h = (asldot_history *)&c->h;
    return asldot_history_new(&c->h);
}

static int h_cleared(const fcase *c)
{
    return c->h == NULL;
}

static void setup_history(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    CHECK_EQ_INT(asldot_history_new(&c->h), ASLDOT_OK);
}

static asldot_status call_history_add(fcase *c, asldot_diagnostics *d)
{
    return asldot_history_add(c->h, c->data, strlen(c->data), NULL, d);
}

/* The events held, and what they show on their machine (c->arg). */
static void describe_history(fcase *c, asldot_diagnostics *d, FILE *f)
{
    asldot_graph *g = graph_of(c->arg);
    (void)d;
    fprintf(f, "%zu events\n", asldot_history_event_count(c->h));
    if (c->h != NULL && g != NULL && asldot_history_event_count(c->h) > 0) {
        CHECK_EQ_INT(asldot_graph_overlay(g, c->h, NULL, NULL), ASLDOT_OK);
        describe_graph(g, f);
    }
    asldot_graph_free(g);
}

static void setup_overlay(fcase *c, asldot_diagnostics *d)
{
    c->g = graph_of(c->arg);
    CHECK_EQ_INT(asldot_history_new(&c->h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(c->h, c->data, strlen(c->data), NULL, d), ASLDOT_OK);
}

static asldot_status call_overlay(fcase *c, asldot_diagnostics *d)
{
    asldot_overlay_options o = ASLDOT_OVERLAY_OPTIONS_INIT;
    if (c->variant == 1) {
        o.flags |= ASLDOT_OVERLAY_SHOW_IO;
    } else if (c->variant >= 2) { /* --iteration ProcessAll:2, or one past the last */
        o.iteration_state = "ProcessAll";
        o.iteration_index = c->variant == 2 ? 2 : 4;
    }
    return asldot_graph_overlay(c->g, c->h, &o, d);
}

static void test_histories(void)
{
    static const struct {
        const char *name;
        const char **data;
        const char *def;
        int variant;
    } overlays[] = {
        {"map.json", (const char **)&map_history, MAP_DEF, 0},
        {"map.json, show io", (const char **)&map_history, MAP_DEF, 1},
        {"map.json, one iteration", (const char **)&map_history, MAP_DEF, 2},
        {"map.json, no such iteration", (const char **)&map_history, MAP_DEF, 3},
        {"approval.history.json", (const char **)&approval_history, NULL, 0},
    };
    char name[128];
    fcase new_case = {.name = "asldot_history_new",
                      .call = call_history_new,
                      .cleared = h_cleared,
                      .describe = describe_history,
                      .arg = MAP_DEF};
    run(&new_case);
    for (size_t i = 0; i < sizeof overlays / sizeof overlays[0]; i++) {
        const char *def = overlays[i].def ? overlays[i].def : approval_json;
        fcase add = {.name = name,
                     .setup = setup_history,
                     .call = call_history_add,
                     .describe = describe_history,
                     .data = *overlays[i].data,
                     .arg = def};
        fcase o = {.name = name,
                   .setup = setup_overlay,
                   .call = call_overlay,
                   .describe = describe_g,
                   .data = *overlays[i].data,
                   .arg = def,
                   .variant = overlays[i].variant};
        if (overlays[i].variant == 0) {
            snprintf(name, sizeof name, "asldot_history_add (%s)", overlays[i].name);
            run(&add);
        }
        snprintf(name, sizeof name, "asldot_graph_overlay (%s)", overlays[i].name);
        run(&o);
    }
}

/* ---------------------------------------------------------------- diffs */

static void setup_machines(fcase *c, asldot_diagnostics *d)
{
    (void)d;
    c->m = parse(c->data);
    c->m2 = parse(c->arg);
}

static asldot_status call_diff_new(fcase *c, asldot_diagnostics *d)
{
    c->diff = (asldot_diff *)&c->diff;
    return asldot_diff_new(&c->diff, c->m, c->m2, d);
}

static int diff_cleared(const fcase *c)
{
    return c->diff == NULL;
}

static void describe_diff(fcase *c, asldot_diagnostics *d, FILE *f)
{
    asldot_diff_item item = {.id = "-", .diff = c->diff};
    char *out = NULL;
    size_t len = 0;
    (void)d;
    CHECK_EQ_INT(asldot_diff_write(&out, &len, &item, 1, ASLDOT_DIFF_JSON), ASLDOT_OK);
    if (out != NULL)
        fwrite(out, 1, len, f);
    asldot_buffer_free(out);
}

static void setup_diff(fcase *c, asldot_diagnostics *d)
{
    setup_machines(c, d);
    CHECK_EQ_INT(asldot_diff_new(&c->diff, c->m, c->m2, NULL), ASLDOT_OK);
    c->g = graph_of(c->arg);
}

static asldot_status call_apply_diff(fcase *c, asldot_diagnostics *d)
{
    return asldot_graph_apply_diff(c->g, c->diff, d);
}

static asldot_status call_diff_write(fcase *c, asldot_diagnostics *d)
{
    asldot_diff_item items[2] = {
        {.id = "approval.asl.json", .diff = c->diff, .image = "diagrams/approval diff.svg"},
        {.id = "other `one`",
         .diff = c->diff,
         .mermaid = "flowchart TB\n    n0 --> n1\n",
         .note = "drawn *inline*"}};
    (void)d;
    c->out = (char *)&c->out;
    c->out_len = 1;
    return asldot_diff_write(&c->out, &c->out_len, items, 2,
                             c->variant ? ASLDOT_DIFF_MARKDOWN : ASLDOT_DIFF_JSON);
}

static void test_diffs(void)
{
    fcase new_case = {.name = "asldot_diff_new",
                      .setup = setup_machines,
                      .call = call_diff_new,
                      .cleared = diff_cleared,
                      .describe = describe_diff,
                      .data = approval_before,
                      .arg = approval_json};
    fcase same = new_case;
    fcase apply = {.name = "asldot_graph_apply_diff",
                   .setup = setup_diff,
                   .call = call_apply_diff,
                   .describe = describe_g,
                   .data = approval_before,
                   .arg = approval_json};
    same.name = "asldot_diff_new (map-parallel, against itself)";
    same.data = same.arg = map_parallel;
    run(&new_case);
    run(&same);
    run(&apply);
    for (int fmt = 0; fmt < 2; fmt++) {
        fcase w = {.name = fmt ? "asldot_diff_write (markdown)" : "asldot_diff_write (json)",
                   .setup = setup_diff,
                   .call = call_diff_write,
                   .cleared = out_cleared,
                   .describe = describe_out,
                   .data = approval_before,
                   .arg = approval_json,
                   .variant = fmt};
        run(&w);
    }
}

/* ---------------------------------------------------------------- styles */

static asldot_status call_style_parse(fcase *c, asldot_diagnostics *d)
{
    c->style = (asldot_style *)&c->style;
    return asldot_style_parse(&c->style, c->data, strlen(c->data), d);
}

static asldot_status call_style_builtin(fcase *c, asldot_diagnostics *d)
{
    c->style = (asldot_style *)&c->style;
    return asldot_style_builtin(&c->style, c->arg, d);
}

static int style_cleared(const fcase *c)
{
    return c->style == NULL;
}

/* What the style does to the overlaid Map, legend included. */
static void describe_style(fcase *c, asldot_diagnostics *d, FILE *f)
{
    asldot_graph *g = overlaid_map();
    (void)d;
    if (c->style == NULL) {
        fputs("no style\n", f);
    } else {
        CHECK_EQ_INT(asldot_graph_add_legend(g), ASLDOT_OK);
        CHECK_EQ_INT(asldot_graph_apply_style(g, c->style, NULL), ASLDOT_OK);
        describe_graph(g, f);
    }
    asldot_graph_free(g);
}

static void setup_apply_style(fcase *c, asldot_diagnostics *d)
{
    c->g = overlaid_map();
    CHECK_EQ_INT(asldot_graph_add_legend(c->g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_style_builtin(&c->style, c->arg, d), ASLDOT_OK);
}

static asldot_status call_apply_style(fcase *c, asldot_diagnostics *d)
{
    return asldot_graph_apply_style(c->g, c->style, d);
}

/* Errors and warnings: an unknown selector, an attribute not allowed, a bad value. */
static const char BAD_STYLE[] =
    "{\"node.task\": {\"color\": \"#123456\", \"onclick\": \"x\"},"
    " \"nod\": {\"color\": \"red\"}, \"edge\": {\"penwidth\": \"wide\"}}";

static void test_styles(void)
{
    static const char *const builtins[] = {"light", "dark", "high-contrast", "no-such-style"};
    char name[128];
    fcase parse_light = {.name = "asldot_style_parse (light.json)",
                         .call = call_style_parse,
                         .cleared = style_cleared,
                         .describe = describe_style,
                         .data = light_style};
    fcase parse_bad = parse_light;
    parse_bad.name = "asldot_style_parse (a broken style)";
    parse_bad.data = BAD_STYLE;
    run(&parse_light);
    run(&parse_bad);
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        fcase b = {.name = name,
                   .call = call_style_builtin,
                   .cleared = style_cleared,
                   .describe = describe_style,
                   .arg = builtins[i]};
        fcase apply = {.name = name,
                       .setup = setup_apply_style,
                       .call = call_apply_style,
                       .describe = describe_g,
                       .arg = builtins[i]};
        snprintf(name, sizeof name, "asldot_style_builtin (%s)", builtins[i]);
        run(&b);
        if (i + 1 == sizeof builtins / sizeof builtins[0])
            break;
        snprintf(name, sizeof name, "asldot_graph_apply_style (%s)", builtins[i]);
        run(&apply);
    }
}

/* ---------------------------------------------------------------- rendering */

static asldot_status call_renderer_new(fcase *c, asldot_diagnostics *d)
{
    c->r = (asldot_renderer *)&c->r;
    return asldot_renderer_new(&c->r, d);
}

static int r_cleared(const fcase *c)
{
    return c->r == NULL;
}

static void setup_render(fcase *c, asldot_diagnostics *d)
{
    asldot_style *s = NULL;
    c->g = graph_of(hello_def);
    CHECK_EQ_INT(asldot_graph_add_legend(c->g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_style_builtin(&s, "light", d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_style(c->g, s, d), ASLDOT_OK);
    asldot_style_free(s);
}

static asldot_status call_render(fcase *c, asldot_diagnostics *d)
{
    asldot_format fmt = ASLDOT_FORMAT_SVG;
    asldot_status st = asldot_format_from_name(&fmt, c->arg);
    if (st != ASLDOT_OK)
        return st;
    c->out = (char *)&c->out;
    c->out_len = 1;
    return asldot_render(renderer, c->g, fmt, &c->out, &c->out_len, d);
}

static asldot_status call_format_from_name(fcase *c, asldot_diagnostics *d)
{
    asldot_format fmt = ASLDOT_FORMAT_SVG;
    asldot_source_kind kind = ASLDOT_SOURCE_AUTO;
    asldot_status st = asldot_format_from_name(&fmt, c->arg);
    (void)d;
    if (st == ASLDOT_OK)
        st = asldot_source_kind_from_name(&kind, "tf");
    c->index = (size_t)fmt * 10 + (size_t)kind;
    return st;
}

static void test_rendering(void)
{
    /* Each render lays the graph out again: the graph is the smallest there is (hello.asl.json,
     * with its legend), and every allocation of ours is failed in turn. */
    static const char *const formats[] = {"dot", "svg", "HTML", "ir", "mermaid", "png"};
    char name[128];
    fcase r = {.name = "asldot_renderer_new", .call = call_renderer_new, .cleared = r_cleared};
    fcase from_name = {.name = "asldot_format_from_name, asldot_source_kind_from_name",
                       .call = call_format_from_name,
                       .describe = describe_index,
                       .arg = "Mermaid"};
    run(&r);
    run(&from_name);
    CHECK_EQ_INT(asldot_renderer_new(&renderer, NULL), ASLDOT_OK);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        fcase render = {.name = name,
                        .setup = setup_render,
                        .call = call_render,
                        .cleared = out_cleared,
                        .describe = describe_out,
                        .arg = formats[i]};
        snprintf(name, sizeof name, "asldot_render (%s)", formats[i]);
        run(&render);
    }
    asldot_renderer_free(renderer);
    renderer = NULL;
}

int main(void)
{
    read_inputs();
    test_diagnostics();
    test_machines();
    test_sources();
    test_graphs();
    test_histories();
    test_diffs();
    test_styles();
    test_rendering();
    free_inputs();
    TEST_MAIN_END();
}
