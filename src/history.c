/*
 * history.c: reads execution histories. Accepted shapes: the CLI's {"events": [...]} (ISO 8601
 * timestamps), the raw API response (epoch-second numbers), a bare array of events, a single
 * event object, and several such values concatenated in one file (pages). Pages may come in any
 * order, newest first included; events are ordered by id and duplicates across pages dropped.
 * Events without a readable id (placeholders written by some tools) keep their place after the
 * readable id before them. Unreadable timestamps only lose the durations. A page that starts
 * another execution (its own ExecutionStarted) is kept apart: overlay.c matches such child
 * executions to their Distributed Map.
 */
#include "history.h"
#include "alloc.h"
#include "options.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXACT_ID        9007199254740992.0 /* 2^53 */
#define SERIALISE_MAX_DEPTH 64

/* ---------------------------------------------------------------- lifecycle */

asldot_status asldot_history_new(asldot_history **out)
{
    asldot_history *h;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    h = asldot_calloc(1, sizeof *h);
    if (h == NULL)
        return ASLDOT_ERR_NOMEM;
    h->arena = asldot_arena_new();
    if (h->arena == NULL) {
        asldot_free(h);
        return ASLDOT_ERR_NOMEM;
    }
    *out = h;
    return ASLDOT_OK;
}

void asldot_history_free(asldot_history *h)
{
    if (h == NULL)
        return;
    for (size_t i = 0; i < h->exec_count; i++)
        asldot_free(h->execs[i].events);
    asldot_free(h->execs);
    asldot_arena_free(h->arena);
    asldot_free(h);
}

size_t asldot_history_event_count(const asldot_history *h)
{
    return h ? h->event_count : 0;
}

/* ---------------------------------------------------------------- small helpers */

size_t asldot_history_cut(const char *s, size_t len, size_t max)
{
    size_t n = len < max ? len : max;
    if (n == len)
        return n;
    /* back off continuation bytes so that no character is split */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Copies s[0..len) into the arena, cut to max bytes with "…" appended when longer. */
static const char *copy_text(asldot_arena *a, const char *s, size_t len, size_t max)
{
    size_t n;
    char *out;
    if (len <= max)
        return asldot_arena_strndup(a, s, len);
    n = asldot_history_cut(s, len, max - 3);
    out = asldot_arena_alloc(a, n + 4);
    if (out == NULL)
        return NULL;
    memcpy(out, s, n);
    memcpy(out + n, "\xE2\x80\xA6", 3);
    out[n + 3] = '\0';
    return out;
}

static void put_json_string(asldot_buf *b, const char *s, size_t len)
{
    asldot_buf_putc(b, '"');
    for (size_t i = 0; i < len && b->len <= ASLDOT_HISTORY_TEXT_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            asldot_buf_putc(b, '\\');
            asldot_buf_putc(b, (char)c);
        } else if (c == '\n') {
            asldot_buf_puts(b, "\\n");
        } else if (c == '\t') {
            asldot_buf_puts(b, "\\t");
        } else if (c < 0x20) {
            asldot_buf_printf(b, "\\u%04x", c);
        } else {
            asldot_buf_putc(b, (char)c);
        }
    }
    asldot_buf_putc(b, '"');
}

/* Writes n as compact JSON, stopping soon after TEXT_MAX bytes (the caller cuts the text). */
static void serialise(asldot_buf *b, const asldot_doc_node *n, unsigned depth)
{
    if (b->len > ASLDOT_HISTORY_TEXT_MAX)
        return;
    switch (n->kind) {
    case ASLDOT_DOC_NULL:
        asldot_buf_puts(b, "null");
        break;
    case ASLDOT_DOC_BOOL:
        asldot_buf_puts(b, n->boolean ? "true" : "false");
        break;
    case ASLDOT_DOC_NUMBER:
        if (n->str)
            asldot_buf_put(b, n->str, n->str_len);
        else
            asldot_buf_printf(b, "%.17g", n->num);
        break;
    case ASLDOT_DOC_STRING:
        put_json_string(b, n->str ? n->str : "", n->str ? n->str_len : 0);
        break;
    case ASLDOT_DOC_ARRAY:
    case ASLDOT_DOC_OBJECT: {
        int obj = n->kind == ASLDOT_DOC_OBJECT;
        asldot_buf_putc(b, obj ? '{' : '[');
        if (depth >= SERIALISE_MAX_DEPTH) {
            asldot_buf_puts(b, "\xE2\x80\xA6");
        } else {
            for (size_t i = 0; i < n->count && b->len <= ASLDOT_HISTORY_TEXT_MAX; i++) {
                if (i)
                    asldot_buf_putc(b, ',');
                if (obj) {
                    put_json_string(b, n->items[i]->key ? n->items[i]->key : "",
                                    n->items[i]->key ? n->items[i]->key_len : 0);
                    asldot_buf_putc(b, ':');
                }
                serialise(b, n->items[i], depth + 1);
            }
        }
        asldot_buf_putc(b, obj ? '}' : ']');
        break;
    }
    }
}

