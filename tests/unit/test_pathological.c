/*
 * test_pathological.c: hostile and giant inputs through the library (parse -> validate -> build),
 * generated in memory: a 40 MiB input, 200 000-deep JSON arrays and objects and YAML sequences,
 * binary noise, invalid UTF-8, "\u0000", a YAML alias bomb, a 10 000-state chain, 200-deep
 * nested Parallel, 1 000 branches, a 5 000-rule Choice, 200 000 object keys; the same limits for
 * histories and style sheets. Each must end with
 * the expected status and a located diagnostic, within a time budget (CPU seconds; multiplied
 * under sanitizers, and not checked under valgrind).
 */
#include "../harness.h"

#include "asldot.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- text builder */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void t_reserve(text *t, size_t more)
{
    if (t->len + more + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + more + 1)
            cap *= 2;
        t->p = realloc(t->p, cap);
        if (t->p == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        t->cap = cap;
    }
}

static void t_put(text *t, const char *s, size_t n)
{
    t_reserve(t, n);
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void t_puts(text *t, const char *s)
{
    t_put(t, s, strlen(s));
}

static void t_repeat(text *t, const char *s, size_t times)
{
    size_t n = strlen(s);
    t_reserve(t, n * times);
    for (size_t i = 0; i < times; i++) {
        memcpy(t->p + t->len, s, n);
        t->len += n;
    }
    t->p[t->len] = '\0';
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
t_printf(text *t, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        exit(1);
    t_reserve(t, (size_t)n);
    va_start(ap, fmt);
    (void)vsnprintf(t->p + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static void t_free(text *t)
{
    free(t->p);
    t->p = NULL;
    t->len = t->cap = 0;
}

/* ---------------------------------------------------------------- timing */

static clock_t t_start;

static void timer_start(void)
{
    t_start = clock();
}

/* Reports the CPU time since timer_start. It asserts nothing: a loaded machine must not fail the
 * suite, ctest's timeout catches a hang, and tests/bench/ measures speed. */
#define CHECK_TIME(what, budget) report_time(what, budget)
static void report_time(const char *what, double expected)
{
    double s = (double)(clock() - t_start) / CLOCKS_PER_SEC;
    fprintf(stderr, "  %-44s %.3f s (expected under %.1f s)\n", what, s, expected);
}

/* ---------------------------------------------------------------- helpers */

/* Returns the first error diagnostic, or NULL. */
static const asldot_diagnostic *first_error(const asldot_diagnostics *d)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++) {
        const asldot_diagnostic *it = asldot_diagnostics_get(d, i);
        if (it->severity == ASLDOT_SEV_ERROR)
            return it;
    }
    return NULL;
}

/* Returns 1 when some diagnostic has this code. */
static int has_code(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
        if (strcmp(asldot_diagnostics_get(d, i)->code, code) == 0)
            return 1;
    return 0;
}

/* Parses input that must fail with status want and the diagnostic code (NULL: any error). */
static void expect_parse_fail(const char *what, const char *data, size_t len,
                              asldot_input_format fmt, asldot_status want, const char *code,
                              double budget)
{
    asldot_diagnostics *d = NULL;
    asldot_machine *m = NULL;
    asldot_options o;
    asldot_status st;
    asldot_options_init(&o);
    o.input_format = fmt;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    timer_start();
    st = asldot_machine_parse(&m, data, len, &o, d);
    CHECK_TIME(what, budget);
    if (want == ASLDOT_OK) {
        /* a document that parses but must carry an error diagnostic */
        CHECK_EQ_INT(st, ASLDOT_OK);
        CHECK(asldot_diagnostics_error_count(d) > 0);
    } else {
        CHECK_EQ_INT(st, want);
        CHECK(m == NULL);
    }
    CHECK(first_error(d) != NULL);
    if (code != NULL && !has_code(d, code)) {
        const asldot_diagnostic *e = first_error(d);
        CHECK_EQ_STR(e ? e->code : NULL, code);
    }
    if (getenv("PATHOLOGICAL_VERBOSE") && first_error(d) != NULL)
        fprintf(stderr, "    %u:%u %s [%s]\n", first_error(d)->line, first_error(d)->column,
                first_error(d)->message, first_error(d)->code);
    asldot_machine_free(m);
    asldot_diagnostics_free(d);
}

/* Parses, validates and builds: returns the number of states, or (size_t)-1 when it stopped at
 * parse. *validated gets validate's status. */
static size_t full_pipeline(const char *what, const text *t, const asldot_options *o,
                            asldot_status *validated, asldot_diagnostics *d, double budget)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_build_options bo;
    asldot_status st;
    size_t n;
    asldot_build_options_init(&bo);
    bo.flags = ASLDOT_BUILD_KEEP_GOING;
    timer_start();
    st = asldot_machine_parse(&m, t->p, t->len, o, d);
    if (m == NULL) { /* ERR_INVALID with a machine (a duplicate key) goes on */
        CHECK_TIME(what, budget);
        CHECK(st != ASLDOT_OK);
        *validated = st;
        return (size_t)-1;
    }
    *validated = asldot_machine_validate(m, o, d);
    st = asldot_graph_build(&g, m, &bo, d);
    CHECK_TIME(what, budget);
    CHECK_EQ_INT(st, ASLDOT_OK);
    CHECK(g != NULL);
    n = asldot_machine_state_count(m);
    asldot_graph_free(g);
    asldot_machine_free(m);
    return n;
}

/* ---------------------------------------------------------------- tests */

static void test_size_limit(void)
{
    size_t n = (size_t)40 * 1024 * 1024;
    text t = {0};
    t_puts(&t, "{\"StartAt\": \"A\", \"Comment\": \"");
    t_reserve(&t, n);
    memset(t.p + t.len, 'x', n - t.len - 64);
    t.len = n - 64;
    t_puts(&t, "\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
    expect_parse_fail("40 MiB input (default 8 MiB limit)", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_LIMIT, "input-too-large", 0.5);
    expect_parse_fail("40 MiB input forced YAML", t.p, t.len, ASLDOT_INPUT_YAML, ASLDOT_ERR_LIMIT,
                      "input-too-large", 0.5);
    t_free(&t);
}

static void test_deep_nesting(void)
{
    const size_t depth = 200000;
    text t = {0};

    t_repeat(&t, "[", depth);
    t_repeat(&t, "]", depth);
    expect_parse_fail("200000-deep JSON arrays", t.p, t.len, ASLDOT_INPUT_AUTO, ASLDOT_ERR_LIMIT,
                      "depth-limit", 1.0);
    t.len = depth; /* only the opening brackets */
    expect_parse_fail("200000 unclosed JSON arrays", t.p, t.len, ASLDOT_INPUT_JSON,
                      ASLDOT_ERR_LIMIT, "depth-limit", 1.0);
    expect_parse_fail("200000-deep YAML flow sequences", t.p, t.len, ASLDOT_INPUT_YAML,
                      ASLDOT_ERR_LIMIT, "depth-limit", 1.0);
    t_free(&t);

    t_repeat(&t, "{\"a\":", depth);
    t_puts(&t, "1");
    t_repeat(&t, "}", depth);
    expect_parse_fail("200000-deep JSON objects", t.p, t.len, ASLDOT_INPUT_AUTO, ASLDOT_ERR_LIMIT,
                      "depth-limit", 1.0);
    t_free(&t);

    t_repeat(&t, "- ", depth);
    t_puts(&t, "x\n");
    expect_parse_fail("200000-deep YAML block sequences", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_LIMIT, "depth-limit", 1.0);
    t_free(&t);

    t_repeat(&t, "{a: ", depth);
    t_puts(&t, "1");
    t_repeat(&t, "}", depth);
    expect_parse_fail("200000-deep YAML flow mappings", t.p, t.len, ASLDOT_INPUT_YAML,
                      ASLDOT_ERR_LIMIT, "depth-limit", 1.0);
    t_free(&t);
}

static void test_noise(void)
{
    const size_t n = (size_t)1 << 20;
    uint32_t x = 0x12345678u;
    text t = {0};
    t_reserve(&t, n);
    for (size_t i = 0; i < n; i++) {
        x = x * 1664525u + 1013904223u; /* LCG: fixed, reproducible noise */
        t.p[i] = (char)(x >> 24);
    }
    t.len = n;
    t.p[0] = '{'; /* sniffed as JSON */
    expect_parse_fail("1 MiB binary noise as JSON", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.5);
    t.p[0] = 'Z'; /* sniffed as YAML */
    expect_parse_fail("1 MiB binary noise as YAML", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.5);
    /* noise made of JSON and YAML punctuation gets further into both grammars */
    for (size_t i = 0; i < n; i++) {
        static const char alphabet[] = "{}[]{}[]\":,:,-&*!|>'#?%@ \n\n\tab01.eE+\\";
        x = x * 1664525u + 1013904223u;
        t.p[i] = alphabet[(x >> 24) % (sizeof alphabet - 1)];
    }
    t.p[0] = '[';
    expect_parse_fail("1 MiB punctuation noise as JSON", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.5);
    t.p[0] = '-';
    expect_parse_fail("1 MiB punctuation noise as YAML", t.p, t.len, ASLDOT_INPUT_YAML,
                      ASLDOT_ERR_SYNTAX, NULL, 1.0);
    t_free(&t);
}

static void test_bad_text(void)
{
    static const char bad_utf8[] = "{\"StartAt\": \"A\xff\xfe\", \"States\": {}}";
    static const char overlong[] = "{\"StartAt\": \"\xc0\xaf\", \"States\": {}}";
    static const char surrogate[] = "{\"StartAt\": \"\xed\xa0\x80\", \"States\": {}}";
    static const char truncated[] = "{\"StartAt\": \"A\xe2\x82";
    static const char yaml_utf8[] = "StartAt: \"A\xff\"\nStates: {}\n";
    static const char nul_escape[] =
        "{\"StartAt\": \"A\\u0000B\", \"States\": {\"A\\u0000B\": {\"Type\": \"Succeed\"}}}";
    static const char yaml_nul[] = "StartAt: \"A\\0B\"\nStates: {}\n";
    static const char raw_nul[] = "{\"StartAt\": \"A\0B\", \"States\": {}}";
    asldot_diagnostics *d = NULL;
    asldot_machine *m = NULL;

    expect_parse_fail("invalid UTF-8 bytes", bad_utf8, sizeof bad_utf8 - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, "invalid-utf8", 0.1);
    expect_parse_fail("overlong UTF-8", overlong, sizeof overlong - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, "invalid-utf8", 0.1);
    expect_parse_fail("UTF-8 encoded surrogate", surrogate, sizeof surrogate - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, "invalid-utf8", 0.1);
    expect_parse_fail("UTF-8 cut at the end", truncated, sizeof truncated - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.1);
    expect_parse_fail("invalid UTF-8 in YAML", yaml_utf8, sizeof yaml_utf8 - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, "invalid-utf8", 0.1);
    expect_parse_fail("\\u0000 escape", nul_escape, sizeof nul_escape - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, "nul-in-string", 0.1);
    expect_parse_fail("\\0 escape in YAML", yaml_nul, sizeof yaml_nul - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.1);
    expect_parse_fail("raw NUL byte", raw_nul, sizeof raw_nul - 1, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_SYNTAX, NULL, 0.1);

    /* the invalid byte is pointed at: line 1, column of the byte (15th character) */
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK(asldot_machine_parse(&m, bad_utf8, sizeof bad_utf8 - 1, NULL, d) != ASLDOT_OK);
    CHECK(first_error(d) != NULL);
    if (first_error(d) != NULL) {
        CHECK_EQ_INT(first_error(d)->line, 1);
        CHECK_EQ_INT(first_error(d)->column, 15);
    }
    asldot_diagnostics_free(d);
}

static void test_alias_bomb(void)
{
    text t = {0};
    /* "billion laughs": 10 levels of 10 aliases each = 10^10 nodes if expanded */
    t_puts(&t, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
        t_printf(&t, "a%d: &a%d [", i, i);
        for (int j = 0; j < 10; j++)
            t_printf(&t, "%s*a%d", j ? ", " : "", i - 1);
        t_puts(&t, "]\n");
    }
    t_puts(&t, "StartAt: A\nStates: {A: {Type: Pass, Result: *a9, End: true}}\n");
    expect_parse_fail("YAML alias bomb (10^10 nodes)", t.p, t.len, ASLDOT_INPUT_AUTO,
                      ASLDOT_ERR_LIMIT, "alias-limit", 0.5);
    t_free(&t);
}

static void test_chain(void)
{
    const size_t n = 10000;
    asldot_diagnostics *d = NULL;
    asldot_status v;
    text t = {0};
    t_puts(&t, "{\"StartAt\": \"S0\", \"States\": {");
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n)
            t_printf(&t, "%s\"S%zu\": {\"Type\": \"Pass\", \"Next\": \"S%zu\"}", i ? "," : "", i,
                     i + 1);
        else
            t_printf(&t, ",\"S%zu\": {\"Type\": \"Succeed\"}", i);
    }
    t_puts(&t, "}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("10000-state chain", &t, NULL, &v, d, 3.0), n);
    CHECK_EQ_INT(v, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    asldot_diagnostics_free(d);

    /* the same chain over a small state limit stops at parse */
    {
        asldot_options o;
        asldot_options_init(&o);
        o.max_states = 1000;
        CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
        CHECK_EQ_INT(full_pipeline("10000 states over max_states=1000", &t, &o, &v, d, 1.0),
                     (size_t)-1);
        CHECK_EQ_INT(v, ASLDOT_ERR_LIMIT);
        CHECK(has_code(d, "state-limit"));
        asldot_diagnostics_free(d);
    }
    t_free(&t);
}

/* depth Parallel states, each holding the next in its only branch. */
static void nested_parallel(text *t, size_t depth)
{
    for (size_t i = 0; i < depth; i++)
        t_printf(t,
                 "{\"StartAt\": \"P%zu\", \"States\": {\"P%zu\": {\"Type\": \"Parallel\", "
                 "\"End\": true, \"Branches\": [",
                 i, i);
    t_puts(t, "{\"StartAt\": \"Leaf\", \"States\": {\"Leaf\": {\"Type\": \"Succeed\"}}}");
    for (size_t i = 0; i < depth; i++)
        t_puts(t, "]}}}");
}

static void test_nested_parallel(void)
{
    asldot_diagnostics *d = NULL;
    asldot_options o;
    asldot_status v;
    size_t n;
    text t = {0};

    /* defaults: 200 levels need ~800 levels of JSON nesting, over the 512 limit */
    nested_parallel(&t, 200);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    n = full_pipeline("200-deep Parallel (defaults)", &t, NULL, &v, d, 1.0);
    CHECK(first_error(d) != NULL || n == 201);
    if (n == (size_t)-1) {
        CHECK_EQ_INT(v, ASLDOT_ERR_LIMIT);
        CHECK(has_code(d, "depth-limit") || has_code(d, "state-depth-limit"));
        CHECK(first_error(d) != NULL && first_error(d)->line == 1);
    }
    asldot_diagnostics_free(d);

    /* a document limit that allows it: 200 Parallel levels are within the state depth limit */
    asldot_options_init(&o);
    o.max_doc_depth = 4096;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    n = full_pipeline("200-deep Parallel (doc depth 4096)", &t, &o, &v, d, 2.0);
    CHECK_EQ_INT(n, 201);
    CHECK_EQ_INT(v, ASLDOT_OK);
    asldot_diagnostics_free(d);
    t_free(&t);

    /* beyond the state depth limit (256): a clean stop with a diagnostic */
    nested_parallel(&t, 300);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    n = full_pipeline("300-deep Parallel (doc depth 4096)", &t, &o, &v, d, 2.0);
    CHECK(first_error(d) != NULL);
    CHECK(has_code(d, "state-depth-limit") || has_code(d, "depth-limit"));
    asldot_diagnostics_free(d);
    t_free(&t);
}

static void test_wide(void)
{
    asldot_diagnostics *d = NULL;
    asldot_status v;
    text t = {0};

    /* 1000 Parallel branches */
    t_puts(&t, "{\"StartAt\": \"Fan\", \"States\": {\"Fan\": {\"Type\": \"Parallel\", "
               "\"End\": true, \"Branches\": [");
    for (int i = 0; i < 1000; i++)
        t_printf(&t,
                 "%s{\"StartAt\": \"B%d\", \"States\": {\"B%d\": {\"Type\": \"Pass\", "
                 "\"End\": true}}}",
                 i ? "," : "", i, i);
    t_puts(&t, "]}}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("1000 Parallel branches", &t, NULL, &v, d, 2.0), 1001);
    CHECK_EQ_INT(v, ASLDOT_OK);
    asldot_diagnostics_free(d);
    t_free(&t);

    /* a 5000-rule Choice, every rule a different comparison and target */
    t_puts(&t, "{\"StartAt\": \"Pick\", \"States\": {\"Pick\": {\"Type\": \"Choice\", "
               "\"Default\": \"T0\", \"Choices\": [");
    for (int i = 0; i < 5000; i++)
        t_printf(&t, "%s{\"Variable\": \"$.v[%d]\", \"NumericEquals\": %d, \"Next\": \"T%d\"}",
                 i ? "," : "", i, i, i % 50);
    t_puts(&t, "]}");
    for (int i = 0; i < 50; i++)
        t_printf(&t, ", \"T%d\": {\"Type\": \"Succeed\"}", i);
    t_puts(&t, "}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("5000-rule Choice", &t, NULL, &v, d, 2.0), 51);
    CHECK_EQ_INT(v, ASLDOT_OK);
    asldot_diagnostics_free(d);
    t_free(&t);

    /* 200000 keys in one object (a Pass Result): duplicate-key detection must not be quadratic */
    t_puts(&t, "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, "
               "\"Result\": {");
    for (int i = 0; i < 200000; i++)
        t_printf(&t, "%s\"k%d\": %d", i ? "," : "", i, i);
    t_puts(&t, ", \"k17\": 0}}}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("200000 keys, one duplicate", &t, NULL, &v, d, 2.0), 1);
    CHECK(has_code(d, "duplicate-key"));
    asldot_diagnostics_free(d);
    t_free(&t);

    /* 20000 states in one scope all named by one Choice's Default chain: many errors, fast */
    t_puts(&t, "{\"StartAt\": \"X0\", \"States\": {");
    for (int i = 0; i < 20000; i++)
        t_printf(&t, "%s\"X%d\": {\"Type\": \"Pass\", \"Next\": \"Missing%d\"}", i ? "," : "", i,
                 i);
    t_puts(&t, "}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("20000 dangling transitions (keep-going)", &t, NULL, &v, d, 3.0),
                 20000);
    CHECK_EQ_INT(v, ASLDOT_ERR_INVALID);
    CHECK(asldot_diagnostics_error_count(d) >= 20000);
    asldot_diagnostics_free(d);
    t_free(&t);
}

static void test_long_strings(void)
{
    asldot_diagnostics *d = NULL;
    asldot_status v;
    text t = {0};
    /* a 1 MiB state name (AWS allows 80 characters) and a 1 MiB JSONPath */
    t_puts(&t, "{\"StartAt\": \"");
    t_repeat(&t, "n", (size_t)1 << 20);
    t_puts(&t, "\", \"States\": {\"");
    t_repeat(&t, "n", (size_t)1 << 20);
    t_puts(&t, "\": {\"Type\": \"Pass\", \"InputPath\": \"$");
    t_repeat(&t, ".a[0]", (size_t)1 << 18);
    t_puts(&t, "\", \"End\": true}}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(full_pipeline("1 MiB state name and JSONPath", &t, NULL, &v, d, 2.0), 1);
    CHECK_EQ_INT(v, ASLDOT_ERR_INVALID); /* the name is over 80 characters */
    asldot_diagnostics_free(d);
    t_free(&t);
}

/* Histories and style sheets go through the same strict reader: the same limits hold. */
static void test_other_inputs(void)
{
    asldot_diagnostics *d = NULL;
    asldot_history *h = NULL;
    asldot_style *style = NULL;
    asldot_status st;
    text t = {0};

    t_repeat(&t, "[", 200000);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    timer_start();
    st = asldot_history_add(h, t.p, t.len, NULL, d);
    CHECK_TIME("history: 200000-deep arrays", 1.0);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "depth-limit"));
    CHECK_EQ_INT(asldot_history_event_count(h), 0);
    asldot_diagnostics_clear(d);
    timer_start();
    st = asldot_style_parse(&style, t.p, t.len, d);
    CHECK_TIME("style: 200000-deep arrays", 1.0);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(style == NULL);
    CHECK(has_code(d, "depth-limit"));
    t_free(&t);

    t_puts(&t, "{\"events\": [");
    t_reserve(&t, (size_t)40 << 20);
    memset(t.p + t.len, ' ', ((size_t)40 << 20) - t.len);
    t.len = (size_t)40 << 20;
    t_puts(&t, "]}");
    asldot_diagnostics_clear(d);
    timer_start();
    st = asldot_history_add(h, t.p, t.len, NULL, d);
    CHECK_TIME("history: 40 MiB", 0.5);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "input-too-large"));
    asldot_diagnostics_clear(d);
    timer_start();
    st = asldot_style_parse(&style, t.p, t.len, d);
    CHECK_TIME("style: 40 MiB", 0.5);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "input-too-large"));
    t_free(&t);

    /* 50000 events naming states no machine has, and 100000 style rules (limit 4096) */
    t_puts(&t, "{\"events\": [");
    for (int i = 1; i <= 50000; i++)
        t_printf(&t,
                 "%s{\"id\": %d, \"previousEventId\": %d, \"timestamp\": %d, \"type\": "
                 "\"PassStateEntered\", \"stateEnteredEventDetails\": {\"name\": \"S%d\"}}",
                 i > 1 ? "," : "", i, i - 1, i, i);
    t_puts(&t, "]}");
    asldot_diagnostics_clear(d);
    timer_start();
    st = asldot_history_add(h, t.p, t.len, NULL, d);
    CHECK_TIME("history: 50000 events", 2.0);
    CHECK_EQ_INT(st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_event_count(h), 50000);
    t_free(&t);

    t_puts(&t, "{");
    for (int i = 0; i < 100000; i++)
        t_printf(&t, "%s\"node.c%d\": {\"color\": \"red\"}", i ? "," : "", i);
    t_puts(&t, "}");
    asldot_diagnostics_clear(d);
    timer_start();
    st = asldot_style_parse(&style, t.p, t.len, d);
    CHECK_TIME("style: 100000 rules", 2.0);
    CHECK(st != ASLDOT_OK);
    CHECK(style == NULL);
    CHECK(has_code(d, "style-limit"));
    t_free(&t);

    asldot_history_free(h);
    asldot_diagnostics_free(d);
}

int main(void)
{
    test_size_limit();
    test_deep_nesting();
    test_noise();
    test_bad_text();
    test_alias_bomb();
    test_chain();
    test_nested_parallel();
    test_wide();
    test_long_strings();
    test_other_inputs();
    TEST_MAIN_END();
}
