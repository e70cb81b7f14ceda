/* test_history.c: reading execution histories (history.c). */
#include "../harness.h"

#include "asldot.h"
#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static asldot_status add_file(asldot_history *h, const char *name, asldot_diagnostics *d)
{
    size_t len;
    char *data = harness_read_source("tests/data/histories", name, &len);
    asldot_status st = asldot_history_add(h, data, len, NULL, d);
    free(data);
    return st;
}

static int has_code(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
        if (strcmp(asldot_diagnostics_get(d, i)->code, code) == 0)
            return 1;
    return 0;
}

static void test_iso8601(void)
{
    long long ms = 0;
    CHECK(asldot_history_parse_iso8601("2024-05-01T10:00:00.100000+02:00", &ms));
    CHECK_EQ_INT(ms, 1714550400100LL);
    CHECK(asldot_history_parse_iso8601("2024-05-01T08:00:00Z", &ms));
    CHECK_EQ_INT(ms, 1714550400000LL);
    CHECK(asldot_history_parse_iso8601("2024-05-01T08:00:00.5", &ms)); /* no offset: UTC */
    CHECK_EQ_INT(ms, 1714550400500LL);
    CHECK(asldot_history_parse_iso8601("2024-05-01 01:00:00.25-0700", &ms));
    CHECK_EQ_INT(ms, 1714550400250LL);
    CHECK(asldot_history_parse_iso8601("1970-01-01T00:00:00Z", &ms));
    CHECK_EQ_INT(ms, 0);
    CHECK(asldot_history_parse_iso8601("2000-02-29T00:00:00Z", &ms));
    CHECK_EQ_INT(ms, 951782400000LL);
    CHECK(!asldot_history_parse_iso8601("timestamp", &ms));
    CHECK(!asldot_history_parse_iso8601("2024-13-01T00:00:00Z", &ms));
    CHECK(!asldot_history_parse_iso8601("2024-02-30T00:00:00Z", &ms));
    CHECK(!asldot_history_parse_iso8601("2024-05-01T08:00:00Zjunk", &ms));
    CHECK(!asldot_history_parse_iso8601("2024-05-01T08:00:00.Z", &ms));
    CHECK(!asldot_history_parse_iso8601("", &ms));
    CHECK(!asldot_history_parse_iso8601(NULL, &ms));
}

static void test_iso_and_epoch_agree(void)
{
    asldot_history *a = NULL, *b = NULL;
    CHECK_EQ_INT(asldot_history_new(&a), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&b), ASLDOT_OK);
    CHECK_EQ_INT(add_file(a, "retry.json", NULL), ASLDOT_OK);
    CHECK_EQ_INT(add_file(b, "retry.epoch.json", NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_event_count(a), 15);
    CHECK_EQ_INT(asldot_history_event_count(b), 15);
    CHECK_EQ_INT(a->exec_count, 1);
    for (size_t i = 0; i < 15 && i < a->execs[0].count && i < b->execs[0].count; i++) {
        const asldot_hevent *x = &a->execs[0].events[i], *y = &b->execs[0].events[i];
        CHECK_EQ_INT(x->id, (long long)i + 1);
        CHECK(x->has_ts && y->has_ts);
        CHECK_EQ_INT(x->ts_ms, y->ts_ms);
    }
    {
        const asldot_hevent *e = asldot_hexec_find(&a->execs[0], 5);
        CHECK(e != NULL);
        if (e) {
            CHECK_EQ_INT(e->kind, ASLDOT_HEV_WORK_FAILED);
            CHECK_EQ_STR(e->error, "Lambda.ServiceException");
            CHECK_EQ_STR(e->cause, "upstream 503");
            CHECK_EQ_INT(e->ts_ms, 1714550400500LL);
        }
        e = asldot_hexec_find(&a->execs[0], 2);
        CHECK(e && e->kind == ASLDOT_HEV_STATE_ENTERED && e->stype == ASLDOT_STATE_TASK);
        CHECK(e && e->name && strcmp(e->name, "Fetch") == 0);
        CHECK(e && e->input && strcmp(e->input, "{\"id\": 7}") == 0);
        CHECK(asldot_hexec_find(&a->execs[0], 99) == NULL);
    }
    asldot_history_free(a);
    asldot_history_free(b);
}