/* A member as text: strings as they are, anything else (but null) as compact JSON. */
static asldot_status member_text(asldot_arena *a, asldot_buf *tmp, const asldot_doc_node *obj,
                                 const char *key, size_t max, const char **out)
{
    const asldot_doc_node *n = asldot_doc_get(obj, key);
    *out = NULL;
    if (n == NULL || n->kind == ASLDOT_DOC_NULL)
        return ASLDOT_OK;
    if (n->kind == ASLDOT_DOC_STRING) {
        *out = copy_text(a, n->str ? n->str : "", n->str ? n->str_len : 0, max);
    } else {
        asldot_buf_reset(tmp);
        serialise(tmp, n, 0);
        if (tmp->data == NULL)
            return ASLDOT_ERR_NOMEM;
        *out = copy_text(a, tmp->data, tmp->len, max);
    }
    return *out ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

/* An integer id: a number, or a string of digits (some tools quote them). */
static int read_id(const asldot_doc_node *n, long long *out)
{
    if (n == NULL)
        return 0;
    if (asldot_doc_is_integer(n, 0, MAX_EXACT_ID)) {
        *out = (long long)n->num;
        return 1;
    }
    if (n->kind == ASLDOT_DOC_STRING && n->str && n->str_len > 0 && n->str_len < 17) {
        long long v = 0;
        for (size_t i = 0; i < n->str_len; i++) {
            if (n->str[i] < '0' || n->str[i] > '9')
                return 0;
            v = v * 10 + (n->str[i] - '0');
        }
        *out = v;
        return 1;
    }
    return 0;
}

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    /* proleptic Gregorian calendar, days since 1970-01-01 */
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int asldot_history_parse_iso8601(const char *s, long long *ms)
{
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, hh, mi, ss = 0, frac_ms = 0, off = 0;
    const char *p = s;
    if (s == NULL || strlen(s) < 16)
        return 0;
    if (!digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) || p[7] != '-' ||
        !digits(p + 8, 2, &d))
        return 0;
    p += 10;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return 0;
    p++;
    if (!digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mi))
        return 0;
    p += 5;
    if (*p == ':') {
        if (!digits(p + 1, 2, &ss))
            return 0;
        p += 3;
        if (*p == '.' || *p == ',') {
            int scale = 100, any = 0;
            p++;
            while (*p >= '0' && *p <= '9') {
                frac_ms += (*p - '0') * scale;
                scale /= 10;
                any = 1;
                p++;
            }
            if (!any)
                return 0;
        }
    }
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om = 0;
        p++;
        if (!digits(p, 2, &oh))
            return 0;
        p += 2;
        if (*p == ':')
            p++;
        if (*p >= '0' && *p <= '9') {
            if (!digits(p, 2, &om))
                return 0;
            p += 2;
        }
        if (oh > 23 || om > 59)
            return 0;
        off = sign * (oh * 60 + om);
    }
    if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || hh > 24 || mi > 59 ||
        ss > 60)
        return 0;
    *ms = ((days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL + hh * 3600LL + mi * 60LL + ss -
            off * 60LL) *
           1000LL) +
          frac_ms;
    return 1;
}