static void check_ordered(const asldot_history *h, size_t n)
{
    CHECK_EQ_INT(asldot_history_event_count(h), n);
    CHECK_EQ_INT(h->exec_count, 1);
    for (size_t i = 0; h->exec_count && i < h->execs[0].count; i++)
        CHECK_EQ_INT(h->execs[0].events[i].id, (long long)i + 1);
}

static void test_pages(void)
{
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);

    /* three concatenated pages, out of order, one of them newest first */
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "map.pages.json", d), ASLDOT_OK);
    check_ordered(h, 31);
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    asldot_history_free(h);

    /* pages in separate calls, the last first, and the first page twice */
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "map.page3.json", d), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "map.page1.json", d), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "map.page2.json", d), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "map.page1.json", d), ASLDOT_OK);
    check_ordered(h, 31);
    asldot_history_free(h);

    /* a bare array, newest first */
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "choice_loop.json", d), ASLDOT_OK);
    check_ordered(h, 22);
    asldot_history_free(h);
    asldot_diagnostics_free(d);
}

static void test_placeholders(void)
{
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "placeholders.json", d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_event_count(h), 14);
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    CHECK(has_code(d, "history-timestamps"));
    if (h->exec_count == 1 && h->execs[0].count == 14) {
        const asldot_hevent *ev = h->execs[0].events;
        CHECK_EQ_INT(ev[4].id, 5);
        for (size_t i = 5; i < 11; i++)
            CHECK_EQ_INT(ev[i].id, -1); /* placeholders stay after id 5, in file order */
        CHECK_EQ_STR(ev[5].name, "Left");
        CHECK_EQ_STR(ev[10].name, "Right2");
        CHECK_EQ_INT(ev[11].id, 13);
        CHECK(!ev[0].has_ts);
        CHECK_EQ_STR(ev[0].input, "{}"); /* objects are written back as JSON */
    }
    asldot_history_free(h);
    asldot_diagnostics_free(d);
}

static void test_executions(void)
{
    asldot_history *h = NULL;
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "distributed.json", NULL), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "distributed.child1.json", NULL), ASLDOT_OK);
    CHECK_EQ_INT(add_file(h, "distributed.child2.json", NULL), ASLDOT_OK);
    CHECK_EQ_INT(h->exec_count, 3);
    CHECK_EQ_INT(asldot_history_event_count(h), 7 + 7 + 6);
    if (h->exec_count == 3) {
        CHECK(h->execs[1].map_run_arn != NULL);
        CHECK(h->execs[2].map_run_arn == NULL);
        CHECK_CONTAINS(h->execs[0].events[3].map_run_arn, ":mapRun:orders/Fan:");
    }
    asldot_history_free(h);
}

static void test_text(void)
{
    asldot_history *h = NULL;
    char *big = malloc(4000);
    size_t n = 0;
    n += (size_t)snprintf(big, 4000,
                          "[{\"id\":1,\"type\":\"PassStateEntered\",\"timestamp\":1.5,"
                          "\"stateEnteredEventDetails\":{\"name\":\"A\",\"input\":\"");
    while (n < 3000)
        n += (size_t)snprintf(big + n, 4000 - n, "\xC3\xA9"); /* "é", two bytes */
    n += (size_t)snprintf(big + n, 4000 - n,
                          "\"}},{\"id\":2,\"type\":\"X\",\"previousEventId\":1,"
                          "\"fooEventDetails\":{\"cause\":{\"a\":[1,true,null,"
                          "\"q\\\"\"]}}}]");
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, big, n, NULL, NULL), ASLDOT_OK);
    if (h->exec_count == 1 && h->execs[0].count == 2) {
        const char *in = h->execs[0].events[0].input;
        size_t len = strlen(in);
        CHECK(len <= ASLDOT_HISTORY_TEXT_MAX);
        CHECK(len >= ASLDOT_HISTORY_TEXT_MAX - 4);
        CHECK(strcmp(in + len - 3, "\xE2\x80\xA6") == 0);
        CHECK(((unsigned char)in[len - 4] & 0xC0) == 0x80); /* the last é is whole */
        CHECK(((unsigned char)in[len - 5] & 0xE0) == 0xC0);
        CHECK_EQ_INT(h->execs[0].events[0].ts_ms, 1500);
        CHECK_EQ_STR(h->execs[0].events[1].cause, "{\"a\":[1,true,null,\"q\\\"\"]}");
        CHECK_EQ_INT(h->execs[0].events[1].kind, ASLDOT_HEV_OTHER);
    }
    asldot_history_free(h);
    free(big);
}

static void test_errors(void)
{
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    static const char bad_events[] =
        "{\"events\": [1, {\"id\": 1, \"type\": \"ExecutionStarted\"}, "
        "{\"id\": 2}]}";
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(NULL, "[]", 2, NULL, d), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_history_add(h, "42", 2, NULL, d), ASLDOT_ERR_INVALID);
    CHECK(has_code(d, "history-no-events"));
    CHECK_EQ_INT(asldot_history_add(h, "{\"events\": 3}", 13, NULL, d), ASLDOT_ERR_INVALID);
    CHECK_EQ_INT(asldot_history_add(h, "{\"events\": [", 12, NULL, d), ASLDOT_ERR_SYNTAX);
    CHECK_EQ_INT(asldot_history_add(h, "{\"events\": []} {\"events\": [}", 29, NULL, d),
                 ASLDOT_ERR_SYNTAX);
    CHECK_EQ_INT(asldot_history_event_count(h), 0);
    asldot_diagnostics_clear(d);
    CHECK_EQ_INT(asldot_history_add(h, bad_events, strlen(bad_events), NULL, d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_event_count(h), 1);
    CHECK(has_code(d, "history-bad-event"));
    CHECK_EQ_INT(asldot_diagnostics_error_count(d), 0);
    CHECK_EQ_INT(asldot_history_event_count(NULL), 0);
    asldot_history_free(h);
    asldot_history_free(NULL);
    asldot_diagnostics_free(d);
}

/* 1,000,001 events: the limit stops the history with "history-limit". */
static void test_limit(void)
{
    const size_t n = (size_t)ASLDOT_HISTORY_MAX_EVENTS + 1;
    asldot_options o;
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    size_t cap = n * 40 + 16, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return;
    buf[len++] = '[';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s{\"id\":%zu,\"type\":\"X\"}", i ? "," : "",
                                i + 1);
    buf[len++] = ']';
    asldot_options_init(&o);
    o.max_input_bytes = cap;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, buf, len, &o, d), ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "history-limit"));
    CHECK_EQ_INT(asldot_history_event_count(h), 0);
    asldot_history_free(h);
    asldot_diagnostics_free(d);
    free(buf);
}

/* A call that recorded an error returns an error, whether or not the caller collects them. */
static void test_status_is_the_truth(void)
{
    static const char dup[] =
        "{\"events\": [{\"id\": 1, \"id\": 2, \"type\": \"ExecutionStarted\"}]}";
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(h, dup, sizeof dup - 1, NULL, d), ASLDOT_ERR_INVALID);
    CHECK(asldot_diagnostics_error_count(d) > 0);
    CHECK_EQ_INT(asldot_history_add(h, dup, sizeof dup - 1, NULL, NULL), ASLDOT_ERR_INVALID);
    asldot_diagnostics_free(d);
    asldot_history_free(h);
}

int main(void)
{
    test_status_is_the_truth();
    test_iso8601();
    test_iso_and_epoch_agree();
    test_pages();
    test_placeholders();
    test_executions();
    test_text();
    test_errors();
    test_limit();
    TEST_MAIN_END();
}