static int read_timestamp(const asldot_doc_node *n, long long *ms)
{
    if (n == NULL)
        return 0;
    if (n->kind == ASLDOT_DOC_STRING)
        return asldot_history_parse_iso8601(n->str, ms);
    if (n->kind == ASLDOT_DOC_NUMBER && isfinite(n->num) && n->num >= 0 && n->num < 1e15) {
        /* epoch seconds with a fraction; values past year 5138 in seconds are milliseconds */
        double v = n->num >= 1e11 ? n->num : n->num * 1000.0;
        *ms = (long long)llround(v);
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- event types */

typedef struct kind_entry {
    const char *type;
    asldot_hev_kind kind;
} kind_entry;

static const kind_entry kind_table[] = {
    {"ExecutionStarted", ASLDOT_HEV_EXEC_STARTED},
    {"ExecutionSucceeded", ASLDOT_HEV_EXEC_SUCCEEDED},
    {"ExecutionFailed", ASLDOT_HEV_EXEC_FAILED},
    {"ExecutionAborted", ASLDOT_HEV_EXEC_ABORTED},
    {"ExecutionTimedOut", ASLDOT_HEV_EXEC_TIMED_OUT},
    {"ExecutionRedriven", ASLDOT_HEV_EXEC_REDRIVEN},
    {"TaskScheduled", ASLDOT_HEV_ATTEMPT},
    {"LambdaFunctionScheduled", ASLDOT_HEV_ATTEMPT},
    {"ActivityScheduled", ASLDOT_HEV_ATTEMPT},
    {"TaskFailed", ASLDOT_HEV_WORK_FAILED},
    {"TaskTimedOut", ASLDOT_HEV_WORK_FAILED},
    {"TaskStartFailed", ASLDOT_HEV_WORK_FAILED},
    {"TaskSubmitFailed", ASLDOT_HEV_WORK_FAILED},
    {"LambdaFunctionFailed", ASLDOT_HEV_WORK_FAILED},
    {"LambdaFunctionTimedOut", ASLDOT_HEV_WORK_FAILED},
    {"LambdaFunctionScheduleFailed", ASLDOT_HEV_WORK_FAILED},
    {"LambdaFunctionStartFailed", ASLDOT_HEV_WORK_FAILED},
    {"ActivityFailed", ASLDOT_HEV_WORK_FAILED},
    {"ActivityTimedOut", ASLDOT_HEV_WORK_FAILED},
    {"ActivityScheduleFailed", ASLDOT_HEV_WORK_FAILED},
    {"TaskSucceeded", ASLDOT_HEV_WORK_SUCCEEDED},
    {"LambdaFunctionSucceeded", ASLDOT_HEV_WORK_SUCCEEDED},
    {"ActivitySucceeded", ASLDOT_HEV_WORK_SUCCEEDED},
    {"TaskStarted", ASLDOT_HEV_WORK_OTHER},
    {"TaskSubmitted", ASLDOT_HEV_WORK_OTHER},
    {"LambdaFunctionStarted", ASLDOT_HEV_WORK_OTHER},
    {"ActivityStarted", ASLDOT_HEV_WORK_OTHER},
    {"EvaluationFailed", ASLDOT_HEV_EVAL_FAILED},
    {"MapStateStarted", ASLDOT_HEV_MAP_STARTED},
    {"MapStateSucceeded", ASLDOT_HEV_MAP_SUCCEEDED},
    {"MapStateFailed", ASLDOT_HEV_MAP_FAILED},
    {"ParallelStateStarted", ASLDOT_HEV_PAR_STARTED},
    {"ParallelStateSucceeded", ASLDOT_HEV_PAR_SUCCEEDED},
    {"ParallelStateFailed", ASLDOT_HEV_PAR_FAILED},
    {"MapIterationStarted", ASLDOT_HEV_ITER_STARTED},
    {"MapIterationSucceeded", ASLDOT_HEV_ITER_SUCCEEDED},
    {"MapIterationFailed", ASLDOT_HEV_ITER_FAILED},
    {"MapIterationAborted", ASLDOT_HEV_ITER_ABORTED},
    {"MapRunStarted", ASLDOT_HEV_RUN_STARTED},
    {"MapRunSucceeded", ASLDOT_HEV_RUN_SUCCEEDED},
    {"MapRunFailed", ASLDOT_HEV_RUN_FAILED},
    {"MapRunAborted", ASLDOT_HEV_RUN_ABORTED},
    {"MapRunRedriven", ASLDOT_HEV_RUN_REDRIVEN},
};

static const struct {
    const char *prefix;
    asldot_state_type type;
} state_prefixes[] = {
    {"Task", ASLDOT_STATE_TASK},         {"Pass", ASLDOT_STATE_PASS},
    {"Choice", ASLDOT_STATE_CHOICE},     {"Wait", ASLDOT_STATE_WAIT},
    {"Succeed", ASLDOT_STATE_SUCCEED},   {"Fail", ASLDOT_STATE_FAIL},
    {"Parallel", ASLDOT_STATE_PARALLEL}, {"Map", ASLDOT_STATE_MAP},
};

/* Returns the static spelling of a known type (or NULL) and sets the kind. */
static const char *classify(const char *type, asldot_hev_kind *kind, asldot_state_type *stype)
{
    *kind = ASLDOT_HEV_OTHER;
    *stype = ASLDOT_STATE_UNKNOWN;
    for (size_t i = 0; i < sizeof kind_table / sizeof kind_table[0]; i++) {
        if (strcmp(type, kind_table[i].type) == 0) {
            *kind = kind_table[i].kind;
            return kind_table[i].type;
        }
    }
    for (size_t i = 0; i < sizeof state_prefixes / sizeof state_prefixes[0]; i++) {
        size_t n = strlen(state_prefixes[i].prefix);
        const char *rest = type + n;
        if (strncmp(type, state_prefixes[i].prefix, n) != 0)
            continue;
        if (strcmp(rest, "StateEntered") == 0)
            *kind = ASLDOT_HEV_STATE_ENTERED;
        else if (strcmp(rest, "StateExited") == 0)
            *kind = ASLDOT_HEV_STATE_EXITED;
        else if (strcmp(rest, "StateAborted") == 0)
            *kind = state_prefixes[i].type == ASLDOT_STATE_MAP        ? ASLDOT_HEV_MAP_ABORTED
                    : state_prefixes[i].type == ASLDOT_STATE_PARALLEL ? ASLDOT_HEV_PAR_ABORTED
                                                                      : ASLDOT_HEV_STATE_ABORTED;
        else
            continue;
        *stype = state_prefixes[i].type;
        return NULL;
    }
    return NULL;
}

/* ---------------------------------------------------------------- one page */

typedef struct batch {
    asldot_hevent *events;
    size_t count, cap;
    const char *execution_arn, *map_run_arn, *parent_arn;
    size_t bad_events, bad_timestamps;
} batch;

static asldot_status batch_push(batch *b, asldot_hevent **out)
{
    asldot_hevent *n = asldot_grow(b->events, &b->cap, b->count, sizeof *n, 64);
    if (n == NULL)
        return ASLDOT_ERR_NOMEM;
    b->events = n;
    *out = &b->events[b->count++];
    memset(*out, 0, sizeof **out);
    return ASLDOT_OK;
}

static const asldot_doc_node *find_details(const asldot_doc_node *ev)
{
    static const char suffix[] = "EventDetails";
    const size_t sn = sizeof suffix - 1;
    for (size_t i = 0; i < ev->count; i++) {
        const asldot_doc_node *m = ev->items[i];
        if (m->kind == ASLDOT_DOC_OBJECT && m->key && m->key_len >= sn &&
            memcmp(m->key + m->key_len - sn, suffix, sn) == 0)
            return m;
    }
    return NULL;
}

static long long count_member(const asldot_doc_node *obj, const char *key)
{
    const asldot_doc_node *n = asldot_doc_get(obj, key);
    return asldot_doc_is_integer(n, 0, MAX_EXACT_ID) ? (long long)n->num : -1;
}

static asldot_status hint(asldot_arena *a, const asldot_doc_node *obj, const char *key,
                          const char **slot)
{
    const char *s = asldot_doc_get_string(obj, key);
    if (s == NULL || *slot != NULL)
        return ASLDOT_OK;
    *slot = asldot_arena_strdup(a, s);
    return *slot ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

static asldot_status read_event(asldot_history *h, batch *b, asldot_buf *tmp,
                                const asldot_doc_node *ev)
{
    const char *type = asldot_doc_get_string(ev, "type");
    const asldot_doc_node *det;
    const char *known;
    asldot_hevent *e;
    asldot_status st;
    asldot_hev_kind kind;
    asldot_state_type stype;

    if (ev->kind != ASLDOT_DOC_OBJECT || type == NULL) {
        b->bad_events++;
        return ASLDOT_OK;
    }
    if ((st = batch_push(b, &e)) != ASLDOT_OK)
        return st;
    known = classify(type, &kind, &stype);
    e->kind = kind;
    e->stype = stype;
    e->type = known ? known : asldot_arena_strdup(h->arena, type);
    if (e->type == NULL)
        return ASLDOT_ERR_NOMEM;
    if (!read_id(asldot_doc_get(ev, "id"), &e->id))
        e->id = -1;
    if (!read_id(asldot_doc_get(ev, "previousEventId"), &e->prev))
        e->prev = 0;
    e->has_ts = read_timestamp(asldot_doc_get(ev, "timestamp"), &e->ts_ms);
    if (!e->has_ts)
        b->bad_timestamps++;
    e->index = e->length = -1;
    e->items_succeeded = e->items_failed = e->items_total = -1;

    det = find_details(ev);
    if (det == NULL)
        return ASLDOT_OK;
    switch (kind) {
    case ASLDOT_HEV_STATE_ENTERED:
    case ASLDOT_HEV_EXEC_STARTED:
        st = member_text(h->arena, tmp, det, "input", ASLDOT_HISTORY_TEXT_MAX, &e->input);
        break;
    case ASLDOT_HEV_STATE_EXITED:
    case ASLDOT_HEV_EXEC_SUCCEEDED:
        st = member_text(h->arena, tmp, det, "output", ASLDOT_HISTORY_TEXT_MAX, &e->output);
        break;
    default:
        break;
    }
    if (st != ASLDOT_OK)
        return st;
    if (kind == ASLDOT_HEV_EXEC_STARTED) {
        if ((st = hint(h->arena, det, "mapRunArn", &b->map_run_arn)) != ASLDOT_OK ||
            (st = hint(h->arena, det, "parentExecutionArn", &b->parent_arn)) != ASLDOT_OK ||
            (st = hint(h->arena, det, "executionArn", &b->execution_arn)) != ASLDOT_OK)
            return st;
    }
    {
        const char *name =
            asldot_doc_get_string(det, kind == ASLDOT_HEV_EVAL_FAILED ? "state" : "name");
        if (name && (e->name = asldot_arena_strdup(h->arena, name)) == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    e->index = count_member(det, "index");
    e->length = count_member(det, "length");
    if ((st = member_text(h->arena, tmp, det, "error", 256, &e->error)) != ASLDOT_OK ||
        (st = member_text(h->arena, tmp, det, "cause", ASLDOT_HISTORY_TEXT_MAX, &e->cause)) !=
            ASLDOT_OK)
        return st;
    {
        const char *arn = asldot_doc_get_string(det, "mapRunArn");
        const asldot_doc_node *ic = asldot_doc_get(det, "itemCounts");
        if (arn && (e->map_run_arn = asldot_arena_strdup(h->arena, arn)) == NULL)
            return ASLDOT_ERR_NOMEM;
        if (ic && ic->kind == ASLDOT_DOC_OBJECT) {
            e->items_succeeded = count_member(ic, "succeeded");
            e->items_failed = count_member(ic, "failed");
            e->items_total = count_member(ic, "total");
        }
    }
    return ASLDOT_OK;
}

static asldot_status read_root(asldot_history *h, batch *b, asldot_buf *tmp,
                               const asldot_doc_node *root, asldot_diagnostics *diags)
{
    const asldot_doc_node *events = root;
    asldot_status st;
    if (root->kind == ASLDOT_DOC_OBJECT) {
        events = asldot_doc_get(root, "events");
        if (events == NULL && asldot_doc_get_string(root, "type") != NULL)
            return read_event(h, b, tmp, root); /* a single event */
        if (events == NULL || events->kind != ASLDOT_DOC_ARRAY) {
            st = asldot_doc_diag(diags, ASLDOT_SEV_ERROR, "history-no-events",
                                 events ? events : root, 0,
                                 "a history is an array of events or an object with \"events\"");
            return st != ASLDOT_OK ? st : ASLDOT_ERR_INVALID;
        }
        if ((st = hint(h->arena, root, "executionArn", &b->execution_arn)) != ASLDOT_OK ||
            (st = hint(h->arena, root, "mapRunArn", &b->map_run_arn)) != ASLDOT_OK ||
            (st = hint(h->arena, root, "parentExecutionArn", &b->parent_arn)) != ASLDOT_OK)
            return st;
    } else if (root->kind != ASLDOT_DOC_ARRAY) {
        st = asldot_doc_diag(diags, ASLDOT_SEV_ERROR, "history-no-events", root, 0,
                             "a history is an array of events or an object with \"events\"");
        return st != ASLDOT_OK ? st : ASLDOT_ERR_INVALID;
    }
    for (size_t i = 0; i < events->count; i++) {
        if (b->count >= ASLDOT_HISTORY_MAX_EVENTS) {
            st =
                asldot_doc_diag(diags, ASLDOT_SEV_ERROR, "history-limit", events->items[i], 0,
                                "the history holds more than %u events", ASLDOT_HISTORY_MAX_EVENTS);
            return st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
        }
        if ((st = read_event(h, b, tmp, events->items[i])) != ASLDOT_OK)
            return st;
    }
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- merging pages */

static int event_cmp(const void *pa, const void *pb)
{
    const asldot_hevent *a = pa, *b = pb;
    int pha = a->id < 0, phb = b->id < 0;
    if (a->anchor != b->anchor)
        return a->anchor < b->anchor ? -1 : 1;
    if (pha != phb)
        return pha - phb;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

const asldot_hevent *asldot_hexec_find(const asldot_hexec *x, long long id)
{
    size_t lo = 0, hi;
    if (x == NULL || id < 0)
        return NULL;
    hi = x->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->events[mid].anchor < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < x->count && x->events[lo].id == id)
        return &x->events[lo];
    return NULL;
}

static const asldot_hevent *batch_start(const batch *b)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->events[i].kind == ASLDOT_HEV_EXEC_STARTED)
            return &b->events[i];
    return NULL;
}

static int same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Picks the execution a page belongs to; returns exec_count for "a new one". */
static size_t pick_exec(const asldot_history *h, const batch *b)
{
    const asldot_hevent *start = batch_start(b);
    if (b->execution_arn) {
        for (size_t i = 0; i < h->exec_count; i++)
            if (same_text(h->execs[i].execution_arn, b->execution_arn))
                return i;
    }
    if (start == NULL)
        return h->exec_count ? h->last_exec : 0;
    for (size_t i = 0; i < h->exec_count; i++) {
        const asldot_hexec *x = &h->execs[i];
        const asldot_hevent *xs;
        if (!x->has_start || (x->execution_arn && b->execution_arn))
            continue;
        xs = NULL;
        for (size_t k = 0; k < x->count && xs == NULL; k++)
            if (x->events[k].kind == ASLDOT_HEV_EXEC_STARTED)
                xs = &x->events[k];
        if (xs && xs->id == start->id && xs->has_ts == start->has_ts &&
            (!xs->has_ts || xs->ts_ms == start->ts_ms) && same_text(xs->input, start->input))
            return i; /* the same first page again */
    }
    for (size_t i = 0; i < h->exec_count; i++) {
        if (!h->execs[i].has_start && !(h->execs[i].execution_arn && b->execution_arn))
            return i; /* later pages came first (newest-first order) */
    }
    return h->exec_count;
}

static asldot_status commit(asldot_history *h, batch *b, asldot_diagnostics *diags)
{
    size_t asc = 0, desc = 0, xi, w;
    long long last = -1, anchor = 0;
    asldot_hexec *x;

    if (b->count == 0 && b->execution_arn == NULL)
        return ASLDOT_OK;
    if (h->event_count + b->count > ASLDOT_HISTORY_MAX_EVENTS) {
        asldot_status st =
            asldot_diag_add(diags, ASLDOT_SEV_ERROR, "history-limit", "", 0, 0,
                            "the history holds more than %u events", ASLDOT_HISTORY_MAX_EVENTS);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
    }
    /* newest-first pages (--reverse-order) are turned around so placeholders keep their place */
    for (size_t i = 0; i < b->count; i++) {
        if (b->events[i].id < 0)
            continue;
        if (last >= 0)
            *(b->events[i].id > last ? &asc : &desc) += 1;
        last = b->events[i].id;
    }
    if (desc > asc) {
        for (size_t i = 0, j = b->count; i + 1 < j; i++, j--) {
            asldot_hevent t = b->events[i];
            b->events[i] = b->events[j - 1];
            b->events[j - 1] = t;
        }
    }
    for (size_t i = 0; i < b->count; i++) {
        if (b->events[i].id >= 0)
            anchor = b->events[i].id;
        b->events[i].anchor = anchor;
        b->events[i].seq = h->seq++;
    }

    xi = pick_exec(h, b);
    if (xi == h->exec_count) {
        if (h->exec_count == h->exec_cap) {
            asldot_hexec *n = asldot_grow(h->execs, &h->exec_cap, h->exec_count, sizeof *n, 4);
            if (n == NULL)
                return ASLDOT_ERR_NOMEM;
            h->execs = n;
        }
        memset(&h->execs[xi], 0, sizeof h->execs[xi]);
        h->exec_count++;
    }
    x = &h->execs[xi];
    if (x->count + b->count > x->cap) {
        size_t cap = x->cap ? x->cap : 64;
        asldot_hevent *n;
        while (cap < x->count + b->count)
            cap *= 2;
        n = asldot_realloc_array(x->events, cap, sizeof *n);
        if (n == NULL)
            return ASLDOT_ERR_NOMEM;
        x->events = n;
        x->cap = cap;
    }
    if (b->count)
        memcpy(x->events + x->count, b->events, b->count * sizeof *b->events);
    h->event_count -= x->count;
    x->count += b->count;
    qsort(x->events, x->count, sizeof *x->events, event_cmp);
    /* drop repeated ids (the same page given twice, overlapping pages): the first copy stays */
    w = 0;
    for (size_t i = 0; i < x->count; i++) {
        if (w > 0 && x->events[i].id >= 0 && x->events[w - 1].id == x->events[i].id)
            continue;
        x->events[w++] = x->events[i];
    }
    x->count = w;
    h->event_count += x->count;
    for (size_t i = 0; i < x->count; i++)
        if (x->events[i].kind == ASLDOT_HEV_EXEC_STARTED)
            x->has_start = 1;
    if (x->execution_arn == NULL)
        x->execution_arn = b->execution_arn;
    if (x->map_run_arn == NULL)
        x->map_run_arn = b->map_run_arn;
    if (x->parent_arn == NULL)
        x->parent_arn = b->parent_arn;
    h->last_exec = xi;
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- splitting concatenated values */

static size_t skip_space(const char *d, size_t len, size_t i)
{
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
        i++;
    return i;
}

/* Returns the end of the JSON object or array starting at d[i] (len when it never closes). */
static size_t value_end(const char *d, size_t len, size_t i)
{
    size_t depth = 0;
    int in_str = 0;
    for (; i < len; i++) {
        char c = d[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || --depth == 0)
                return i + 1;
        }
    }
    return len;
}

/* Counts the lines before offset off, to shift the diagnostics of a later page. */
static unsigned lines_before(const char *d, size_t off)
{
    unsigned n = 0;
    for (size_t i = 0; i < off; i++)
        if (d[i] == '\n')
            n++;
    return n;
}

static asldot_status copy_diag(asldot_diagnostics *d, const asldot_diagnostic *g,
                               unsigned line_shift, const char *fmt, ...) ASLDOT_PRINTF(4, 5);

static asldot_status copy_diag(asldot_diagnostics *d, const asldot_diagnostic *g,
                               unsigned line_shift, const char *fmt, ...)
{
    va_list ap;
    asldot_status st;
    va_start(ap, fmt);
    st = asldot_diag_addv(d, g->severity, g->code, g->pointer, g->line ? g->line + line_shift : 0,
                          g->column, g->excerpt, g->excerpt ? strlen(g->excerpt) : 0, fmt, ap);
    va_end(ap);
    return st;
}

static asldot_status parse_value(asldot_history *h, batch *b, asldot_buf *tmp, const char *data,
                                 size_t len, const asldot_options *opts, unsigned line_shift,
                                 asldot_diagnostics *diags)
{
    asldot_diagnostics *local = NULL;
    asldot_doc *doc = NULL;
    asldot_status st, st2 = ASLDOT_OK;

    if (line_shift == 0 || diags == NULL) {
        st = asldot_doc_parse(&doc, data, len, opts, diags);
        if (st == ASLDOT_OK)
            st = read_root(h, b, tmp, doc->root, diags);
        asldot_doc_free(doc);
        return st;
    }
    /* a later page: its diagnostics are moved down to the page's lines in the file */
    if ((st = asldot_diagnostics_new(&local)) != ASLDOT_OK)
        return st;
    st = asldot_doc_parse(&doc, data, len, opts, local);
    if (st == ASLDOT_OK)
        st = read_root(h, b, tmp, doc->root, local);
    asldot_doc_free(doc);
    for (size_t i = 0; i < asldot_diagnostics_count(local) && st2 == ASLDOT_OK; i++) {
        const asldot_diagnostic *g = asldot_diagnostics_get(local, i);
        st2 = copy_diag(diags, g, line_shift, "%s", g->message);
    }
    asldot_diagnostics_free(local);
    return st != ASLDOT_OK ? st : st2;
}

static asldot_status add_page(asldot_history *h, asldot_buf *tmp, const char *data, size_t len,
                              const asldot_options *opts, unsigned line_shift,
                              asldot_diagnostics *diags)
{
    batch b;
    asldot_status st;
    memset(&b, 0, sizeof b);
    st = parse_value(h, &b, tmp, data, len, opts, line_shift, diags);
    if (st == ASLDOT_OK && b.bad_events)
        st = asldot_diag_add(diags, ASLDOT_SEV_WARNING, "history-bad-event", "", 0, 0,
                             "%zu item%s of the history %s not an event object with \"type\"",
                             b.bad_events, b.bad_events == 1 ? "" : "s",
                             b.bad_events == 1 ? "is" : "are");
    if (st == ASLDOT_OK && b.bad_timestamps)
        st = asldot_diag_add(diags, ASLDOT_SEV_NOTE, "history-timestamps", "", 0, 0,
                             "%zu event timestamp%s could not be read: durations are not shown",
                             b.bad_timestamps, b.bad_timestamps == 1 ? "" : "s");
    if (st == ASLDOT_OK)
        st = commit(h, &b, diags);
    asldot_free(b.events);
    return st;
}

static asldot_status add_pages(asldot_history *h, const char *data, size_t len,
                               const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_status st = ASLDOT_OK;
    size_t i = 0, first;

    if (data == NULL)
        data = "";
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    first = skip_space(data, len, i);
    if (first == len || (data[first] != '{' && data[first] != '[') ||
        skip_space(data, len, value_end(data, len, first)) == len) {
        /* one value (or YAML, or something the parser will reject): parse it whole */
        st = add_page(h, &tmp, data, len, opts, 0, diags);
        asldot_buf_free(&tmp);
        return st;
    }
    /* several concatenated values: each is a page */
    i = first;
    while (i < len && st == ASLDOT_OK) {
        size_t end;
        if (data[i] != '{' && data[i] != '[')
            end = len; /* not a JSON value: let the parser report it */
        else
            end = value_end(data, len, i);
        st = add_page(h, &tmp, data + i, end - i, opts, lines_before(data, i), diags);
        i = skip_space(data, len, end);
    }
    asldot_buf_free(&tmp);
    return st;
}

/* The status is the truth: an error recorded on the way (a duplicate key in an otherwise readable
 * page, say) makes the call fail with ASLDOT_ERR_INVALID, even though the events that could be
 * read are kept. Errors are counted in a list of our own when the caller passes none. */
asldot_status asldot_history_add(asldot_history *h, const char *data, size_t len,
                                 const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_diagnostics *own = NULL, *d = diags;
    size_t errors_before;
    asldot_status st;
    if (h == NULL || (data == NULL && len > 0))
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    if (d == NULL) {
        st = asldot_diagnostics_new(&own);
        if (st != ASLDOT_OK)
            return st;
        d = own;
    }
    errors_before = asldot_diagnostics_error_count(d);
    st = add_pages(h, data, len, opts, d);
    if (st == ASLDOT_OK && asldot_diagnostics_error_count(d) > errors_before)
        st = ASLDOT_ERR_INVALID;
    asldot_diagnostics_free(own);
    return st;
}
